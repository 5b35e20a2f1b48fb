import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { isValidObjectId } from 'mongoose';
import { anomalyWorkflowId } from '../../config/temporal';
import { anomalyModel, type AnomalyDoc } from '../../db/models/anomaly';
import { oversightEventsOf } from '../../db/queries/case-history';
import { userModel } from '../../db/models/user';
import { effectiveCalendar } from '../../db/queries/calendar';
import { ANOMALY_WORKFLOW_NAME, type AnomalyStartInput } from '../../workflows/anomaly/contract';
import type { ApiContext } from '../context';
import { ApiError, notFound } from '../http/errors';
import { canSeeDepartment, type Principal } from '../http/principal';
import { withTemporal } from '../temporal';
import { actorNames, departmentNames } from '../users/names';

type Stored = AnomalyDoc & { _id: string };

/** The anomaly if the caller may see it; another department's answers the same 404 as none. */
export async function locateAnomaly(ctx: ApiContext, anomalyId: string, user: Principal): Promise<Stored> {
  const doc = (await anomalyModel(ctx.db).findById(anomalyId).lean()) as Stored | null;
  if (!doc || !canSeeDepartment(user, doc.department)) throw notFound(`Anomaly ${anomalyId}`);
  return doc;
}

/**
 * Starts the anomaly's disposition clock unless it runs or has run: the recorder starts it when
 * the anomaly is raised, and an action on an anomaly from before the clock existed starts it here.
 */
export async function ensureDispositionClock(ctx: ApiContext, doc: Stored): Promise<void> {
  const input: AnomalyStartInput = {
    anomalyId: doc._id, caseNo: doc.caseNo, itemCode: doc.itemCode, department: doc.department, kind: doc.kind, at: doc.at.getTime(),
    reason: doc.reason, actorId: doc.actorId ?? null, calendar: await effectiveCalendar(ctx.db, ctx.settings), limits: ctx.settings.anomalies,
  };
  try {
    await withTemporal(ctx, () => ctx.temporal.workflow.start(ANOMALY_WORKFLOW_NAME, {
      workflowId: anomalyWorkflowId(doc._id), taskQueue: ctx.settings.taskQueue, args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'REJECT_DUPLICATE',
    }));
  } catch (error) {
    // Ended already: the update on it answers that the disposition is closed.
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/** A person found responsible must be a user of the anomaly's department. */
export async function assertResponsiblePerson(ctx: ApiContext, doc: Stored, userId: string): Promise<void> {
  // By `_id` alone: on FerretDB a filter with the department too reads every user.
  const found = isValidObjectId(userId) && (await userModel(ctx.db).findById(userId, { department: 1 }).lean())?.department === doc.department;
  if (!found) {
    throw new ApiError(422, 'unknown-person', 'Cannot be processed', `No user ${userId} belongs to ${doc.department}.`, {
      errors: [{ in: 'body', pointer: '/responsibility/userId', detail: `is not a user of ${doc.department}` }],
    });
  }
}


const iso = (at: Date | null | undefined) => (at ? at.toISOString() : null);

/** The user a `disposed` event's payload finds responsible, if a person. */
function responsibleOf(payload: unknown): string | null {
  const r = (payload as { disposition?: { responsibility?: { kind?: unknown; userId?: unknown } | null } } | null)?.disposition?.responsibility;
  return r?.kind === 'person' && typeof r.userId === 'string' ? r.userId : null;
}

/** The anomaly with its disposition, objection, decision and timeline, names beside ids. */
export async function anomalyDetail(ctx: ApiContext, anomalyId: string, user: Principal) {
  const doc = await locateAnomaly(ctx, anomalyId, user);
  const events = await oversightEventsOf(ctx.db, 'anomaly', anomalyId, 500);
  // The persons found responsible are named too, so the timeline reads a name, not an id.
  const responsible = events.map((e) => ({ actorId: responsibleOf(e.payload) }));
  const names = await actorNames(ctx, [...events, { actorId: doc.actorId }, ...responsible]);
  const departments = await departmentNames(ctx, [doc.department]);
  return {
    anomalyId: doc._id, caseNo: doc.caseNo, itemCode: doc.itemCode, department: doc.department, departmentName: departments.get(doc.department) ?? doc.department,
    kind: doc.kind, at: doc.at.toISOString(), reason: doc.reason, actorId: doc.actorId ?? null, actorName: doc.actorId ? (names.get(doc.actorId) ?? null) : null,
    status: doc.status ?? 'open', disposition: doc.disposition ?? null, objection: doc.objection ?? null, decision: doc.decision ?? null,
    dispositionDeadline: iso(doc.dispositionDeadline), objectionClosesAt: iso(doc.objectionClosesAt), findingFinal: doc.findingFinal ?? false,
    level: doc.level ?? 'normal',
    people: Object.fromEntries(responsible.flatMap(({ actorId }) => (actorId && names.has(actorId) ? [[actorId, names.get(actorId) as string]] : []))),
    timeline: events.map((e) => ({
      seq: e.seq, type: e.type, at: e.at.toISOString(), summary: e.summary, actorId: e.actorId ?? null,
      actorName: e.actorId ? (names.get(e.actorId) ?? null) : null, payload: (e.payload ?? {}) as Record<string, unknown>,
    })),
  };
}
