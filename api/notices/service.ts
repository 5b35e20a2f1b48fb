import type { FromSchema } from 'json-schema-to-ts';
import { limitDeadline } from '../../domain/calendar/deadlines';
import { localDateOf } from '../../domain/calendar/local-date';
import { applicationModel } from '../../db/models/application';
import type { NoticeDoc } from '../../db/models/notice';
import { effectiveCalendar } from '../../db/queries/calendar';
import { departmentName, expectedDeadlines } from '../../db/queries/front-desk';
import { caseNotices, insertNumbered, noticeOfIntent } from '../../db/queries/notices';
import type { ApiContext } from '../context';
import { caseNotFound, findCase, locateCase, queryCase } from '../cases/access';
import { readVersion } from '../definitions/versions';
import { badRequest, conflict, forbidden } from '../http/errors';
import { hasRole, type Principal } from '../http/principal';
import { loggedEffect } from '../supervision-log/intents';
import type { noticeBody, NoticeKind } from './schema';

/** The character of each kind in the notice number: 受字〔2026〕第3号. */
const KIND_WORD: Record<NoticeKind, string> = { acceptance: '受', supplement: '补', refusal: '不受', conclusion: '结' };
/** 行政复议法第二十条: sixty days to apply for review; 行政诉讼法第四十六条: six months to sue. */
const REVIEW_DAYS = 60;
const LITIGATION_MONTHS = 6;
const DEFAULT_SUPPLEMENT_DAYS = 5;

type Body = FromSchema<typeof noticeBody>;
interface IssueArgs extends Body {
  caseNo: string;
  by: { userId: string; name: string };
}

export function noticeViewOf(doc: NoticeDoc & { _id: string }) {
  return {
    id: doc._id, caseNo: doc.caseNo, kind: doc.kind as NoticeKind, number: doc.number, seq: doc.seq, year: doc.year, department: doc.department,
    issuedAt: doc.issuedAt.toISOString(), issuedBy: { userId: doc.issuedBy?.userId ?? '', name: doc.issuedBy?.name ?? '' },
    content: doc.content as Record<string, unknown>,
  };
}

/** Notices are the registering department's acts: its clerks (and administrators) issue them. */
export async function assertIssuer(ctx: ApiContext, caseNo: string, user: Principal): Promise<void> {
  const ref = await locateCase(ctx, caseNo, user);
  const department = ref.doc?.department ?? ref.view?.department;
  if (!hasRole(user, 'administrator') && user.department !== department) throw forbidden('Notices are issued by the department the application was made to.');
}

/** Refuses a notice the case's state does not support, and a body that does not fit its kind, naming the field. */
function checkBody(args: IssueArgs, checklist: readonly string[]) {
  const stray = (field: keyof Body, allowed: NoticeKind) =>
    args[field] !== undefined && args.kind !== allowed ? [{ in: 'body' as const, pointer: `/${field}`, detail: `is only for a ${allowed} notice` }] : [];
  const errors = [...stray('materials', 'supplement'), ...stray('supplementDays', 'supplement'), ...stray('reason', 'refusal')];
  if (args.kind === 'supplement') {
    if (args.materials === undefined) errors.push({ in: 'body', pointer: '/materials', detail: 'is required: pick the missing materials from the checklist' });
    (args.materials ?? []).forEach((m, i) => {
      if (!checklist.includes(m)) errors.push({ in: 'body', pointer: `/materials/${i}`, detail: "is not on the item's materials checklist" });
    });
  }
  if (args.kind === 'refusal' && (args.reason === undefined || args.reason.trim() === '')) errors.push({ in: 'body', pointer: '/reason', detail: 'is required' });
  if (errors.length > 0) throw badRequest('The notice does not fit its kind.', errors);
}

async function caseState(ctx: ApiContext, caseNo: string) {
  // The caller was checked before the intent was written (assertIssuer); a sweep has no caller.
  const ref = await findCase(ctx, caseNo);
  if (!ref) throw caseNotFound(caseNo);
  // The live view first: the read model may be a moment behind an action just taken.
  const view = await queryCase(ctx, caseNo).catch(() => null);
  const doc = ref.doc;
  return {
    status: view?.status ?? doc?.status ?? 'submitted',
    outcome: view?.outcome ?? doc?.outcome ?? null,
    acceptedAt: view?.acceptedAt ?? doc?.acceptedAt?.getTime() ?? null,
    concludedAt: view?.concludedAt ?? doc?.concludedAt?.getTime() ?? null,
    submittedAt: view?.submittedAt ?? doc?.submittedAt.getTime() ?? 0,
    itemCode: view?.itemCode ?? doc?.itemCode ?? '',
    version: view?.definitionRef.version ?? doc?.definitionVersion ?? 0,
    department: view?.department ?? doc?.department ?? '',
    applicantName: doc?.applicantName ?? '',
  };
}

function checkState(kind: NoticeKind, state: Awaited<ReturnType<typeof caseState>>) {
  const refuse = (detail: string) => conflict('notice-not-due', detail);
  if (kind === 'acceptance' && state.acceptedAt === null) throw refuse('The case has not been accepted.');
  if (kind === 'supplement' && !['submitted', 'awaiting-supplement', 'supplementing'].includes(state.status)) throw refuse('Materials are asked for before acceptance or during a supplement.');
  if (kind === 'refusal' && state.outcome !== 'refused') throw refuse('The application has not been refused.');
  if (kind === 'conclusion' && (state.status !== 'concluded' || state.outcome === 'refused')) throw refuse('The case has not been concluded.');
}

/**
 * Issuing a notice is a logged action: the notice and its supervision-log record are one unit.
 * Applied again under the same intent (a retry, the sweeper) it answers the notice it numbered.
 */
export const noticeIssue = loggedEffect({
  action: 'notice.issue',
  apply: async (ctx, args: IssueArgs, intent) => {
    // A first application has numbered nothing yet; applied again it may have.
    const found = intent.again ? await noticeOfIntent(ctx.db, args.caseNo, intent.id) : null;
    const notice = found ?? (await issue(ctx, args, intent.id));
    return { result: noticeViewOf(notice), target: { kind: 'case', id: args.caseNo }, details: { kind: notice.kind, number: notice.number, noticeId: notice._id } };
  },
});

async function issue(ctx: ApiContext, args: IssueArgs, intentId: string) {
  const state = await caseState(ctx, args.caseNo);
  const [{ definition, itemName }, calendar, application] = await Promise.all([
    readVersion(ctx.db, state.itemCode, state.version), effectiveCalendar(ctx.db, ctx.settings), applicationModel(ctx.db).findById(args.caseNo).lean(),
  ]);
  checkBody(args, definition.item.catalogue.materials.map((m) => m.name));
  checkState(args.kind, state);
  const now = ctx.now();
  const issuedDate = localDateOf(calendar, now);
  const day = (at: number | null) => (at === null ? null : localDateOf(calendar, at));
  const base = {
    departmentName: await departmentName(ctx.db, state.department), itemName, itemCode: state.itemCode,
    applicantName: application?.applicant?.name ?? state.applicantName, submittedAt: new Date(state.submittedAt).toISOString(), issuedDate,
  };
  const content =
    args.kind === 'acceptance'
      ? { ...base, acceptedDate: day(state.acceptedAt), ...pick(expectedDeadlines(calendar, definition.item, state.acceptedAt ?? now)) }
      : args.kind === 'supplement'
        ? { ...base, materials: args.materials ?? [], supplementDays: args.supplementDays ?? DEFAULT_SUPPLEMENT_DAYS,
            supplementBy: localDateOf(calendar, limitDeadline(calendar, now, args.supplementDays ?? DEFAULT_SUPPLEMENT_DAYS).at - 1) }
        : args.kind === 'refusal'
          ? { ...base, reason: (args.reason ?? '').trim(), reviewDays: REVIEW_DAYS, litigationMonths: LITIGATION_MONTHS }
          : { ...base, outcome: state.outcome, concludedDate: day(state.concludedAt) };
  const year = Number(issuedDate.slice(0, 4));
  return insertNumbered(ctx.db, {
    caseNo: args.caseNo, kind: args.kind, department: state.department, year, intent: intentId, issuedAt: new Date(now), issuedBy: args.by, content,
  }, (seq) => `${KIND_WORD[args.kind]}字〔${year}〕第${seq}号`);
}

function pick(d: ReturnType<typeof expectedDeadlines>) {
  return { promisedDays: d.promisedDays, statutoryDays: d.statutoryDays, deadlineDate: d.deadlineDate, statutoryDeadlineDate: d.statutoryDeadlineDate };
}

/** The notices of a case, oldest first. */
export async function listNotices(ctx: ApiContext, caseNo: string, user: Principal) {
  await locateCase(ctx, caseNo, user);
  return (await caseNotices(ctx.db, caseNo)).map(noticeViewOf);
}
