import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../errors';

/**
 * Short lists of document ids kept under a key, read by `_id`: on FerretDB any filter but `_id`
 * equality reads every document of a collection, so "the notices of this case" or "the
 * published questions of this item" are found through their list instead. The k-th entry of
 * key K is the document `<K>#<k>`, so a list is read by asking for `#1`, `#2`, … (a few at
 * once) until one is missing, and added to by inserting the next `_id` after the last that
 * exists: the unique `_id` decides between writers at once, also between processes, and each
 * try follows one that exists, so a list never has a hole where reading it would stop.
 *
 * A list is written after the document it names (a crash between the two leaves the document
 * unlisted until its action is applied again, which adds it). A collection of lists is
 * complete once marked `built`: from the start on a database without any listed document
 * yet, else once a rebuild (a script) has listed the documents from before the lists.
 */
export interface IdEntry {
  _id: string;
  /** The listed document's `_id`. */
  ref: string;
  /** What else a reader needs to pick an entry without reading its document (a notice's action). */
  tag?: string | null;
}

/** Entries read by `_id` at once: most lists hold one to three. */
const IN_FLIGHT = 4;
const BUILT_ID = 'built';

export interface IdLists {
  /** The entries under a key, in the order added. */
  read(key: string): Promise<IdEntry[]>;
  /** Adds `ref` under a key after the `known` entries (read in order from the first; read now if not given), unless listed already; answers the entry it wrote. */
  add(key: string, ref: string, tag?: string | null, known?: IdEntry[]): Promise<IdEntry | null>;
  /** Whether every document has its entry (asked once per connection until it does). */
  built(): Promise<boolean>;
  /** On a database without any listed document yet (`empty()`), marks the lists complete; once per connection. */
  start(empty: () => Promise<boolean>): Promise<void>;
  markBuilt(): Promise<void>;
}

const builtKnown = new WeakMap<Connection, Map<string, Promise<boolean>>>();
const startedKnown = new WeakMap<Connection, Map<string, Promise<void>>>();
const memo = <V>(table: WeakMap<Connection, Map<string, V>>, db: Connection) => table.get(db) ?? table.set(db, new Map()).get(db) as Map<string, V>;

/** The lists kept in `collection`. */
export function idLists(db: Connection, collection: string): IdLists {
  const coll = db.collection<IdEntry>(collection);
  const lists: IdLists = {
    async read(key) {
      const entries: IdEntry[] = [];
      for (let from = 1; ; from += IN_FLIGHT) {
        const batch = await Promise.all(Array.from({ length: IN_FLIGHT }, (_, i) => coll.findOne({ _id: `${key}#${from + i}` })));
        for (const entry of batch) {
          if (!entry) return entries;
          entries.push(entry);
        }
      }
    },
    async add(key, ref, tag = null, known) {
      const listed = known ?? (await lists.read(key));
      if (listed.some((e) => e.ref === ref)) return null;
      for (let k = listed.length + 1; ; k++) {
        const entry: IdEntry = { _id: `${key}#${k}`, ref, tag };
        try {
          await coll.insertOne(entry);
          return entry;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          if ((await coll.findOne({ _id: entry._id }))?.ref === ref) return null;
        }
      }
    },
    built() {
      const known = memo(builtKnown, db);
      let answer = known.get(collection);
      if (!answer) {
        answer = coll.findOne({ _id: BUILT_ID }).then((doc) => doc !== null);
        known.set(collection, answer);
        void answer.then((built) => (built ? undefined : known.delete(collection)), () => known.delete(collection));
      }
      return answer;
    },
    start(empty) {
      const started = memo(startedKnown, db);
      let done = started.get(collection);
      if (!done) {
        done = (async () => {
          if (!(await lists.built()) && (await empty())) await lists.markBuilt();
        })();
        started.set(collection, done);
        done.catch(() => started.delete(collection));
      }
      return done;
    },
    async markBuilt() {
      await coll.insertOne({ _id: BUILT_ID, ref: '' }).catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
      });
      memo(builtKnown, db).delete(collection);
    },
  };
  return lists;
}
