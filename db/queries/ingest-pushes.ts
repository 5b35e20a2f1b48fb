import type { Connection } from 'mongoose';
import { ingestPushModel } from '../models/external-system';

const REFUSALS_KEPT = 20;

interface EventResult {
  index: number;
  eventId: string | null;
  caseNo?: string;
  status: 'accepted' | 'duplicate' | 'rejected' | 'failed';
  code?: string;
  detail?: string;
}

/** Records one push: its counts and the first refused events, as the system was answered. */
export async function recordPush(
  db: Connection, systemId: string, at: number,
  answer: { accepted: number; duplicates: number; rejected: number; failed: number; results: EventResult[] },
): Promise<void> {
  const refusals = answer.results.filter((r) => r.status === 'rejected' || r.status === 'failed').slice(0, REFUSALS_KEPT)
    .map((r) => ({ index: r.index, eventId: r.eventId, caseNo: r.caseNo ?? null, status: r.status, code: r.code ?? null, detail: r.detail ?? null }));
  const { accepted, duplicates, rejected, failed } = answer;
  await ingestPushModel(db).create({ systemId, at: new Date(at), accepted, duplicates, rejected, failed, refusals });
}
