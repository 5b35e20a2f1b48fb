import type { Connection } from 'mongoose';
import { isDuplicateKey, isMaxTimeExpired } from '../errors';
import { isFerretDb } from '../guarded-write';
import { claimNext, counterModel, takenSoFar } from '../models/counter';
import { ingestPushModel, type IngestPushDoc } from '../models/external-system';

const REFUSALS_KEPT = 20;

interface EventResult {
  index: number;
  eventId: string | null;
  caseNo?: string;
  status: 'accepted' | 'duplicate' | 'rejected' | 'failed';
  code?: string;
  detail?: string;
}

/** Records one push: its counts and the first refused events, as the system was answered; numbered in its system's sequence. */
export async function recordPush(
  db: Connection, systemId: string, at: number,
  answer: { accepted: number; duplicates: number; rejected: number; failed: number; results: EventResult[] },
): Promise<void> {
  const refusals = answer.results.filter((r) => r.status === 'rejected' || r.status === 'failed').slice(0, REFUSALS_KEPT)
    .map((r) => ({ index: r.index, eventId: r.eventId, caseNo: r.caseNo ?? null, status: r.status, code: r.code ?? null, detail: r.detail ?? null }));
  const { accepted, duplicates, rejected, failed } = answer;
  const Pushes = ingestPushModel(db);
  await claimNext(db, sequenceOf(systemId), async (n) => {
    try {
      await Pushes.create({ _id: `${systemId}:${n}`, systemId, at: new Date(at), accepted, duplicates, rejected, failed, refusals });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return undefined;
      throw error;
    }
  });
}

export type Push = IngestPushDoc & { _id: unknown };

/** How long the pages wait for pushes recorded before the numbering, found by reading them all on FerretDB. */
const BEFORE_NUMBERING_MS = 3_000;

/**
 * A system's last `count` pushes, newest first. Each push is numbered in its system's
 * sequence, `<systemId>:<n>`, so on FerretDB (where `{ systemId }` reads every push of every
 * system, one a push for as long as a system reports) the last are read by `_id` from the
 * sequence's hint, checked onward while later ones exist. A system that has not pushed since
 * the numbering shows its earlier pushes, read within a time budget (none when it runs out).
 * MongoDB reads them from the `(systemId, at)` index.
 */
export async function lastPushes(db: Connection, systemId: string, count: number): Promise<Push[]> {
  const Pushes = ingestPushModel(db);
  const byIndex = () => Pushes.find({ systemId }).sort({ at: -1 }).limit(count).lean<Push[]>();
  if (!(await isFerretDb(db))) return byIndex();
  const hint = (await counterModel(db).findById(sequenceOf(systemId), { seq: 1 }).lean())?.seq;
  if (hint === undefined) {
    // Past its budget the page shows no pushes for the system rather than failing for all of them.
    return byIndex().maxTimeMS(BEFORE_NUMBERING_MS).catch((error: unknown) => {
      if (isMaxTimeExpired(error)) return [];
      throw error;
    });
  }
  const last = await takenSoFar({ model: counterModel(db) }, sequenceOf(systemId), async (n) => (await Pushes.exists({ _id: `${systemId}:${n}` })) !== null);
  const numbers = Array.from({ length: Math.min(count, last) }, (_, i) => last - i);
  const pushes = await Promise.all(numbers.map((n) => Pushes.findById(`${systemId}:${n}`).lean<Push>()));
  return pushes.filter((p): p is Push => p !== null);
}

const sequenceOf = (systemId: string) => `push:${systemId}`;
