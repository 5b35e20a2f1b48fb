import { timingSafeEqual } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { FromSchema } from 'json-schema-to-ts';
import { complaintWorkflowId } from '../../config/temporal';
import { complaintModel } from '../../db/models/complaint';

import { departmentModel } from '../../db/models/department';
import { oversightEventsOf } from '../../db/queries/case-history';
import { limitDeadline } from '../../domain/calendar/deadlines';
import { localDateOf } from '../../domain/calendar/local-date';
import {
  COMPLAINT_WORKFLOW_NAME, complaintStateQuery, type ComplaintChannel, type ComplaintLimits, type ComplaintStartInput, type ComplaintView,
} from '../../workflows/complaint/contract';
import { effectiveCalendar } from '../../db/queries/calendar';
import type { ApiContext } from '../context';
import { afterCursor, encodeCursor } from '../http/cursor';
import { notFound, unprocessable } from '../http/errors';
import { isoInstants } from '../http/instants';
import { startUnderNewNumber } from '../http/numbering';
import { newQueryCode } from '../http/query-code';
import type { NumberClaim } from '../../db/queries/numbering';
import { visibleDepartments, type Principal } from '../http/principal';
import { withTemporal } from '../temporal';
import type { listQuery, publicFileBody } from './schema';
import { actorNames } from '../users/names';

type ComplaintDoc = NonNullable<Awaited<ReturnType<typeof loadComplaint>>>;

function loadComplaint(ctx: ApiContext, complaintNo: string) {
  return complaintModel(ctx.db).findById(complaintNo).lean();
}

export const complaintNotFound = (complaintNo: string) => notFound(`Complaint ${complaintNo}`);

/**
 * Files a complaint and starts its workflow; the number is allocated only just before the start.
 * With `numbers` (a request with an Idempotency-Key) a retry reuses the number of the try before.
 */
export async function fileComplaint(
  ctx: ApiContext, body: FromSchema<typeof publicFileBody>, channel: ComplaintChannel, registeredBy?: Principal, numbers?: NumberClaim,
) {
  const calendar = await effectiveCalendar(ctx.db, ctx.settings);
  const filedAt = ctx.now();
  const day = localDateOf(calendar, filedAt).replaceAll('-', '');
  const queryCode = newQueryCode();
  const { firstResponseHours, handlingDays } = ctx.settings.complaints;
  const limits: ComplaintLimits = { firstResponseHours, handlingDays };
  return startUnderNewNumber(ctx.db, { prefix: 'TS', counter: 'complaint', day }, {
    answer: (complaintNo) => ({
      complaintNo, queryCode, filedAt: new Date(filedAt).toISOString(),
      firstResponseDeadline: new Date(filedAt + limits.firstResponseHours * 3_600_000).toISOString(),
      handlingDeadline: new Date(limitDeadline(calendar, filedAt, limits.handlingDays).at).toISOString(),
    }),
    start: async (no, memo) => {
      const input: ComplaintStartInput = {
        complaintNo: no, queryCode, channel, complainant: body.complainant, content: body.content, about: body.about ?? {}, filedAt,
        ...(registeredBy && { registeredBy: { userId: registeredBy.userId, name: registeredBy.name } }), calendar, limits,
      };
      await withTemporal(ctx, () => ctx.temporal.workflow.start(COMPLAINT_WORKFLOW_NAME, {
        workflowId: complaintWorkflowId(no), taskQueue: ctx.settings.taskQueue, args: [input], workflowIdReusePolicy: 'REJECT_DUPLICATE', ...(memo && { memo }),
      }));
    },
    memoOf: (no) => withTemporal(ctx, () => ctx.temporal.workflow.getHandle(complaintWorkflowId(no)).describe()).then((d) => d.memo),
  }, numbers);
}

export async function assertDepartment(ctx: ApiContext, code: string): Promise<void> {
  if (!(await departmentModel(ctx.db).exists({ code }))) throw unprocessable('unknown-department', `There is no department ${code}.`);
}

export async function queryComplaint(ctx: ApiContext, complaintNo: string): Promise<ComplaintView | null> {
  try {
    return await withTemporal(ctx, () => ctx.temporal.workflow.getHandle(complaintWorkflowId(complaintNo)).query(complaintStateQuery));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
}

/**
 * The complaint if the caller may see it (supervisors, auditors and administrators every
 * one; a department officer those transferred to their department); otherwise the same 404
 * as for no complaint at all.
 */
export async function locateComplaint(ctx: ApiContext, complaintNo: string, user: Principal) {
  const visible = visibleDepartments(user);
  const allowed = (department: string | null | undefined) => visible === null || (department != null && visible.includes(department));
  const doc = await loadComplaint(ctx, complaintNo);
  if (doc && allowed(doc.department)) return { doc, view: null };
  // Not recorded yet, or recorded before a transfer the read model has not caught up with.
  const view = await queryComplaint(ctx, complaintNo);
  if ((!doc && !view) || !allowed(view?.department ?? doc?.department)) throw complaintNotFound(complaintNo);
  return { doc, view };
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function summaryOf(doc: ComplaintDoc) {
  return {
    complaintNo: doc._id, channel: doc.channel, complainantName: doc.complainant?.name ?? '', department: doc.department ?? null,
    status: doc.status, level: doc.level, filedAt: doc.filedAt.toISOString(), firstResponseAt: iso(doc.firstResponseAt),
    firstResponseOnTime: doc.firstResponseOnTime ?? null, handlingDeadline: doc.handlingDeadline.toISOString(), concludedAt: iso(doc.concludedAt),
    handledOnTime: doc.handledOnTime ?? null, finding: doc.finding ?? null, rating: doc.rating ?? null,
  };
}

function summaryFromView(view: ComplaintView) {
  const at = (t: number | null | undefined) => (t === null || t === undefined ? null : new Date(t).toISOString());
  return {
    complaintNo: view.complaintNo, channel: view.channel, complainantName: view.complainant.name, department: view.department, status: view.status,
    level: view.level, filedAt: new Date(view.filedAt).toISOString(), firstResponseAt: at(view.firstResponseAt),
    firstResponseOnTime: view.firstResponseOnTime, handlingDeadline: new Date(view.handlingDeadline).toISOString(),
    concludedAt: at(view.conclusion?.at), handledOnTime: view.conclusion?.onTime ?? null, finding: view.conclusion?.finding ?? null,
    rating: view.rating?.score ?? null,
  };
}

export async function listComplaints(ctx: ApiContext, query: FromSchema<typeof listQuery>, user: Principal) {
  const and: Record<string, unknown>[] = [];
  const visible = visibleDepartments(user);
  if (visible !== null) and.push({ department: { $in: visible } });
  if (query.status) and.push({ status: query.status });
  if (query.department) and.push({ department: query.department });
  if (query.channel) and.push({ channel: query.channel });
  if (query.level) and.push({ level: query.level });
  if (query.filedFrom || query.filedTo) {
    and.push({ filedAt: { ...(query.filedFrom ? { $gte: new Date(query.filedFrom) } : {}), ...(query.filedTo ? { $lt: new Date(query.filedTo) } : {}) } });
  }
  if (query.overdue !== undefined) {
    const late = [{ concludedAt: null, handlingDeadline: { $lte: new Date(ctx.now()) } }, { handledOnTime: false }];
    and.push(query.overdue ? { $or: late } : { $nor: late });
  }
  if (query.cursor) {
    and.push(afterCursor('filedAt', query.cursor));
  }
  const limit = query.limit ?? 50;
  const docs = await complaintModel(ctx.db).find(and.length > 0 ? { $and: and } : {}).sort({ filedAt: -1, _id: -1 }).limit(limit + 1).lean();
  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(summaryOf), nextCursor: docs.length > limit && last ? encodeCursor(last.filedAt, last._id) : null };
}

export async function complaintDetail(ctx: ApiContext, complaintNo: string, user: Principal) {
  const found = await locateComplaint(ctx, complaintNo, user);
  const [view, events] = await Promise.all([
    found.view ? Promise.resolve(found.view) : queryComplaint(ctx, complaintNo).catch((err: unknown) => {
      ctx.logger.warn({ err, complaintNo }, 'complaint state not queryable; answering from the read model');
      return null;
    }),
    oversightEventsOf(ctx.db, 'complaint', complaintNo, 1000),
  ]);
  const names = await actorNames(ctx, events);
  return {
    complaint: found.doc ? summaryOf(found.doc) : view ? summaryFromView(view) : null,
    // The query code is the complainant's: staff gave it once, at registration.
    live: view ? isoInstants({ ...view, queryCode: undefined }) : null,
    timeline: events.map((e) => ({
      seq: e.seq, at: e.at.toISOString(), type: e.type, summary: e.summary, actorId: e.actorId ?? null,
      actorName: (e.actorId && names.get(e.actorId)) ?? null, payload: isoInstants(e.payload ?? {}),
    })),
  };
}

function sameCode(given: string, stored: string | null | undefined): boolean {
  if (!stored) return false;
  const [a, b] = [Buffer.from(given.toUpperCase()), Buffer.from(stored.toUpperCase())];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The complaint a member of the public names with its query code; one 404 for an unknown number and a wrong code. */
export async function publicComplaint(ctx: ApiContext, complaintNo: string, queryCode: string) {
  const status = await publicComplaintStatus(ctx, complaintNo, queryCode);
  // The public reads the department's name, never its code.
  const named = status.department === null ? null : await departmentModel(ctx.db).findOne({ code: status.department }, { name: 1 }).lean();
  return { ...status, departmentName: named?.name ?? null };
}

async function publicComplaintStatus(ctx: ApiContext, complaintNo: string, queryCode: string) {
  const doc = await loadComplaint(ctx, complaintNo);
  const view = doc ? null : await queryComplaint(ctx, complaintNo);
  if (!sameCode(queryCode, doc?.queryCode ?? view?.queryCode)) throw notFound(`Complaint ${complaintNo} with this query code`);
  if (doc) {
    const conclusion = doc.conclusion as { result?: string } | null;
    return {
      complaintNo, status: doc.status, department: doc.department ?? null, filedAt: doc.filedAt.toISOString(), firstResponseAt: iso(doc.firstResponseAt),
      handlingDeadline: doc.handlingDeadline.toISOString(), concludedAt: iso(doc.concludedAt), result: conclusion?.result ?? null,
      finding: doc.finding ?? null, rating: doc.rating ?? null,
    };
  }
  const v = view as ComplaintView;
  return {
    complaintNo, status: v.status, department: v.department, filedAt: new Date(v.filedAt).toISOString(),
    firstResponseAt: v.firstResponseAt === null ? null : new Date(v.firstResponseAt).toISOString(),
    handlingDeadline: new Date(v.handlingDeadline).toISOString(), concludedAt: v.conclusion ? new Date(v.conclusion.at).toISOString() : null,
    result: v.conclusion?.result ?? null, finding: v.conclusion?.finding ?? null, rating: v.rating?.score ?? null,
  };
}
