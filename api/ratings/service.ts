import { timingSafeEqual } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { FromSchema } from 'json-schema-to-ts';
import { followUpWorkflowId } from '../../config/temporal';
import { caseModel } from '../../db/models/case';
import { caseRatingModel } from '../../db/models/case-rating';
import { departmentModel } from '../../db/models/department';
import { oversightEventsOf } from '../../db/queries/case-history';
import { effectiveCalendar } from '../../db/queries/calendar';
import { isBadRating, ratingRefusal } from '../../domain/voice/rating-rules';
import {
  FOLLOW_UP_WORKFLOW_NAME, followUpStateQuery, type FollowUpStartInput, type FollowUpView, type RatingReason, type SatisfactionLevel,
} from '../../workflows/follow-up/contract';
import type { ApiContext } from '../context';
import { afterCursor, encodeCursor } from '../http/cursor';
import { conflict, notFound } from '../http/errors';
import { isoInstants } from '../http/instants';
import { visibleDepartments, type Principal } from '../http/principal';
import { withTemporal } from '../temporal';
import { actorNames } from '../users/names';
import type { listQuery, rateBody } from './schema';

const DAY = 86_400_000;
const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const isoOf = (t: number | null | undefined) => (t === null || t === undefined ? null : new Date(t).toISOString());

function sameCode(given: string, stored: string | null | undefined): boolean {
  if (!stored) return false;
  const [a, b] = [Buffer.from(given.toUpperCase()), Buffer.from(stored.toUpperCase())];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The case the applicant names with the receipt's query code; one 404 for an unknown case and a wrong code. */
async function applicantsCase(ctx: ApiContext, caseNo: string, queryCode: string) {
  const doc = await caseModel(ctx.db).findById(caseNo).lean();
  if (!doc || !sameCode(queryCode, doc.queryCode)) throw notFound(`Case ${caseNo} with this query code`);
  return doc;
}

async function queryFollowUp(ctx: ApiContext, caseNo: string): Promise<FollowUpView | null> {
  try {
    return await withTemporal(ctx, () => ctx.temporal.workflow.getHandle(followUpWorkflowId(caseNo)).query(followUpStateQuery));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || /not found/i.test((err as Error).message)) return null;
    throw err;
  }
}

type Summary = ReturnType<typeof summaryFromView>;

function summaryFromView(v: FollowUpView) {
  const r = v.rating;
  return {
    caseNo: r.caseNo, itemCode: r.itemCode, itemName: r.itemName, department: r.department, level: r.level, reasons: r.reasons as string[],
    comment: r.comment ?? null, ratedAt: new Date(r.ratedAt).toISOString(), status: v.status, deadline: isoOf(v.deadline), alertLevel: v.level as string,
    outcome: v.closure?.outcome ?? null, result: v.closure?.result ?? null, closedAt: isoOf(v.closure?.at), closedOnTime: v.closure?.onTime ?? null,
  };
}

type RatingDoc = NonNullable<Awaited<ReturnType<typeof loadRating>>>;
const loadRating = (ctx: ApiContext, caseNo: string) => caseRatingModel(ctx.db).findById(caseNo).lean();

function summaryOf(d: RatingDoc): Summary {
  const closure = d.closure as { outcome?: string; result?: string } | null;
  return {
    caseNo: d._id, itemCode: d.itemCode, itemName: d.itemName, department: d.department, level: d.level as SatisfactionLevel, reasons: d.reasons,
    comment: d.comment ?? null, ratedAt: d.ratedAt.toISOString(), status: d.status as Summary['status'], deadline: iso(d.deadline), alertLevel: d.alertLevel,
    outcome: (closure?.outcome ?? null) as Summary['outcome'], result: closure?.result ?? null, closedAt: iso(d.closedAt), closedOnTime: d.closedOnTime ?? null,
  };
}

/** The rating from the read model, else from its workflow (just started, not recorded yet). */
async function findRating(ctx: ApiContext, caseNo: string): Promise<Summary | null> {
  const doc = await loadRating(ctx, caseNo);
  if (doc) return summaryOf(doc);
  const view = await queryFollowUp(ctx, caseNo);
  return view ? summaryFromView(view) : null;
}

async function departmentName(ctx: ApiContext, code: string): Promise<string> {
  return (await departmentModel(ctx.db).findOne({ code }).lean())?.name ?? code;
}

/** The applicant's view: whether the case may be rated, and the rating with its follow-up's result. */
export async function publicRating(ctx: ApiContext, caseNo: string, queryCode: string) {
  const doc = await applicantsCase(ctx, caseNo, queryCode);
  const rating = await findRating(ctx, caseNo);
  const concludedAt = doc.concludedAt ? doc.concludedAt.getTime() : null;
  const closesAt = concludedAt === null ? null : concludedAt + ctx.settings.voice.ratingWindowDays * DAY;
  return {
    caseNo, canRate: rating === null && ratingRefusal(concludedAt, ctx.now(), ctx.settings.voice.ratingWindowDays) === undefined,
    ratingClosesAt: isoOf(closesAt),
    rating: rating && {
      level: rating.level, reasons: rating.reasons, comment: rating.comment, ratedAt: rating.ratedAt, followUp: rating.status,
      departmentName: await departmentName(ctx, rating.department), deadline: rating.deadline, outcome: rating.outcome, result: rating.result, closedAt: rating.closedAt,
    },
  };
}

/**
 * Rates a concluded case once: the follow-up workflow's id is the case's, so of two ratings
 * at once one starts it and the other is refused (409 `ALREADY_RATED`); the read model is
 * checked first for a rating whose workflow has left Temporal's retention.
 */
export async function rateCase(ctx: ApiContext, caseNo: string, body: FromSchema<typeof rateBody>) {
  const doc = await applicantsCase(ctx, caseNo, body.queryCode);
  const now = ctx.now();
  const refusal = ratingRefusal(doc.concludedAt ? doc.concludedAt.getTime() : null, now, ctx.settings.voice.ratingWindowDays);
  if (refusal) throw conflict(refusal.code, refusal.reason);
  const already = () => conflict('ALREADY_RATED', `Case ${caseNo} was rated already; a case is rated once.`);
  if (await caseRatingModel(ctx.db).exists({ _id: caseNo })) throw already();
  const input: FollowUpStartInput = {
    rating: {
      caseNo, itemCode: doc.itemCode, itemName: doc.itemName, department: doc.department, level: body.level,
      reasons: (body.reasons ?? []) as RatingReason[], ...(body.comment !== undefined && { comment: body.comment }), ratedAt: now,
    },
    calendar: await effectiveCalendar(ctx.db, ctx.settings),
    limits: { followUpDays: ctx.settings.voice.followUpDays },
  };
  try {
    await withTemporal(ctx, () => ctx.temporal.workflow.start(FOLLOW_UP_WORKFLOW_NAME, {
      workflowId: followUpWorkflowId(caseNo), taskQueue: ctx.settings.taskQueue, args: [input], workflowIdReusePolicy: 'REJECT_DUPLICATE',
    }));
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) throw already();
    throw err;
  }
  return { caseNo, level: body.level, followUp: isBadRating(body.level) ? ('open' as const) : ('none' as const), ratedAt: new Date(now).toISOString() };
}

/** The rating if the caller may see it (its department's staff, supervisors, auditors, administrators); else the same 404 as none. */
export async function locateFollowUp(ctx: ApiContext, caseNo: string, user: Principal): Promise<Summary> {
  const visible = visibleDepartments(user);
  const found = await findRating(ctx, caseNo);
  if (!found || (visible !== null && !visible.includes(found.department))) throw notFound(`Rating of case ${caseNo}`);
  return found;
}

export async function listFollowUps(ctx: ApiContext, query: FromSchema<typeof listQuery>, user: Principal) {
  const and: Record<string, unknown>[] = [];
  const visible = visibleDepartments(user);
  if (visible !== null) and.push({ department: { $in: visible } });
  if (query.status) and.push({ status: query.status });
  if (query.department) and.push({ department: query.department });
  if (query.cursor) and.push(afterCursor('ratedAt', query.cursor));
  const limit = query.limit ?? 50;
  const docs = await caseRatingModel(ctx.db).find(and.length > 0 ? { $and: and } : {}).sort({ ratedAt: -1, _id: -1 }).limit(limit + 1).lean();
  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(summaryOf), nextCursor: docs.length > limit && last ? encodeCursor(last.ratedAt, last._id) : null };
}

export async function followUpDetail(ctx: ApiContext, caseNo: string, user: Principal) {
  const followUp = await locateFollowUp(ctx, caseNo, user);
  const events = await oversightEventsOf(ctx.db, 'follow-up', caseNo, 1000);
  const names = await actorNames(ctx, events);
  return {
    followUp,
    timeline: events.map((e) => ({
      seq: e.seq, at: e.at.toISOString(), type: e.type, summary: e.summary, actorId: e.actorId ?? null,
      actorName: (e.actorId && names.get(e.actorId)) ?? null, payload: isoInstants(e.payload ?? {}) as Record<string, unknown>,
    })),
  };
}

/** Satisfaction rates published on the portal, per department and per item. */
export async function publicRates(ctx: ApiContext) {
  const docs = await caseRatingModel(ctx.db).find({}, { department: 1, itemCode: 1, itemName: 1, level: 1 }).lean();
  const names = new Map((await departmentModel(ctx.db).find({}, { code: 1, name: 1 }).lean()).map((d) => [d.code, d.name]));
  type Row = { department: string; departmentName: string; itemCode: string | null; itemName: string | null; count: number; satisfied: number; bad: number; satisfiedRate: number };
  const departments = new Map<string, Row>();
  const items = new Map<string, Row>();
  const add = (rows: Map<string, Row>, key: string, base: Omit<Row, 'count' | 'satisfied' | 'bad' | 'satisfiedRate'>, bad: boolean) => {
    const row = rows.get(key) ?? { ...base, count: 0, satisfied: 0, bad: 0, satisfiedRate: 0 };
    row.count += 1;
    if (bad) row.bad += 1;
    else row.satisfied += 1;
    row.satisfiedRate = row.satisfied / row.count;
    rows.set(key, row);
  };
  for (const d of docs) {
    const departmentName = names.get(d.department) ?? d.department;
    const bad = isBadRating(d.level as SatisfactionLevel);
    add(departments, d.department, { department: d.department, departmentName, itemCode: null, itemName: null }, bad);
    add(items, `${d.department}|${d.itemCode}`, { department: d.department, departmentName, itemCode: d.itemCode, itemName: d.itemName }, bad);
  }
  const byRate = (a: Row, b: Row) => b.satisfiedRate - a.satisfiedRate || b.count - a.count;
  return { departments: [...departments.values()].sort(byRate), items: [...items.values()].sort(byRate) };
}
