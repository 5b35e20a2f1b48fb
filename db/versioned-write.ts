import { mongo, type Collection, type Connection, type Types } from 'mongoose';
import { isDuplicateKey } from './errors';
import { groupCommit } from './group-commit';

/**
 * Compare-and-swap of one document by `_id` across processes on FerretDB.
 *
 * FerretDB v1 applies an update as read-modify-write without isolation, so two processes
 * writing one document lose one of the writes. The one write it makes atomic between
 * processes is the insert of an `_id` already taken (a duplicate key). So every version of
 * a document is first inserted whole into `write_versions` under `<collection>/<id>@<n>`:
 * the writer that inserts `@n+1` owns version n+1, and a writer that finds it taken reads
 * the newer versions and computes again from the newest. The owner then publishes its
 * version into the collection itself (a whole replacement carrying `_v`), where every reader
 * finds it by `_id` as before, and checks that no newer version was inserted meanwhile (two
 * publications may land out of order; the last writer to check republishes the newest).
 * A writer that dies between its insert and its publication delays nothing: the next writer
 * finds the version and continues from it (and publishes it, when it has nothing to add). The
 * previous version is emptied (its document set to null) behind the writes, so
 * `write_versions` keeps one small row per write and the whole content of the newest only.
 * (The emptied rows may be deleted when no writer is running: nothing reads them then.)
 *
 * A version row carries its document as one BSON value (`b`, binary), not as a document:
 * FerretDB decodes and re-encodes every field of a document it reads or updates, so a row
 * holding a list bucket of a thousand lines cost a thousand string decodes at its insert and
 * again when it was emptied, where one binary value costs one. Rows written before carry the
 * document itself (`doc`); both are read.
 */
export const VERSIONS_COLLECTION = 'write_versions';

/** A document's `_id`: a string, or the ObjectId Mongoose gives documents keyed by another field (users, departments). */
export type DocId = string | Types.ObjectId;

type Doc = { _id: DocId; _v?: number } & Record<string, unknown>;

/** The version a stored document carries (0 for one written before versions, or none). */
const versionOf = (doc: Doc | null): number => doc?._v ?? 0;

function withoutVersion<T>(doc: Doc | null): T | null {
  if (!doc) return null;
  const { _v, ...rest } = doc;
  void _v;
  return rest as T;
}

interface VersionRow {
  _id: string;
  /** The document as BSON; null once emptied. */
  b?: mongo.Binary | null;
  /** The document itself, in rows written before `b`; null once emptied. */
  doc?: Doc | null;
  at: Date;
}

const { BSON } = mongo;

/** A version row of `doc`. */
const versionRow = (_id: string, doc: Doc): VersionRow => ({ _id, b: new BSON.Binary(BSON.serialize(doc)), at: new Date() });

/**
 * Inserts a version row, with the rows other writers in this process insert meanwhile (or in
 * the same turn of the event loop) in one unordered `insertMany` (db/group-commit.ts): on
 * FerretDB one command of a hundred small documents costs about as much as one command of
 * one. Throws the row's own error (a duplicate key: another writer owns the version); any
 * other failure fails every row of the group, which then stays unwritten or is found by the
 * retry as its own.
 */
function insertVersion(db: Connection, row: VersionRow): Promise<void> {
  return groupCommit<VersionRow>(`${db.id}/${VERSIONS_COLLECTION}/insert`, row, async (rows) => {
    try {
      await db.collection<VersionRow>(VERSIONS_COLLECTION).insertMany(rows, { ordered: false });
      return rows.map(() => undefined);
    } catch (error) {
      const failed = (error as { writeErrors?: { index: number; code?: number; errmsg?: string }[] }).writeErrors;
      if (!Array.isArray(failed)) return rows.map(() => error);
      const outcomes: unknown[] = rows.map(() => undefined);
      for (const e of failed) outcomes[e.index] = Object.assign(new Error(e.errmsg ?? 'insert failed'), { code: e.code });
      return outcomes;
    }
  }, { gather: true });
}

/** The document a version row carries, or null when it has been emptied. */
function docOf(row: VersionRow): Doc | null {
  if (row.b) return BSON.deserialize(row.b.buffer) as Doc;
  return row.doc ?? null;
}

/** The newest version at or after `from` (which is known to exist), or null when it has been emptied meanwhile. */
async function newestFrom(versions: Collection<VersionRow>, key: string, from: number): Promise<{ v: number; doc: Doc } | null> {
  let found: { v: number; doc: Doc } | null = null;
  for (let v = from; ; v++) {
    const row = await versions.findOne({ _id: `${key}@${v}` });
    if (!row) return found;
    const doc = docOf(row);
    found = doc ? { v, doc } : null;
  }
}

/**
 * A document written beside each published version, in the same collection and the same
 * command (a bucket's counts beside the bucket: db/queries/case-list-index.ts): built from the
 * version published and its number.
 */
type Companion = (doc: Doc, v: number) => Doc;

/**
 * Replaces the documents whole, inserting those not there yet, in one command: on FerretDB one
 * command of two statements costs less than two commands, and one round trip instead of two.
 * An insert that raced another of the same `_id` is answered "duplicate key"; the document is
 * there then, and the write is made again.
 */
async function replaceWhole(coll: Collection<Doc>, docs: Doc[]): Promise<void> {
  // One document: a plain `replaceOne`, whose filter is its `_id` alone wherever it is looked at.
  const [only] = docs;
  const write = () => (docs.length === 1 && only
    ? coll.replaceOne({ _id: only._id }, only, { upsert: true })
    : coll.bulkWrite(docs.map((doc) => ({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } })), { ordered: true }));
  try {
    await write();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await write();
  }
}

/** The most statements one publication command carries (FerretDB v1.24 answers no `update` of 100 or more: {@link EMPTY_BATCH}). */
const PUBLISH_BATCH = 50;

/**
 * Publishes documents into their collection together with the publications other writers in
 * this process make meanwhile, or in the same turn of the event loop (db/group-commit.ts): the
 * two list buckets a clerk's step moves a case between, the read models of a midnight's
 * recordings. One `update` command of a few statements costs FerretDB less than as many
 * commands, and the driver one round trip. A group is sent in commands of at most
 * {@link PUBLISH_BATCH} statements, each publication's documents in one command and in their
 * order; if any fails, every publication of the group is made again on its own (the same
 * replacement twice changes nothing: a newer version published meanwhile by another process
 * is found by the check that follows every publication, and republished).
 */
function publishTogether(db: Connection, coll: Collection<Doc>, docs: Doc[]): Promise<void> {
  return groupCommit<Doc[]>(`${db.id}/${coll.collectionName}/publish`, docs, async (groups) => {
    let batch: Doc[] = [];
    for (const group of groups) {
      if (batch.length > 0 && batch.length + group.length > PUBLISH_BATCH) {
        await replaceWhole(coll, batch);
        batch = [];
      }
      batch.push(...group);
    }
    await replaceWhole(coll, batch);
  }, { gather: true });
}

/**
 * What follows each version of a document published by a compare-and-swap (the case lists'
 * placement of a read model: db/queries/case-list-index.ts): called with the version
 * published and the one before it (the version the write was computed from, then each one
 * republished), awaited before the check for a newer version.
 */
type Published = (doc: Doc, before: Doc | null) => Promise<void>;

/**
 * Publishes version `v` into the collection (with its companion) and runs `published` for it,
 * then republishes the newest (and runs `published` for it) while a newer one appeared
 * meanwhile. Answers whether version `v` is the newest (no other writer's came after it).
 *
 * The check for a newer version comes after `published`, so the check also stands for what it
 * did: a writer whose version is newer inserted it after the check (else the check finds it),
 * so its own publication and `published` come after this one's. A failure of `published` is
 * answered once the newest is published, never before (a publication out of order that no
 * check followed would leave an older version in place).
 */
async function publish(
  db: Connection, coll: Collection<Doc>, versions: Collection<VersionRow>, key: string, id: DocId, v: number, doc: Doc,
  companion: Companion | undefined, published: Published | undefined, before: Doc | null,
): Promise<boolean> {
  let failure: { error: unknown } | null = null;
  for (let first = true; ; first = false) {
    const whole = { ...doc, _id: id, _v: v };
    await publishTogether(db, coll, companion ? [whole, companion(doc, v)] : [whole]);
    if (published && !failure) {
      try {
        await published(doc, before);
      } catch (error) {
        failure = { error };
      }
    }
    const newer = await versions.findOne({ _id: `${key}@${v + 1}` });
    const newest = newer ? await newestFrom(versions, key, v + 1) : null;
    if (!newest) {
      if (failure) throw failure.error;
      // No newer version, or one emptied: a writer two versions ahead published after this one.
      return first && !newer;
    }
    before = doc;
    ({ v, doc } = newest);
  }
}

interface Superseded {
  rows: string[];
  drained: Promise<void> | null;
}

/** Per connection, the superseded version rows not emptied yet. */
const superseded = new WeakMap<Connection, Superseded>();
/** When the last compare-and-swap of this process started (`performance.now()`). */
let lastWriteAt = 0;
/** Superseded rows wait for this long a pause in the writes before they are emptied… */
const QUIET_MS = 250;
/** …unless this many are waiting. */
const MOST_WAITING = 10_000;
/**
 * The most rows one command empties. FerretDB v1.24 never answers an `update` command of 100
 * statements or more (99 answered in 0.15 s, 100 not within 15 s; deletes are not affected).
 */
const EMPTY_BATCH = 50;

/**
 * Empties a superseded version row behind the writes, once the writes pause, rather than as
 * one more command of the write that superseded it: nothing reads an older row's document
 * once a newer version is inserted, so emptying only keeps `write_versions` small. A
 * midnight's alerts of 1,000 cases were recorded in 12 s instead of 16 with the emptying off
 * their path (bench/record.bench.ts). The rows waiting are emptied together, up to
 * {@link EMPTY_BATCH} by one unordered bulk write (one `update` command of a statement per
 * row, each by `_id`): on FerretDB a statement of a bulk write costs about 0.45 ms of its CPU
 * where a command of its own costs 0.75 ms, and the driver sends one command instead of
 * hundreds. A process that stops with rows still waiting leaves them whole: they take room,
 * nothing more.
 */
function emptyLater(db: Connection, rowId: string): void {
  let queue = superseded.get(db);
  if (!queue) {
    queue = { rows: [], drained: null };
    superseded.set(db, queue);
  }
  queue.rows.push(rowId);
  if (queue.drained) return;
  const own = queue;
  own.drained = (async () => {
    const versions = db.db?.collection<VersionRow>(VERSIONS_COLLECTION);
    while (own.rows.length > 0 && versions) {
      const quietIn = lastWriteAt + QUIET_MS - performance.now();
      if (quietIn > 0 && own.rows.length < MOST_WAITING) {
        await new Promise((resolve) => setTimeout(resolve, quietIn));
        continue;
      }
      const rows = own.rows.splice(0, EMPTY_BATCH);
      const at = new Date();
      try {
        await versions.bulkWrite(rows.map((_id) => ({ replaceOne: { filter: { _id }, replacement: { b: null, at } } })), { ordered: false });
      } catch {
        own.rows = []; // the connection is gone (or a row could not be written): the rows stay whole
      }
    }
    own.drained = null;
  })();
}

/** Resolves once the superseded rows queued on `db` so far are emptied (tests, benchmarks). */
export async function versionsEmptied(db: Connection): Promise<void> {
  while (superseded.get(db)?.drained) await superseded.get(db)?.drained;
}

interface Remembered {
  docs: Map<string, { v: number; bson: Uint8Array }>;
  bytes: number;
}
/**
 * The newest version this process published of each document written with `remember`, per
 * connection, as the BSON a read would have answered: its next compare-and-swap starts from
 * it instead of reading the document (one command of the three or four a write sends). The
 * version row is the proof, as for every write: when another process has published a newer
 * version meanwhile, the insert of the next version is refused as a duplicate and the writer
 * reads the newer versions. So a collection may be remembered only where every writer of its
 * documents writes through {@link casWrite} (a direct update would not make a version, and a
 * remembered document would overwrite it): the case read model (activities/record.ts), the
 * case lists' buckets (db/queries/case-list-index.ts), the inbox lists' parts
 * (db/queries/inbox-lists.ts) and the statistics' day rows (activities/rollups.ts). The least
 * recently written go first, beyond {@link REMEMBERED_MOST} documents or
 * {@link REMEMBERED_BYTES}. A write takes its document out before it starts and puts the
 * version it published back, so a write that fails leaves nothing remembered and the next reads.
 */
const remembered = new WeakMap<Connection, Remembered>();
const REMEMBERED_MOST = 5_000;
const REMEMBERED_BYTES = 16 * 2 ** 20;

function forget(known: Remembered | undefined, key: string): void {
  const was = known?.docs.get(key);
  if (!known || !was) return;
  known.docs.delete(key);
  known.bytes -= was.bson.byteLength;
}

function remember(db: Connection, key: string, v: number, bson: Uint8Array): void {
  let known = remembered.get(db);
  if (!known) {
    known = { docs: new Map(), bytes: 0 };
    remembered.set(db, known);
  }
  forget(known, key);
  known.docs.set(key, { v, bson });
  known.bytes += bson.byteLength;
  for (const oldest of known.docs.keys()) {
    if (known.docs.size <= REMEMBERED_MOST && known.bytes <= REMEMBERED_BYTES) break;
    forget(known, oldest);
  }
}

/** The remembered newest version of a document, taken out (see {@link remembered}), or null. */
function recall(db: Connection, key: string): { v: number; bson: Uint8Array; doc: Doc } | null {
  const known = remembered.get(db);
  const was = known?.docs.get(key);
  if (!was) return null;
  forget(known, key);
  return { ...was, doc: BSON.deserialize(was.bson) as Doc };
}

/**
 * Forgets what this process remembers of the documents whose key (`<collection>/<id>`) starts
 * with `prefix`: for a rebuild that replaces them and their versions wholesale.
 */
export function forgetVersions(db: Connection, prefix: string): void {
  const known = remembered.get(db);
  for (const key of [...(known?.docs.keys() ?? [])]) if (key.startsWith(prefix)) forget(known, key);
}

/** The tail of the writes queued on each document in this process. */
const queues = new Map<string, Promise<unknown>>();

/** Runs the writes to one key one after another in this process. */
async function oneAtATime<R>(key: string, write: () => Promise<R>): Promise<R> {
  const previous = queues.get(key) ?? Promise.resolve();
  const current = previous.then(write, write);
  const tail = current.catch(() => undefined);
  queues.set(key, tail);
  try {
    return await current;
  } finally {
    if (queues.get(key) === tail) queues.delete(key);
  }
}

export interface CasResult<T> {
  /** The document the write was computed from (null: none). */
  before: T | null;
  /** The document written. */
  after: T;
  /** The version it was published as (`<collection>/<id>@<version>` in {@link VERSIONS_COLLECTION}). */
  version: number;
  /** Whether no newer version was found after it was published (and `published` ran for it). */
  newest: boolean;
}

/**
 * Replaces the document `id` of `collection` by `next(stored)` as one compare-and-swap across
 * processes; `next` answering null writes nothing (and answers null). `next` may be called
 * again with a newer document when another writer got there first, so it must be pure.
 * Writers of one document in this process are queued, so only other processes race.
 * `companion`: a document of the same collection written with every version published, in
 * the same command. `published`: what must follow each version published (see {@link Published}).
 */
export async function casWrite<T extends { _id: DocId }>(
  db: Connection,
  collection: string,
  id: DocId,
  next: (stored: T | null) => T | null,
  options: {
    companion?: (doc: T, v: number) => { _id: DocId } & Record<string, unknown>;
    /** Start the next write of this document in this process from the version written now (see {@link remembered}). */
    remember?: boolean;
    published?: (doc: T, before: T | null) => Promise<void>;
  } = {},
): Promise<CasResult<T> | null> {
  return oneAtATime(`${db.name}/${collection}/${String(id)}`, () =>
    swap(db, collection, id, next, options.companion as Companion | undefined, options.remember === true, options.published as Published | undefined));
}

async function swap<T extends { _id: DocId }>(
  db: Connection, collection: string, id: DocId, next: (stored: T | null) => T | null, companion: Companion | undefined, remembering: boolean,
  published: Published | undefined,
): Promise<CasResult<T> | null> {
  lastWriteAt = performance.now();
  const coll = db.collection<Doc>(collection);
  const versions = db.collection<VersionRow>(VERSIONS_COLLECTION);
  const key = `${collection}/${String(id)}`;
  const known = remembering ? recall(db, key) : null;
  let stored = known ? known.doc : ((await coll.findOne({ _id: id })) as Doc | null);
  let v = known ? known.v : versionOf(stored);
  /** Whether `stored` came from a version row, which its writer may not have published (it died, or failed after the insert). */
  let fromRow = false;
  /** Whether `stored` is the version this process remembers, which another process may have superseded since. */
  let fromMemory = known !== null;
  /** Continues from the versions after `v`, another writer's. */
  const readNewer = async () => {
    const newest = await newestFrom(versions, key, v + 1);
    if (newest) {
      ({ v, doc: stored } = newest);
      fromRow = true;
    } else {
      stored = (await coll.findOne({ _id: id })) as Doc | null;
      v = versionOf(stored);
      fromRow = false;
    }
    fromMemory = false;
  };
  for (;;) {
    const before = withoutVersion<T>(stored);
    const after = next(before);
    if (after === null) {
      if (fromMemory && known) {
        // Nothing to write, as this process remembers the document: so only if no newer version is there.
        if (await versions.findOne({ _id: `${key}@${v + 1}` })) {
          await readNewer();
          continue;
        }
        remember(db, key, known.v, known.bson);
      }
      if (fromRow && stored) await publish(db, coll, versions, key, id, v, stored, companion, undefined, null);
      return null;
    }
    const doc = { ...after, _id: id } as unknown as Doc;
    const row = versionRow(`${key}@${v + 1}`, doc);
    try {
      await insertVersion(db, row);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await readNewer();
      continue;
    }
    const newest = await publish(db, coll, versions, key, id, v + 1, doc, companion, published, stored);
    if (remembering && newest && row.b) remember(db, key, v + 1, row.b.buffer);
    if (v > 0) emptyLater(db, `${key}@${v}`);
    return { before, after, version: v + 1, newest };
  }
}

type Fields = Record<string, unknown>;

function setPath(doc: Fields, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = doc;
  for (const part of parts.slice(0, -1)) {
    const inner = at[part];
    const copy: Fields = typeof inner === 'object' && inner !== null && !Array.isArray(inner) && !(inner instanceof Date) ? { ...(inner as Fields) } : {};
    at[part] = copy;
    at = copy;
  }
  at[parts[parts.length - 1] as string] = value;
}

function getPath(doc: Fields, path: string): unknown {
  let at: unknown = doc;
  for (const part of path.split('.')) at = typeof at === 'object' && at !== null ? (at as Fields)[part] : undefined;
  return at;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * A MongoDB update (`$set`, `$setOnInsert`, `$inc`, `$push` and `$addToSet` with or without
 * `$each`; dotted paths) applied to a stored document, as `updateOne` with `upsert` would
 * (a new document starts from `defaults`: Mongoose's schema defaults, set on insert).
 */
export function applyUpdate<T>(stored: T | null, id: DocId, update: Record<string, unknown>, defaults: Fields = {}): T {
  const doc: Fields = stored ? { ...(stored as Fields) } : { ...defaults, _id: id };
  for (const [op, fields] of Object.entries(update)) {
    for (const [path, value] of Object.entries(fields as Fields)) {
      switch (op) {
        case '$set':
          setPath(doc, path, value);
          break;
        case '$setOnInsert':
          if (!stored) setPath(doc, path, value);
          break;
        case '$inc':
          setPath(doc, path, (Number(getPath(doc, path) ?? 0)) + Number(value));
          break;
        case '$push': {
          const each = typeof value === 'object' && value !== null && '$each' in value ? (value as { $each: unknown[] }).$each : [value];
          setPath(doc, path, [...((getPath(doc, path) as unknown[] | undefined) ?? []), ...each]);
          break;
        }
        case '$addToSet': {
          const list = [...((getPath(doc, path) as unknown[] | undefined) ?? [])];
          const each = typeof value === 'object' && value !== null && '$each' in value ? (value as { $each: unknown[] }).$each : [value];
          for (const item of each) if (!list.some((x) => same(x, item))) list.push(item);
          setPath(doc, path, list);
          break;
        }
        default:
          throw new Error(`applyUpdate: ${op} is not supported`);
      }
    }
  }
  return doc as T;
}
