import type { FromSchema } from 'json-schema-to-ts';
import { alertAcknowledgementModel, alertModel } from '../../db/models/alert';
import { ALWAYS, guardedUpdate } from '../../db/guarded-write';
import { isDuplicateKey } from '../../db/errors';
import { anomalyModel } from '../../db/models/anomaly';
import { actorNames, departmentNames } from '../users/names';
import type { ApiContext } from '../context';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { LIST_MAX_TIME_MS } from '../../db/queries/case-lists';
import { ApiError, notFound } from '../http/errors';
import { asUnavailable } from '../http/problem';
import { visibleDepartments, type Principal } from '../http/principal';
import type { alertQuery, anomalyQuery } from './schema';

async function loadAlert(ctx: ApiContext, id: string) {
  return alertModel(ctx.db).findById(id).lean();
}
type AlertRecord = NonNullable<Awaited<ReturnType<typeof loadAlert>>>;

function viewOf(doc: AlertRecord) {
  const extra = doc as unknown as { acknowledgedBy?: string; acknowledgedAt?: Date; note?: string };
  return {
    alertId: doc._id,
    caseNo: doc.caseNo,
    itemCode: doc.itemCode,
    department: doc.department,
    key: doc.key,
    kind: doc.kind,
    level: doc.level,
    reason: doc.reason,
    thresholdAt: doc.thresholdAt.toISOString(),
    raisedAt: doc.raisedAt.toISOString(),
    provisional: doc.provisional,
    handled: doc.handled ?? false,
    closed: doc.closed ?? false,
    closedAt: doc.closedAt ? doc.closedAt.toISOString() : null,
    acknowledgedBy: extra.acknowledgedBy ?? null,
    acknowledgedAt: extra.acknowledgedAt ? extra.acknowledgedAt.toISOString() : null,
    note: extra.note ?? null,
  };
}

function departmentFilter(user: Principal, asked: string | undefined): Record<string, unknown> {
  const visible = visibleDepartments(user);
  if (visible === null) return asked ? { department: asked } : {};
  if (asked) return { department: visible.includes(asked) ? asked : { $in: [] } };
  return { department: { $in: visible } };
}

/** Alerts the caller may see, newest (or oldest) first; keyset pagination on (raisedAt, id). */
export async function listAlerts(ctx: ApiContext, query: FromSchema<typeof alertQuery>, user: Principal) {
  const and: Record<string, unknown>[] = [departmentFilter(user, query.department)];
  if (query.caseNo) and.push({ caseNo: query.caseNo });
  if (query.level) and.push({ level: query.level });
  if (query.kind) and.push({ kind: query.kind });
  if (query.handled !== undefined) and.push(query.handled ? { handled: true } : { handled: { $ne: true } });
  if (query.closed !== undefined) and.push(query.closed ? { closed: true } : { closed: { $ne: true } });
  if (query.raisedFrom || query.raisedTo) {
    and.push({ raisedAt: { ...(query.raisedFrom ? { $gte: new Date(query.raisedFrom) } : {}), ...(query.raisedTo ? { $lt: new Date(query.raisedTo) } : {}) } });
  }
  const direction = query.sort === 'oldest' ? 1 : -1;
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    const beyond = direction === 1 ? '$gt' : '$lt';
    and.push({ $or: [{ raisedAt: { [beyond]: at } }, { raisedAt: at, _id: { [beyond]: id } }] });
  }
  const limit = query.limit ?? 50;
  const docs = await alertModel(ctx.db).find({ $and: and }).sort({ raisedAt: direction, _id: direction }).limit(limit + 1).maxTimeMS(LIST_MAX_TIME_MS).lean();
  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = docs.length > limit && last ? encodeCursor(last.raisedAt, last._id) : null;
  return { items: page.map(viewOf), nextCursor };
}

/** An alert the user may see, or 404 as if there were none. */
export async function visibleAlert(ctx: ApiContext, alertId: string, user: Principal) {
  const found = await loadAlert(ctx, alertId);
  const visible = visibleDepartments(user);
  if (!found || (visible !== null && !visible.includes(found.department))) throw notFound(`Alert ${alertId}`);
  return found;
}

/**
 * Marks an alert handled (who, when, a note) once: the first acknowledgement claims the alert
 * by inserting its record, and every other — at the same moment or later — answers that first
 * one. `acknowledged` says whether this call, under its intent, is the one that did it.
 */
export async function acknowledgeAlert(ctx: ApiContext, alertId: string, note: string | null, by: string, intent: string) {
  const found = await loadAlert(ctx, alertId);
  if (!found) throw notFound(`Alert ${alertId}`);
  const claims = alertAcknowledgementModel(ctx.db);
  let claim = await claims.findById(alertId).lean();
  // An alert handled before acknowledgements were claimed has no record to claim against.
  if (!claim && found.handled) return { alert: viewOf(found), acknowledged: false };
  if (!claim) {
    try {
      claim = (await claims.create({ _id: alertId, by, at: new Date(ctx.now()), note, intent })).toObject();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      claim = await claims.findById(alertId).lean();
    }
  }
  if (!claim) throw new Error(`acknowledgement of ${alertId} vanished`);
  const first = { handled: true, acknowledgedBy: claim.by, acknowledgedAt: claim.at, note: claim.note ?? null };
  if (claim.intent !== intent) return { alert: viewOf({ ...found, ...first }), acknowledged: false };
  // Only the winner writes the alert, always with the claim's values: repeating it changes nothing.
  await guardedUpdate(alertModel(ctx.db), alertId, ALWAYS, { $set: first });
  return { alert: viewOf({ ...found, ...first }), acknowledged: true };
}

/**
 * Runs one acknowledgement per alert, one after another (each claims and logs on its own), and
 * answers each alert's outcome: a refusal of one (404, an outage, an unexpected failure, which
 * is logged) is reported beside its id and the others go on.
 */
export async function acknowledgeEach<T>(ctx: ApiContext, alertIds: readonly string[], acknowledge: (alertId: string) => Promise<T>) {
  const results: ({ alertId: string; ok: true; alert: T } | { alertId: string; ok: false; status: number; code: string; detail: string })[] = [];
  for (const alertId of alertIds) {
    try {
      results.push({ alertId, ok: true, alert: await acknowledge(alertId) });
    } catch (error) {
      const known = error instanceof ApiError ? error : asUnavailable(error);
      if (!known) ctx.logger.error({ err: error, alertId }, 'acknowledgement failed');
      const { status, code, message } = known ?? { status: 500, code: 'internal', message: 'The acknowledgement failed unexpectedly; it has been logged.' };
      results.push({ alertId, ok: false, status, code, detail: message });
    }
  }
  return results;
}

export async function listAnomalies(ctx: ApiContext, query: FromSchema<typeof anomalyQuery>, user: Principal) {
  const filter: Record<string, unknown> = departmentFilter(user, query.department);
  if (query.caseNo) filter['caseNo'] = query.caseNo;
  if (query.kind) filter['kind'] = query.kind;
  // Anomalies recorded before dispositions existed carry no status: they are open.
  if (query.status) filter['status'] = query.status === 'open' ? { $in: ['open', null] } : query.status;
  const docs = await anomalyModel(ctx.db).find(filter).sort({ at: -1 }).limit(query.limit ?? 50).lean();
  const [departments, people] = await Promise.all([departmentNames(ctx, docs.map((d) => d.department)), actorNames(ctx, docs)]);
  return docs.map((d) => ({
    anomalyId: d._id, caseNo: d.caseNo, itemCode: d.itemCode, department: d.department, kind: d.kind,
    at: d.at.toISOString(), reason: d.reason, nodeId: d.nodeId ?? null, actorId: d.actorId ?? null,
    departmentName: departments.get(d.department) ?? d.department, actorName: d.actorId ? (people.get(d.actorId) ?? null) : null,
    status: d.status ?? 'open', dispositionDeadline: d.dispositionDeadline ? d.dispositionDeadline.toISOString() : null,
  }));
}
