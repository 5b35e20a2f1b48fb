import { timingSafeEqual } from 'node:crypto';
import { caseModel } from '../../db/models/case';
import { caseEventsOf } from '../../db/queries/case-history';
import type { PauseReason } from '../../domain/clock/types';
import { findNode } from '../../domain/definition/graph/helpers';
import type { ProcessDefinition } from '../../domain/definition/types';
import { stepVisits, type StepVisit } from '../../domain/records/step-history';
import type { CaseView } from '../../workflows/case/contract';
import { queryCase, type CaseRecord } from '../cases/access';
import type { ApiContext } from '../context';
import { readVersion } from '../definitions/versions';
import { notFound } from '../http/errors';
import { departmentNames } from '../users/names';

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

/** The definition of the version the case runs on; null when that version cannot be read. */
async function definitionOf(ctx: ApiContext, doc: CaseRecord): Promise<ProcessDefinition | null> {
  try {
    return (await readVersion(ctx.db, doc.itemCode, doc.definitionVersion)).definition;
  } catch {
    return null;
  }
}

const limitsOf = (definition: ProcessDefinition | null) => ({
  promisedDays: definition?.item.promisedLimit.value ?? null, statutoryDays: definition?.item.statutoryLimit.value ?? null,
});

const STEP_EVENTS = new Set(['stepStarted', 'stepCompleted', 'concluded']);

/** The steps recorded so far, with the live view's open steps its records may not have yet. */
async function stepsOf(ctx: ApiContext, doc: CaseRecord, view: CaseView | null): Promise<StepVisit[]> {
  const events = (await caseEventsOf(ctx.db, doc._id, doc.seq, 1000)).filter((e) => STEP_EVENTS.has(e.type));
  const visits = stepVisits(events.map((e) => ({ type: e.type, at: e.at.getTime(), nodeId: e.nodeId, payload: e.payload as Record<string, unknown> })));
  for (const task of view?.position ?? []) {
    if (!visits.some((v) => v.stepKey === task.stepKey)) visits.push({ stepKey: task.stepKey, nodeId: task.nodeId, startedAt: task.startedAt, endedAt: null });
  }
  return visits;
}

/**
 * The steps as the public reads them: the task's name and stage, its department's name and
 * when it began and ended; never who held it.
 */
function publicSteps(visits: StepVisit[], definition: ProcessDefinition | null, names: Map<string, string>) {
  return visits.flatMap((v) => {
    const node = definition ? findNode(definition, v.nodeId) : undefined;
    if (node?.kind !== 'task') return [];
    return [{ name: node.name, stage: node.stage, departmentName: names.get(node.department) ?? null, startedAt: iso(v.startedAt) as string, endedAt: iso(v.endedAt) }];
  });
}

type PublicPause = { kind: 'one-time-notice' | 'supplement' | 'suspension' | 'special-procedure'; reasonCode: string | null; from: string; to: string | null };

/**
 * Every pause of the case: the one-time notice (一次性告知) before acceptance, supplements (补正)
 * and suspensions (中止) after it with their fixed-list reason (never the clerk's words), and
 * special procedures with their kind. Cases started before pause limits have no reasons.
 */
function pausesOf(view: CaseView): PublicPause[] {
  const limited: PublicPause[] = view.pauses
    ? view.pauses.map((p) => ({ kind: p.kind, reasonCode: p.reasonCode, from: iso(p.from) as string, to: iso(p.to) }))
    : view.clocks.processing.pauses.flatMap((p) => (p.reason === 'special-procedure' ? [] : [{ kind: p.reason, reasonCode: null, from: iso(p.from) as string, to: iso(p.to) }]));
  const special: PublicPause[] = view.clocks.specialProcedures.map((sp) => ({
    kind: 'special-procedure', reasonCode: sp.kind, from: iso(sp.startedAt) as string, to: iso(sp.endedAt),
  }));
  return [...limited, ...special].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
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
  const [view, definition] = await Promise.all([
    queryCase(ctx, caseNo).catch((err: unknown) => {
      ctx.logger.warn({ err, caseNo }, 'case state not queryable; answering the public from the read model');
      return null;
    }),
    definitionOf(ctx, doc),
  ]);
  const limits = limitsOf(definition);
  const clock = view ? liveClock(view) : recordedClock(doc, limits.promisedDays);
  const steps = view ? view.position.map((p) => p.name) : doc.position.flatMap((p) => (p.name ? [p.name] : []));
  const visits = await stepsOf(ctx, doc, view);
  const taskDepartments = visits.flatMap((v) => {
    const node = definition ? findNode(definition, v.nodeId) : undefined;
    return node?.kind === 'task' ? [node.department] : [];
  });
  const names = await departmentNames(ctx, [doc.department, ...taskDepartments]);
  return {
    caseNo: doc._id,
    itemCode: doc.itemCode,
    itemName: doc.itemName,
    department: doc.department,
    departmentName: names.get(doc.department) ?? null,
    status: view?.status ?? doc.status,
    outcome: (view ? view.outcome : doc.outcome) ?? null,
    currentSteps: steps,
    submittedAt: doc.submittedAt.toISOString(),
    acceptedAt: view ? iso(view.acceptedAt) : iso(doc.acceptedAt),
    promisedBy: clock.deadline,
    concludedAt: view ? iso(view.concludedAt) : iso(doc.concludedAt),
    clock: { ...clock, promisedDays: limits.promisedDays, statutoryDays: limits.statutoryDays },
    history: publicSteps(visits, definition, names),
    pauses: view ? pausesOf(view) : [],
  };
}
