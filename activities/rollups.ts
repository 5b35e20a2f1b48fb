import type { Connection } from 'mongoose';
import { localDateOf, type Instant } from '../domain/calendar/local-date';
import { guardedUpdate } from '../db/guarded-write';
import { groupCommit } from '../db/group-commit';
import { insertAllOnce } from '../db/insert-once';
import { caseEventsOf } from '../db/queries/case-history';
import { caseFactModel } from '../db/models/case-fact';
import { caseRollupModel, NO_ITEM, type RollupCounter, type RollupSum } from '../db/models/case-rollup';
import { holderOfStep, overdueLongest, type StepHolder } from '../domain/ladder/holder';
import type { AlertRecord, AnomalyRecord, CaseEventRecord, CaseReadModel } from './contract/case-records';

const OUTCOME_COUNTER: Record<string, RollupCounter> = {
  refused: 'refused', approved: 'approved', disapproved: 'disapproved', terminated: 'terminated', voided: 'voided', returned: 'returned',
};
const ALERT_COUNTER: Record<string, RollupCounter> = { warning: 'warnings', yellowCard: 'yellowCards', redCard: 'redCards', stepOverdue: 'stepsOverdue' };
const TYPE_COUNTER: Record<string, RollupCounter> = {
  submitted: 'submitted', accepted: 'accepted', anomaly: 'anomalies', supplementNotice: 'supplementNotices',
  specialProcedureStarted: 'specialProcedures', suspended: 'suspensions', urge: 'urges',
};

/** Counters whose every event is also kept as a case fact: each costs its department points. */
export const FACT_COUNTERS: readonly RollupCounter[] = ['concludedLate', 'warnings', 'yellowCards', 'redCards', 'anomalies', 'integrityAnomalies', 'stepsOverdue'];

/** Whom an event is charged to: a department, and the step holder when a step is to blame. */
interface Charge {
  department: string;
  holder: StepHolder | null;
}

const chargeTo = (holder: StepHolder): Charge => ({ department: holder.department, holder });

/**
 * A step's own overdue is charged to the step's department; a case card to the department
 * of the active step overdue longest when it was raised (in parallel approval, the late
 * branch, not the lead department), else to the case's department. The holder of that step
 * is kept with the fact, for accountability to the person: the workflow names it on the
 * alert (the clerk who claimed the step, else its position); for cases started before
 * claims it is the position, from the read model.
 */
async function chargeOf(db: Connection, event: CaseEventRecord, readModel: CaseReadModel): Promise<Charge> {
  const lead: Charge = { department: readModel.department, holder: null };
  if (event.type !== 'alert') return lead;
  const alert = event.payload['alert'] as AlertRecord | undefined;
  if (alert?.holder !== undefined) return alert.holder ? chargeTo(alert.holder) : lead;
  if (alert?.kind === 'stepOverdue') {
    const step = readModel.position.find((p) => p.nodeId === alert.ref);
    return step ? chargeTo(holderOfStep(step)) : lead;
  }
  if (alert?.kind !== 'yellowCard' && alert?.kind !== 'redCard') return lead;
  // The case's step overdues from its events, which carry each alert whole (already recorded,
  // this batch's too): by `_id` on FerretDB, where `alerts` by `{ caseNo }` reads every alert.
  const events = await caseEventsOf(db, event.caseNo, readModel.seq, 1000);
  const overdue = events.flatMap((e) => {
    const raised = e.type === 'alert' ? (e.payload?.['alert'] as Pick<AlertRecord, 'kind' | 'ref' | 'thresholdAt'> | undefined) : undefined;
    return raised?.kind === 'stepOverdue' ? [{ ref: raised.ref ?? null, thresholdAt: Number(raised.thresholdAt) }] : [];
  });
  const step = overdueLongest(overdue, readModel.position, event.at);
  return step ? chargeTo(holderOfStep(step)) : lead;
}

/** What one event adds to its day's rollup row. */
export interface RollupDelta {
  counters: RollupCounter[];
  sums: Partial<Record<RollupSum, number>>;
}

function concludedDelta(event: CaseEventRecord, readModel: CaseReadModel, delta: RollupDelta): void {
  const outcome = String(event.payload['outcome']);
  delta.counters.push('concluded');
  const counter = OUTCOME_COUNTER[outcome];
  if (counter) delta.counters.push(counter);
  if (readModel.acceptedAt === null || outcome === 'refused') return;
  delta.counters.push(readModel.deadline !== null && event.at <= readModel.deadline ? 'concludedOnTime' : 'concludedLate');
  const used = readModel.workingDaysUsed;
  if (used !== null) delta.sums.workingDaysUsed = used;
  if (readModel.statutoryDays !== undefined) {
    delta.sums.statutoryDays = readModel.statutoryDays;
    if (used !== null && used < readModel.statutoryDays) delta.counters.push('concludedEarly');
  }
}

/** The counters and sums an event moves; empty for events statistics do not count. */
export function rollupDeltaOf(event: CaseEventRecord, readModel: CaseReadModel): RollupDelta {
  const delta: RollupDelta = { counters: [], sums: {} };
  const byType = TYPE_COUNTER[event.type];
  if (byType) delta.counters.push(byType);
  if (event.type === 'anomaly' && (event.payload['anomaly'] as AnomalyRecord | undefined)?.kind === 'integrity') {
    delta.counters.push('integrityAnomalies');
  }
  if (event.type === 'alert') {
    const kind = (event.payload['alert'] as { kind?: string } | undefined)?.kind;
    const counter = kind === undefined ? undefined : ALERT_COUNTER[kind];
    if (counter) delta.counters.push(counter);
  }
  if (event.type === 'concluded') concludedDelta(event, readModel, delta);
  return delta;
}

interface RollupKey {
  day: string;
  department: string;
  itemCode: string;
  category: string;
}

interface Increment {
  id: string;
  inc: Record<string, number>;
}

/** One guarded write of several increments: applied only if none of their ids was counted yet. */
async function applyIncrements(db: Connection, _id: string, key: RollupKey, increments: Increment[]): Promise<boolean> {
  const ids = increments.map((i) => i.id);
  const inc: Record<string, number> = {};
  for (const one of increments) for (const [field, value] of Object.entries(one.inc)) inc[field] = (inc[field] ?? 0) + value;
  return guardedUpdate(
    caseRollupModel(db),
    _id,
    { filter: { applied: { $nin: ids } }, holds: (row) => !ids.some((id) => (row?.applied ?? []).includes(id)) },
    { $inc: inc, $push: { applied: { $each: ids } }, $setOnInsert: key },
    // This is the only writer of a day's row (a withdrawal writes a row of its own), so the
    // next increment in this process starts from this version: the row's list of counted ids
    // grows all day, and is not read again for every group.
    { upsert: true, remember: true },
  );
}

/**
 * Increments one day/department/item row exactly once per id: the row lists the ids it has
 * counted, and the increment is guarded by the id's absence (see db/guarded-write.ts for how
 * the guard is kept on MongoDB and on FerretDB, whose SQLite backend loses concurrent `$inc`s
 * unless one process queues its writes to a row). Increments that reach a row while it is
 * being written are applied together by the next write (db/group-commit.ts); a retried event
 * already counted makes a group's guard refuse, and the group is then written one by one.
 */
async function incrementOnce(db: Connection, key: RollupKey, id: string, delta: RollupDelta): Promise<void> {
  const _id = `${key.day}|${key.department}|${key.itemCode}`;
  const inc: Record<string, number> = Object.fromEntries(delta.counters.map((c) => [`counts.${c}`, 1]));
  for (const [sum, value] of Object.entries(delta.sums)) inc[`sums.${sum}`] = value;
  await groupCommit<Increment>(`${db.id}/rollup/${_id}`, { id, inc }, async (group) => {
    const increments = group.filter((one, i) => group.findIndex((o) => o.id === one.id) === i);
    if (!(await applyIncrements(db, _id, key, increments)) && increments.length > 1) throw new Error('an increment of the group was counted already');
  });
}

function refOf(event: CaseEventRecord): string | null {
  if (event.type === 'alert') return (event.payload['alert'] as AlertRecord | undefined)?.id ?? null;
  if (event.type === 'anomaly') return (event.payload['anomaly'] as AnomalyRecord | undefined)?.id ?? null;
  return null;
}

/** Keeps the case facts of an event's costly counters; written before the counters, each once. */
async function recordFacts(db: Connection, event: CaseEventRecord, readModel: CaseReadModel, day: string, counters: RollupCounter[], charge: Charge) {
  const facts = counters.filter((c) => FACT_COUNTERS.includes(c)).map((counter) => ({
    _id: `${event.id}:${counter}`, day, department: charge.department, itemCode: readModel.itemCode,
    caseNo: event.caseNo, counter, at: new Date(event.at), ref: refOf(event),
    holder: charge.holder && { ...charge.holder, since: new Date(charge.holder.since) },
  }));
  await insertAllOnce(caseFactModel(db), facts);
}

/** Adds one case event to its day's rollup row (and its case facts), exactly once. */
export async function applyRollup(db: Connection, event: CaseEventRecord, readModel: CaseReadModel, utcOffsetMinutes: number): Promise<void> {
  const delta = rollupDeltaOf(event, readModel);
  if (delta.counters.length === 0) return;
  const day = localDateOf({ utcOffsetMinutes }, event.at);
  const charge = await chargeOf(db, event, readModel);
  await recordFacts(db, event, readModel, day, delta.counters, charge);
  await incrementOnce(db, { day, department: charge.department, itemCode: readModel.itemCode, category: readModel.category }, event.id, delta);
}

/**
 * A fact about a department that is not a case event — a complaint registered, answered or
 * concluded, a rating given, a supervision order answered in time. `id` must be unique per
 * fact: recording it again changes nothing.
 */
export interface DepartmentFact {
  id: string;
  at: Instant;
  department: string;
  itemCode?: string;
  category?: string;
  counters?: RollupCounter[];
  sums?: Partial<Record<RollupSum, number>>;
}

/** Adds a department fact to its day's rollup row, exactly once (complaints and orders modules call it). */
export async function recordDepartmentFact(db: Connection, fact: DepartmentFact, utcOffsetMinutes = 480): Promise<void> {
  const day = localDateOf({ utcOffsetMinutes }, fact.at);
  const key = { day, department: fact.department, itemCode: fact.itemCode ?? NO_ITEM, category: fact.category ?? NO_ITEM };
  await incrementOnce(db, key, `fact:${fact.id}`, { counters: fact.counters ?? [], sums: fact.sums ?? {} });
}
