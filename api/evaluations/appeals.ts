import type { ApiContext } from '../context';
import { conflict, forbidden, notFound, unprocessable } from '../http/errors';
import { canSeeDepartment, type Principal } from '../http/principal';
import { isoInstants } from '../http/instants';
import { withTemporal } from '../temporal';
import { appealRefOf, contestedFact } from '../../domain/evaluation/appeal';
import { caseWorkflowId } from '../../config/temporal';
import { appealModel, type AppealDoc } from '../../db/models/appeal';
import { caseModel } from '../../db/models/case';
import { caseEventsOf } from '../../db/queries/case-history';
import { evaluationModel } from '../../db/models/evaluation';
import { caseStateQuery } from '../../workflows/case/contract';
import { appealView } from './appeal-view';
import { loadEvaluation, newAppealId } from './service';

/** Case events that move or explain the processing clock. */
const CLOCK_EVENTS = [
  'submitted', 'accepted', 'supplementNotice', 'supplementReceived', 'specialProcedureStarted', 'specialProcedureEnded',
  'suspended', 'resumed', 'calendarChanged', 'alert', 'concluded', 'terminated',
];

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** What an `alert` event carries of the alert it raised (the alert's own document is made from it). */
interface RaisedAlert { id: string; key: string; kind: string; level: string; thresholdAt: number; raisedAt: number; provisional: boolean }

/**
 * What the clock says about a case: its deadlines, the thresholds of the ladder (from the
 * workflow while it answers), every alert raised and every clock event recorded.
 */
async function clockEvidence(ctx: ApiContext, caseNo: string) {
  const record = await caseModel(ctx.db).findById(caseNo).lean();
  const events = await caseEventsOf(ctx.db, caseNo, record?.seq ?? 0, 1000);
  // Each alert of the case's ladder is recorded whole with the event that raised it (not read
  // from `alerts` by `{ caseNo }`, which on FerretDB reads every alert).
  const alerts = events.flatMap((e) => (e.type === 'alert' ? [e.payload['alert'] as RaisedAlert] : [])).sort((a, b) => a.raisedAt - b.raisedAt);
  let thresholds: unknown = null;
  try {
    const view = await withTemporal(ctx, () => ctx.temporal.workflow.getHandle(caseWorkflowId(caseNo)).query(caseStateQuery));
    thresholds = { thresholds: view.thresholds, suspended: view.suspendedThresholds, processing: view.clocks.processing, provisional: view.provisional };
  } catch (error) {
    ctx.logger.debug({ err: error, caseNo }, 'case workflow did not answer; evidence from the records only');
  }
  return {
    case: record && {
      status: record.status, outcome: record.outcome, acceptedAt: iso(record.acceptedAt), concludedAt: iso(record.concludedAt),
      deadline: iso(record.deadline), statutoryDeadline: iso(record.statutoryDeadline), workingDaysUsed: record.workingDaysUsed,
      onTime: record.onTime, provisional: record.provisional,
    },
    thresholds,
    alerts: alerts.map((a) => ({ id: a.id, key: a.key, kind: a.kind, level: a.level, thresholdAt: iso(new Date(a.thresholdAt)), raisedAt: iso(new Date(a.raisedAt)), provisional: a.provisional })),
    events: events.filter((e) => CLOCK_EVENTS.includes(e.type)).map((e) => ({ seq: e.seq, type: e.type, at: iso(e.at), summary: e.summary, payload: isoInstants(e.payload ?? {}) })),
  };
}

/**
 * A department's supervision officer appeals (申诉) a case's lateness counted against it in an
 * evaluation: a card, a warning, an overdue step, a late or overdue-open conclusion (`ref`),
 * by default its red card, else its first such fact.
 */
export async function fileAppeal(ctx: ApiContext, evaluationId: string, caller: Principal, body: { caseNo: string; ref?: string; reason: string }) {
  if (caller.department === null) throw forbidden('Only a department\'s officer may appeal for it.');
  const evaluation = await loadEvaluation(ctx, evaluationId);
  const department = evaluation.departments.find((d) => d.department === caller.department);
  if (!department) throw notFound(`Department ${caller.department} in evaluation ${evaluationId}`);
  const fact = contestedFact(department.inputs, body.caseNo, body.ref);
  if (!fact && body.ref !== undefined) throw unprocessable('not-appealable', `No card or late conclusion ${body.ref} of case ${body.caseNo} counts in this evaluation.`);
  // The code names the red card, the default an appeal contests, for clients written against it.
  if (!fact) throw unprocessable('not-a-red-card', `Nothing late of case ${body.caseNo} counts in this evaluation.`);
  const ref = appealRefOf(fact);
  const doc: AppealDoc = {
    _id: newAppealId(), evaluationId, department: department.department, caseNo: body.caseNo, ref, reason: body.reason, status: 'open',
    filedBy: caller.userId, filedAt: new Date(ctx.now()), decision: null,
  };
  try {
    await appealModel(ctx.db).create(doc);
  } catch (error) {
    if ((error as { code?: unknown }).code === 11000) throw conflict('appeal-exists', `${ref} has been appealed already.`);
    throw error;
  }
  return appealView(doc);
}

export async function loadAppeal(ctx: ApiContext, appealId: string, caller: Principal): Promise<AppealDoc> {
  const doc = await appealModel(ctx.db).findById(appealId).lean();
  if (!doc || !canSeeDepartment(caller, doc.department)) throw notFound(`Appeal ${appealId}`);
  return doc;
}

/** The appeal with the clock's evidence attached, for the supervisor who reviews it. */
export async function readAppeal(ctx: ApiContext, appealId: string, caller: Principal) {
  const doc = await loadAppeal(ctx, appealId, caller);
  const evaluation = await evaluationModel(ctx.db).findById(doc.evaluationId, { adjustments: 1 }).lean();
  const adjustment = evaluation?.adjustments.find((a) => a.appealId === appealId);
  return appealView(doc, { evidence: await clockEvidence(ctx, doc.caseNo), ...(adjustment && { adjustment }) });
}

/** Appeals by status across evaluations, the oldest first: the supervisors' worklist (a department sees its own). */
export async function appealsByStatus(ctx: ApiContext, status: AppealDoc['status'], caller: Principal) {
  const docs = await appealModel(ctx.db).find({ status }).sort({ filedAt: 1 }).limit(500).lean();
  return docs.filter((d) => canSeeDepartment(caller, d.department)).map((d) => appealView(d));
}

/** Appeals of an evaluation (a department sees its own). */
export async function listAppeals(ctx: ApiContext, evaluationId: string, caller: Principal) {
  const docs = await appealModel(ctx.db).find({ evaluationId }).sort({ filedAt: 1 }).lean();
  return docs.filter((d) => canSeeDepartment(caller, d.department)).map((d) => appealView(d));
}
