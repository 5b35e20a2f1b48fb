import { timingSafeEqual } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { FromSchema } from 'json-schema-to-ts';
import { consultationWorkflowId } from '../../config/temporal';
import { consultationModel } from '../../db/models/consultation';
import { ALWAYS, guardedUpdate } from '../../db/guarded-write';
import { departmentModel } from '../../db/models/department';
import { oversightEventsOf } from '../../db/queries/case-history';
import { effectiveCalendar } from '../../db/queries/calendar';
import { listInGuide, publishedToGuide, startGuideLists } from '../../db/queries/item-faqs';
import type { NumberClaim } from '../../db/queries/numbering';
import { limitDeadline } from '../../domain/calendar/deadlines';
import { localDateOf } from '../../domain/calendar/local-date';
import {
  CONSULTATION_WORKFLOW_NAME, consultationStateQuery, type ConsultationChannel, type ConsultationStartInput, type ConsultationView,
} from '../../workflows/consultation/contract';
import type { ApiContext } from '../context';
import { versionInForce } from '../definitions/versions';
import { afterCursor, encodeCursor } from '../http/cursor';
import { ApiError, conflict, notFound } from '../http/errors';
import { isoInstants } from '../http/instants';
import { startUnderNewNumber } from '../http/numbering';
import { visibleDepartments, type Principal } from '../http/principal';
import { newQueryCode } from '../http/query-code';
import { withTemporal } from '../temporal';
import { actorNames } from '../users/names';
import type { listQuery, publicAskBody } from './schema';

type ConsultationDoc = NonNullable<Awaited<ReturnType<typeof loadConsultation>>>;

function loadConsultation(ctx: ApiContext, consultationNo: string) {
  return consultationModel(ctx.db).findById(consultationNo).lean();
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const isoOf = (t: number | null | undefined) => (t === null || t === undefined ? null : new Date(t).toISOString());

/**
 * Asks a question about an item and starts its workflow, routed to the item's department;
 * the number is allocated only just before the start. An unknown item is 422 naming `itemCode`.
 */
export async function askQuestion(
  ctx: ApiContext, body: FromSchema<typeof publicAskBody>, channel: ConsultationChannel, registeredBy?: Principal, numbers?: NumberClaim,
) {
  const item = await versionInForce(ctx.db, body.itemCode);
  if (!item) {
    throw new ApiError(422, 'unknown-item', 'Unknown item', `There is no published item ${body.itemCode}.`, {
      errors: [{ in: 'body', pointer: '/itemCode', detail: 'no published item has this code' }],
    });
  }
  const calendar = await effectiveCalendar(ctx.db, ctx.settings);
  const askedAt = ctx.now();
  const day = localDateOf(calendar, askedAt).replaceAll('-', '');
  const queryCode = newQueryCode();
  const limits = { answerDays: ctx.settings.voice.consultationAnswerDays };
  return startUnderNewNumber(ctx.db, { prefix: 'ZX', counter: 'consultation', day }, {
    answer: (consultationNo) => ({
      consultationNo, queryCode, askedAt: new Date(askedAt).toISOString(),
      answerDeadline: new Date(limitDeadline(calendar, askedAt, limits.answerDays).at).toISOString(),
    }),
    start: async (no, memo) => {
      const input: ConsultationStartInput = {
        consultationNo: no, queryCode, channel, asker: body.asker, itemCode: item.itemCode, itemName: item.itemName, department: item.department,
        question: body.question, askedAt, ...(registeredBy && { registeredBy: { userId: registeredBy.userId, name: registeredBy.name } }), calendar, limits,
      };
      await withTemporal(ctx, () => ctx.temporal.workflow.start(CONSULTATION_WORKFLOW_NAME, {
        workflowId: consultationWorkflowId(no), taskQueue: ctx.settings.taskQueue, args: [input], workflowIdReusePolicy: 'REJECT_DUPLICATE', ...(memo && { memo }),
      }));
    },
    memoOf: (no) => withTemporal(ctx, () => ctx.temporal.workflow.getHandle(consultationWorkflowId(no)).describe()).then((d) => d.memo),
  }, numbers);
}

export async function queryConsultation(ctx: ApiContext, consultationNo: string): Promise<ConsultationView | null> {
  try {
    return await withTemporal(ctx, () => ctx.temporal.workflow.getHandle(consultationWorkflowId(consultationNo)).query(consultationStateQuery));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || /already completed|not found/i.test((err as Error).message)) return null;
    throw err;
  }
}

type Summary = ReturnType<typeof summaryOf>;

function summaryOf(doc: ConsultationDoc) {
  const answer = doc.answer as { answer?: string } | null;
  const faq = doc.faq as { publishedAt?: Date } | null;
  return {
    consultationNo: doc._id, channel: doc.channel as ConsultationChannel, askerName: doc.asker?.name ?? '', itemCode: doc.itemCode, itemName: doc.itemName,
    department: doc.department, question: doc.question, askedAt: doc.askedAt.toISOString(), answerDeadline: doc.answerDeadline.toISOString(),
    status: doc.status as 'open' | 'answered', level: doc.level as 'normal', answer: answer?.answer ?? null, answeredAt: iso(doc.answeredAt),
    answeredOnTime: doc.answeredOnTime ?? null, faqPublishedAt: faq?.publishedAt ? new Date(faq.publishedAt).toISOString() : null,
  };
}

function summaryFromView(v: ConsultationView): Summary {
  return {
    consultationNo: v.consultationNo, channel: v.channel, askerName: v.asker.name, itemCode: v.itemCode, itemName: v.itemName, department: v.department,
    question: v.question, askedAt: new Date(v.askedAt).toISOString(), answerDeadline: new Date(v.answerDeadline).toISOString(), status: v.status,
    level: v.level as 'normal', answer: v.answer?.answer ?? null, answeredAt: isoOf(v.answer?.at), answeredOnTime: v.answer?.onTime ?? null, faqPublishedAt: null,
  };
}

/** The consultation as the caller may see it (staff of its department, supervisors, auditors, administrators); else the same 404 as none. */
export async function locateConsultation(ctx: ApiContext, consultationNo: string, user: Principal): Promise<{ doc: ConsultationDoc | null; summary: Summary }> {
  const visible = visibleDepartments(user);
  const doc = await loadConsultation(ctx, consultationNo);
  const view = doc ? null : await queryConsultation(ctx, consultationNo);
  const summary = doc ? summaryOf(doc) : view ? summaryFromView(view) : null;
  if (!summary || (visible !== null && !visible.includes(summary.department))) throw notFound(`Consultation ${consultationNo}`);
  return { doc, summary };
}

export async function listConsultations(ctx: ApiContext, query: FromSchema<typeof listQuery>, user: Principal) {
  const and: Record<string, unknown>[] = [];
  const visible = visibleDepartments(user);
  if (visible !== null) and.push({ department: { $in: visible } });
  if (query.status) and.push({ status: query.status });
  if (query.department) and.push({ department: query.department });
  if (query.itemCode) and.push({ itemCode: query.itemCode });
  if (query.overdue !== undefined) {
    const late = [{ status: 'open', answerDeadline: { $lte: new Date(ctx.now()) } }, { answeredOnTime: false }];
    and.push(query.overdue ? { $or: late } : { $nor: late });
  }
  if (query.cursor) and.push(afterCursor('askedAt', query.cursor));
  const limit = query.limit ?? 50;
  const docs = await consultationModel(ctx.db).find(and.length > 0 ? { $and: and } : {}).sort({ askedAt: -1, _id: -1 }).limit(limit + 1).lean();
  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(summaryOf), nextCursor: docs.length > limit && last ? encodeCursor(last.askedAt, last._id) : null };
}

export async function consultationDetail(ctx: ApiContext, consultationNo: string, user: Principal) {
  const { summary } = await locateConsultation(ctx, consultationNo, user);
  const events = await oversightEventsOf(ctx.db, 'consultation', consultationNo, 1000);
  const names = await actorNames(ctx, events);
  return {
    consultation: summary,
    timeline: events.map((e) => ({
      seq: e.seq, at: e.at.toISOString(), type: e.type, summary: e.summary, actorId: e.actorId ?? null,
      actorName: (e.actorId && names.get(e.actorId)) ?? null, payload: isoInstants(e.payload ?? {}) as Record<string, unknown>,
    })),
  };
}

function sameCode(given: string, stored: string | null | undefined): boolean {
  if (!stored) return false;
  const [a, b] = [Buffer.from(given.toUpperCase()), Buffer.from(stored.toUpperCase())];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The question and its answer for the asker, by number and query code; one 404 for an unknown number and a wrong code. */
export async function publicConsultation(ctx: ApiContext, consultationNo: string, queryCode: string) {
  const doc = await loadConsultation(ctx, consultationNo);
  const view = doc ? null : await queryConsultation(ctx, consultationNo);
  if (!sameCode(queryCode, doc?.queryCode ?? view?.queryCode)) throw notFound(`Consultation ${consultationNo} with this query code`);
  const s = doc ? summaryOf(doc) : summaryFromView(view as ConsultationView);
  const dept = await departmentModel(ctx.db).findOne({ code: s.department }).lean();
  return {
    consultationNo, itemCode: s.itemCode, itemName: s.itemName, department: s.department, departmentName: dept?.name ?? s.department,
    question: s.question, askedAt: s.askedAt, answerDeadline: s.answerDeadline, status: s.status, answer: s.answer, answeredAt: s.answeredAt,
  };
}

/**
 * Publishes an answered question to its item's guide (常见问题). Setting the same text again
 * changes nothing, so a repeat of the logged effect is harmless.
 */
export async function publishFaq(ctx: ApiContext, consultationNo: string, user: Principal, edit: { question?: string; answer?: string }) {
  const { doc, summary } = await locateConsultation(ctx, consultationNo, user);
  if (!doc || summary.status !== 'answered' || summary.answer === null) {
    throw conflict('NOT_ANSWERED', 'A question is published to the guide once its answer is recorded.');
  }
  const existing = doc.faq as { publishedAt: Date } | null;
  const faq = {
    question: edit.question ?? summary.question, answer: edit.answer ?? summary.answer, publishedBy: user.userId,
    publishedAt: existing?.publishedAt ?? new Date(ctx.now()),
  };
  await startGuideLists(ctx.db);
  // The recorder writes this read model by compare-and-swap; a plain update could be undone by its next version.
  await guardedUpdate(consultationModel(ctx.db), consultationNo, ALWAYS, { $set: { faq } });
  await listInGuide(ctx.db, doc.itemCode, consultationNo);
  return { consultationNo, question: faq.question, answer: faq.answer, publishedAt: faq.publishedAt.toISOString() };
}

/** The questions a department published to an item's guide, newest first. */
export async function itemFaq(ctx: ApiContext, itemCode: string) {
  const docs = await publishedToGuide(ctx.db, itemCode);
  const items = docs.map((d) => {
    const f = d.faq as { question: string; answer: string; publishedAt: Date };
    return { consultationNo: d._id, question: f.question, answer: f.answer, publishedAt: new Date(f.publishedAt).toISOString() };
  });
  return { items: items.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt)) };
}
