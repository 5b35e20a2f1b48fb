import { WorkflowNotFoundError } from '@temporalio/common';
import type { FromSchema } from 'json-schema-to-ts';
import { supervisionOrderWorkflowId } from '../../config/temporal';
import { alertModel } from '../../db/models/alert';
import { oversightEventsOf } from '../../db/queries/case-history';
import { supervisionOrderModel } from '../../db/models/supervision-order';
import { limitDeadline } from '../../domain/calendar/deadlines';
import { localDateOf } from '../../domain/calendar/local-date';
import {
  orderStateQuery, SUPERVISION_ORDER_WORKFLOW_NAME, type OrderSubject, type SupervisionOrderStartInput, type SupervisionOrderView,
} from '../../workflows/supervision-order/contract';
import { effectiveCalendar } from '../../db/queries/calendar';
import { findCase } from '../cases/access';
import type { ApiContext } from '../context';
import { afterCursor, encodeCursor } from '../http/cursor';
import { notFound, unprocessable } from '../http/errors';
import { isoInstants } from '../http/instants';
import { startUnderNewNumber } from '../http/numbering';
import type { NumberClaim } from '../../db/queries/numbering';
import { visibleDepartments, type Principal } from '../http/principal';
import { withTemporal } from '../temporal';
import type { listQuery, openBody } from './schema';
import { actorNames } from '../users/names';

type OrderDoc = NonNullable<Awaited<ReturnType<typeof loadOrder>>>;

function loadOrder(ctx: ApiContext, orderId: string) {
  return supervisionOrderModel(ctx.db).findById(orderId).lean();
}

export const orderNotFound = (orderId: string) => notFound(`Supervision order ${orderId}`);

/** What an order is on: the case, with its item and the departments it involves. */
async function subjectOf(ctx: ApiContext, body: FromSchema<typeof openBody>) {
  if (body.alertId !== undefined) {
    const alert = await alertModel(ctx.db).findById(body.alertId).lean();
    if (!alert || (alert.subject ?? 'case') !== 'case') throw notFound(`Alert ${body.alertId}`);
    const subject: OrderSubject = { kind: 'alert', alertId: body.alertId, caseNo: alert.caseNo };
    return { subject, itemCode: alert.itemCode, department: alert.department, departments: [alert.department] };
  }
  const caseNo = body.caseNo ?? '';
  const ref = await findCase(ctx, caseNo);
  if (!ref) throw notFound(`Case ${caseNo}`);
  const itemCode = ref.doc?.itemCode ?? ref.view?.itemCode ?? '';
  const department = ref.doc?.department ?? ref.view?.department ?? '';
  return { subject: { kind: 'case', caseNo } as OrderSubject, itemCode, department, departments: ref.departments };
}

/**
 * Opens an order (督办) and starts its workflow; the number is allocated only just before the start.
 * With `numbers` (a request with an Idempotency-Key) a retry reuses the number of the try before.
 */
export async function openOrder(ctx: ApiContext, body: FromSchema<typeof openBody>, user: Principal, numbers?: NumberClaim) {
  const about = await subjectOf(ctx, body);
  const department = body.department ?? about.department;
  if (!about.departments.includes(department)) {
    throw unprocessable('department-not-involved', `${department} has no part in case ${about.subject.caseNo} (its departments: ${about.departments.join(', ')}).`);
  }
  const calendar = await effectiveCalendar(ctx.db, ctx.settings);
  const openedAt = ctx.now();
  const responseDays = body.responseDays ?? 3;
  const day = localDateOf(calendar, openedAt).replaceAll('-', '');
  const deadline = limitDeadline(calendar, openedAt, responseDays);
  return startUnderNewNumber(ctx.db, { prefix: 'DB', counter: 'supervision-order', day }, {
    answer: (orderId) => ({
      orderId, caseNo: about.subject.caseNo, department, responseDays, openedAt: new Date(openedAt).toISOString(),
      responseDeadline: new Date(deadline.at).toISOString(), provisional: deadline.provisional,
    }),
    start: async (no, memo) => {
      const input: SupervisionOrderStartInput = {
        orderId: no, subject: about.subject, itemCode: about.itemCode, department, title: body.title, requirement: body.requirement,
        openedBy: { userId: user.userId, name: user.name }, openedAt, responseDays, calendar,
      };
      await withTemporal(ctx, () => ctx.temporal.workflow.start(SUPERVISION_ORDER_WORKFLOW_NAME, {
        workflowId: supervisionOrderWorkflowId(no), taskQueue: ctx.settings.taskQueue, args: [input], workflowIdReusePolicy: 'REJECT_DUPLICATE', ...(memo && { memo }),
      }));
    },
    memoOf: (no) => withTemporal(ctx, () => ctx.temporal.workflow.getHandle(supervisionOrderWorkflowId(no)).describe()).then((d) => d.memo),
  }, numbers);
}

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : typeof d === 'number' ? new Date(d).toISOString() : null);

function summaryOf(doc: OrderDoc) {
  const answer = doc.answer as { at?: Date; onTime?: boolean } | null;
  const conclusion = doc.conclusion as { at?: Date; finding?: string } | null;
  return {
    orderId: doc._id, caseNo: doc.caseNo, alertId: doc.alertId ?? null, itemCode: doc.itemCode, department: doc.department, title: doc.title,
    status: doc.status, level: doc.level, openedBy: doc.openedBy?.userId ?? '', openedAt: doc.openedAt.toISOString(),
    responseDeadline: doc.responseDeadline.toISOString(), answeredAt: iso(answer?.at), answeredOnTime: answer?.onTime ?? null,
    concludedAt: iso(conclusion?.at), finding: conclusion?.finding ?? null, provisional: doc.provisional,
  };
}

function summaryFromView(view: SupervisionOrderView) {
  return {
    orderId: view.orderId, caseNo: view.caseNo, alertId: view.subject.kind === 'alert' ? view.subject.alertId : null, itemCode: view.itemCode,
    department: view.department, title: view.title, status: view.status, level: view.level, openedBy: view.openedBy.userId,
    openedAt: new Date(view.openedAt).toISOString(), responseDeadline: new Date(view.responseDeadline).toISOString(),
    answeredAt: iso(view.answer?.at), answeredOnTime: view.answer?.onTime ?? null, concludedAt: iso(view.conclusion?.at),
    finding: view.conclusion?.finding ?? null, provisional: view.provisional,
  };
}

export async function queryOrder(ctx: ApiContext, orderId: string): Promise<SupervisionOrderView | null> {
  try {
    return await withTemporal(ctx, () => ctx.temporal.workflow.getHandle(supervisionOrderWorkflowId(orderId)).query(orderStateQuery));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
}

/**
 * The order if the caller may see it (supervisors, auditors and administrators every order;
 * a department officer its department's); otherwise the same 404 as for no order at all.
 * The read model may lag the workflow by a moment just after opening.
 */
export async function locateOrder(ctx: ApiContext, orderId: string, user: Principal): Promise<{ doc: OrderDoc | null; view: SupervisionOrderView | null; department: string }> {
  const doc = await loadOrder(ctx, orderId);
  const view = doc ? null : await queryOrder(ctx, orderId);
  const department = doc?.department ?? view?.department;
  const visible = visibleDepartments(user);
  if (department === undefined || (visible !== null && !visible.includes(department))) throw orderNotFound(orderId);
  return { doc, view, department };
}

export async function listOrders(ctx: ApiContext, query: FromSchema<typeof listQuery>, user: Principal) {
  const and: Record<string, unknown>[] = [];
  const visible = visibleDepartments(user);
  if (visible !== null) and.push({ department: { $in: visible } });
  if (query.status) and.push({ status: query.status });
  if (query.department) and.push({ department: query.department });
  if (query.caseNo) and.push({ caseNo: query.caseNo });
  if (query.level) and.push({ level: query.level });
  if (query.openedFrom || query.openedTo) {
    and.push({ openedAt: { ...(query.openedFrom ? { $gte: new Date(query.openedFrom) } : {}), ...(query.openedTo ? { $lt: new Date(query.openedTo) } : {}) } });
  }
  if (query.overdue !== undefined) {
    const late = { status: 'open', responseDeadline: { $lte: new Date(ctx.now()) } };
    and.push(query.overdue ? late : { $nor: [late] });
  }
  if (query.cursor) {
    and.push(afterCursor('openedAt', query.cursor));
  }
  const limit = query.limit ?? 50;
  const docs = await supervisionOrderModel(ctx.db).find(and.length > 0 ? { $and: and } : {}).sort({ openedAt: -1, _id: -1 }).limit(limit + 1).lean();
  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(summaryOf), nextCursor: docs.length > limit && last ? encodeCursor(last.openedAt, last._id) : null };
}

/** An order's summary, its live view (while its workflow is queryable) and its timeline. */
export async function orderDetail(ctx: ApiContext, orderId: string, user: Principal) {
  const found = await locateOrder(ctx, orderId, user);
  const [view, events] = await Promise.all([
    found.view ? Promise.resolve(found.view) : queryOrder(ctx, orderId).catch((err: unknown) => {
      ctx.logger.warn({ err, orderId }, 'order state not queryable; answering from the read model');
      return null;
    }),
    oversightEventsOf(ctx.db, 'supervision-order', orderId, 1000),
  ]);
  const names = await actorNames(ctx, events);
  return {
    order: found.doc ? summaryOf(found.doc) : view ? summaryFromView(view) : null,
    live: view ? isoInstants(view) : null,
    timeline: events.map((e) => ({
      seq: e.seq, at: e.at.toISOString(), type: e.type, summary: e.summary, actorId: e.actorId ?? null,
      actorName: (e.actorId && names.get(e.actorId)) ?? null, payload: isoInstants(e.payload ?? {}),
    })),
  };
}
