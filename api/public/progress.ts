import { timingSafeEqual } from 'node:crypto';
import { caseModel } from '../../db/models/case';
import type { PauseReason } from '../../domain/clock/types';
import type { CaseView } from '../../workflows/case/contract';
import { queryCase, type CaseRecord } from '../cases/access';
import type { ApiContext } from '../context';
import { readVersion } from '../definitions/versions';
import { notFound } from '../http/errors';

const iso = (at: Date | number | null | undefined) => (at === null || at === undefined ? null : new Date(at).toISOString());

/** Statuses of the read model in which the processing clock stands still, and why. */
const PAUSED_BY_STATUS: Record<string, PauseReason> = {
  supplementing: 'supplement',
  'special-procedure': 'special-procedure',
  suspended: 'suspension',
};

export type ClockStateName = 'not-started' | 'running' | 'paused' | 'stopped';

function sameCode(given: string, stored: string | null | undefined): boolean {
  if (!stored) return false;
  const [a, b] = [Buffer.from(given.toUpperCase()), Buffer.from(stored.toUpperCase())];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The item's limits of the version the case runs on; null when that version cannot be read. */
async function limitsOf(ctx: ApiContext, doc: CaseRecord) {
  try {
    const { item } = (await readVersion(ctx.db, doc.itemCode, doc.definitionVersion)).definition;
    return { promisedDays: item.promisedLimit.value, statutoryDays: item.statutoryLimit.value };
  } catch {
    return { promisedDays: null, statutoryDays: null };
  }
}

/** The processing clock from the workflow's live view (the same view the staff case detail shows). */
function liveClock(view: CaseView) {
  const { processing, workingDaysUsed, workingDaysRemaining } = view.clocks;
  const open = processing.pauses.filter((p) => p.to === undefined);
  const state: ClockStateName = processing.startedAt === null ? 'not-started'
    : processing.stoppedAt !== undefined || view.concludedAt !== null ? 'stopped'
      : open.length > 0 ? 'paused' : 'running';
  return {
    source: 'live' as const,
    state,
    pausedFor: [...new Set(open.map((p) => p.reason))],
    startedAt: iso(processing.startedAt),
    stoppedAt: iso(processing.stoppedAt ?? view.concludedAt),
    workingDaysUsed,
    workingDaysRemaining,
    pauses: processing.pauses.map((p) => ({
      reason: p.reason, from: iso(p.from) as string, to: iso(p.to),
      // The fixed-list reason only: a clerk's own words may name people.
      reasonCode: view.pauses?.find((l) => l.kind === p.reason && l.from === p.from)?.reasonCode ?? null,
    })),
    deadline: iso(view.deadline),
    statutoryDeadline: iso(view.statutoryDeadline),
    provisional: view.provisional,
  };
}

/** The clock as the read model last recorded it, when the workflow cannot be asked: no pause ledger. */
function recordedClock(doc: CaseRecord, promisedDays: number | null) {
  const stopped = doc.concludedAt !== null;
  const pausedBy = PAUSED_BY_STATUS[doc.status];
  const state: ClockStateName = doc.acceptedAt === null ? 'not-started' : stopped ? 'stopped' : pausedBy ? 'paused' : 'running';
  const used = doc.workingDaysUsed ?? null;
  return {
    source: 'record' as const,
    state,
    pausedFor: pausedBy && !stopped ? [pausedBy] : [],
    startedAt: iso(doc.acceptedAt),
    stoppedAt: iso(doc.concludedAt),
    workingDaysUsed: used,
    // Only a stopped clock's record is final; a running one's would be as old as its last event.
    workingDaysRemaining: stopped && used !== null && promisedDays !== null ? promisedDays - used : null,
    pauses: [],
    deadline: iso(doc.deadline),
    statutoryDeadline: iso(doc.statutoryDeadline),
    provisional: doc.provisional,
  };
}

/**
 * What the public may know of a case: its progress and clock, no applicant, no officials, no
 * form data. The same 404 for an unknown case and a wrong code, so numbers cannot be probed.
 */
export async function caseProgress(ctx: ApiContext, caseNo: string, queryCode: string) {
  const doc = await caseModel(ctx.db).findById(caseNo).lean();
  if (!doc || !sameCode(queryCode, doc.queryCode)) throw notFound(`Case ${caseNo} with this query code`);
  const [view, limits] = await Promise.all([
    queryCase(ctx, caseNo).catch((err: unknown) => {
      ctx.logger.warn({ err, caseNo }, 'case state not queryable; answering the public from the read model');
      return null;
    }),
    limitsOf(ctx, doc),
  ]);
  const clock = view ? liveClock(view) : recordedClock(doc, limits.promisedDays);
  const steps = view ? view.position.map((p) => p.name) : doc.position.flatMap((p) => (p.name ? [p.name] : []));
  return {
    caseNo: doc._id,
    itemCode: doc.itemCode,
    itemName: doc.itemName,
    department: doc.department,
    status: view?.status ?? doc.status,
    outcome: (view ? view.outcome : doc.outcome) ?? null,
    currentSteps: steps,
    submittedAt: doc.submittedAt.toISOString(),
    acceptedAt: view ? iso(view.acceptedAt) : iso(doc.acceptedAt),
    promisedBy: clock.deadline,
    concludedAt: view ? iso(view.concludedAt) : iso(doc.concludedAt),
    clock: { ...clock, promisedDays: limits.promisedDays, statutoryDays: limits.statutoryDays },
  };
}
