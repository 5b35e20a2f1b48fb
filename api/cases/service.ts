import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { FromSchema } from 'json-schema-to-ts';
import type { ValidateFunction } from 'ajv';
import { caseWorkflowId } from '../../config/temporal';
import { localDateOf } from '../../domain/calendar/local-date';
import { calendarSince } from '../../domain/calendar/window';
import { randomUUID } from 'node:crypto';
import { applicationModel } from '../../db/models/application';
import { caseEventsOf } from '../../db/queries/case-history';
import { caseNotices } from '../../db/queries/notices';
import { CASE_WORKFLOW_NAME, type CaseStartInput } from '../../workflows/case/contract';
import { CURRENT_RULE_SET } from '../../workflows/case/rules';
import { attributesAtStart } from '../../workflows/case/search-attributes';
import { effectiveCalendar } from '../../db/queries/calendar';
import type { ApiContext } from '../context';
import { readVersion } from '../definitions/versions';
import { badRequest, forbidden } from '../http/errors';
import { isoInstants } from '../http/instants';
import { startUnderNewNumber } from '../http/numbering';
import { newQueryCode } from '../http/query-code';
import type { NumberClaim } from '../../db/queries/numbering';
import { hasRole, type Principal } from '../http/principal';
import { compileForm, fieldProblem } from '../http/validation';
import { withTemporal } from '../temporal';
import { locateCase, queryCase, type CaseRecord } from './access';
import { caseGraph } from './graph';
import type { startBody } from './schema';
import { actorNames } from '../users/names';

const forms = new Map<string, ValidateFunction>();

function formValidator(itemCode: string, version: number, schema: object): ValidateFunction {
  const key = `${itemCode}@${version}`;
  let validate = forms.get(key);
  if (!validate) forms.set(key, (validate = compileForm(schema)));
  return validate;
}

/**
 * Registers an application (收件) and starts its case workflow on the item's latest version.
 * Only the case number is allocated before the start: if Temporal is down nothing is written.
 * With `numbers` (a request with an Idempotency-Key) a retry reuses the number of the try before.
 */
export async function startCase(ctx: ApiContext, body: FromSchema<typeof startBody>, user: Principal, numbers?: NumberClaim) {
  const { definition, version } = await readVersion(ctx.db, body.itemCode);
  if (!hasRole(user, 'administrator') && user.department !== definition.item.department) {
    throw forbidden(`Applications for ${body.itemCode} are registered by ${definition.item.department}.`);
  }
  const validate = formValidator(body.itemCode, version, definition.item.catalogue.formSchema);
  if (!validate(body.data)) {
    const errors = (validate.errors ?? []).map((e) => {
      const p = fieldProblem('body', e);
      return { ...p, pointer: `/data${p.pointer}` };
    });
    throw badRequest('The application form is invalid.', errors);
  }
  const checklist = new Set(definition.item.catalogue.materials.map((m) => m.name));
  const unknown = (body.materials ?? []).flatMap((name, i) => (checklist.has(name) ? [] : [{ in: 'body' as const, pointer: `/materials/${i}`, detail: "is not on the item's materials checklist" }]));
  if (unknown.length > 0) throw badRequest('Materials received must come from the item\'s checklist.', unknown);
  const calendar = await effectiveCalendar(ctx.db, ctx.settings);
  const submittedAt = ctx.now();
  const day = localDateOf(calendar, submittedAt).replaceAll('-', '');
  const queryCode = newQueryCode();
  return startUnderNewNumber(ctx.db, { prefix: 'SL', counter: 'case', day }, {
    answer: (caseNo) => ({ caseNo, queryCode, itemCode: body.itemCode, definitionVersion: version, submittedAt: new Date(submittedAt).toISOString() }),
    start: async (no, memo) => {
      // The application is written before the workflow starts, so a started case always has it;
      // a number that turns out to be taken loses only what this try wrote.
      const writtenBy = randomUUID();
      await applicationModel(ctx.db).updateOne({ _id: no }, {
        $setOnInsert: {
          itemCode: body.itemCode, definitionVersion: version, department: definition.item.department, applicant: body.applicant,
          data: JSON.stringify(body.data), materials: body.materials ?? [], submittedAt: new Date(submittedAt), registeredBy: user.userId, writtenBy,
        },
      }, { upsert: true });
      const input: CaseStartInput = {
        caseNo: no,
        mode: 'native',
        definitionRef: { id: body.itemCode, version },
        definition,
        // Only what the case can read: the worker keeps a case's start input while the run is cached.
        calendar: calendarSince(calendar, submittedAt),
        applicant: body.applicant,
        data: body.data as Record<string, unknown>,
        submittedAt,
        queryCode,
        ruleSet: CURRENT_RULE_SET,
      };
      try {
        await withTemporal(ctx, () =>
          ctx.temporal.workflow.start(CASE_WORKFLOW_NAME, {
            workflowId: caseWorkflowId(no), taskQueue: ctx.settings.taskQueue, args: [input], workflowIdReusePolicy: 'REJECT_DUPLICATE', ...(memo && { memo }),
            typedSearchAttributes: attributesAtStart(no, definition),
          }),
        );
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) await applicationModel(ctx.db).deleteOne({ _id: no, writtenBy });
        throw err;
      }
    },
    memoOf: (no) => withTemporal(ctx, () => ctx.temporal.workflow.getHandle(caseWorkflowId(no)).describe()).then((d) => d.memo),
  }, numbers);
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function summaryOf(doc: CaseRecord) {
  return {
    caseNo: doc._id,
    mode: doc.mode,
    itemCode: doc.itemCode,
    itemName: doc.itemName,
    department: doc.department,
    applicantName: doc.applicantName,
    status: doc.status,
    outcome: doc.outcome ?? null,
    alertLevel: doc.alertLevel,
    position: doc.position.map((p) => ({ nodeId: p.nodeId, name: p.name, department: p.department, role: p.role, startedAt: iso(p.startedAt) })),
    submittedAt: doc.submittedAt.toISOString(),
    acceptedAt: iso(doc.acceptedAt),
    concludedAt: iso(doc.concludedAt),
    deadline: iso(doc.deadline),
    statutoryDeadline: iso(doc.statutoryDeadline),
    provisional: doc.provisional,
    onTime: doc.onTime ?? null,
  };
}

/** A case's read-model summary, its live view, the process graph it runs on and its event timeline. */
export async function caseDetail(ctx: ApiContext, caseNo: string, user: Principal) {
  const ref = await locateCase(ctx, caseNo, user);
  const definitionRef = ref.doc ? { id: ref.doc.definitionId, version: ref.doc.definitionVersion } : ref.view?.definitionRef;
  const [view, events, graph, notices] = await Promise.all([
    ref.view ? Promise.resolve(ref.view) : queryCase(ctx, caseNo).catch((err: unknown) => {
      ctx.logger.warn({ err, caseNo }, 'case state not queryable; answering from the read model');
      return null;
    }),
    caseEventsOf(ctx.db, caseNo, ref.doc?.seq ?? 0, 1000),
    definitionRef ? caseGraph(ctx, definitionRef) : Promise.resolve(null),
    caseNotices(ctx.db, caseNo),
  ]);
  const noticeEvents = notices.map((n) => ({
    seq: 0, at: n.issuedAt, type: 'notice-issued', summary: `notice ${n.number} issued (${n.kind})`, nodeId: null,
    actorId: n.issuedBy?.userId ?? null, payload: { kind: n.kind, number: n.number, noticeId: n._id },
  }));
  const claims = (view?.position ?? []).flatMap((p) => (p.claim ? [{ actorId: p.claim.userId }] : []));
  const names = await actorNames(ctx, [...events, ...noticeEvents, ...claims]);
  const summary = ref.doc ? summaryOf(ref.doc) : view ? summaryFromView(view) : null;
  return {
    case: summary,
    // Each claimed step (签收) names its clerk, as the timeline names its actors.
    live: view ? isoInstants({ ...view, position: view.position.map((p) => (p.claim ? { ...p, claim: { ...p.claim, name: names.get(p.claim.userId) ?? null } } : p)) }) : null,
    graph,
    timeline: withNotices(events, noticeEvents).map((e) => ({
      seq: e.seq, at: e.at.toISOString(), type: e.type, summary: e.summary, nodeId: e.nodeId ?? null, actorId: e.actorId ?? null,
      actorName: (e.actorId && names.get(e.actorId)) ?? null, payload: isoInstants(e.payload ?? {}),
    })),
  };
}

type TimelineSource = { seq: number; at: Date; type: string; summary: string; nodeId?: string | null; actorId?: string | null; payload?: unknown };

/**
 * The case's events with the notices issued on it (kept apart from the case's own history, in
 * `notices`), each notice after the events up to its issue and carrying the last one's `seq`.
 */
function withNotices<E extends TimelineSource>(events: E[], notices: TimelineSource[]): TimelineSource[] {
  const out: TimelineSource[] = [];
  let i = 0;
  for (const e of events) {
    while (i < notices.length && (notices[i] as TimelineSource).at < e.at) out.push({ ...(notices[i++] as TimelineSource), seq: out.at(-1)?.seq ?? 0 });
    out.push(e);
  }
  for (; i < notices.length; i++) out.push({ ...(notices[i] as TimelineSource), seq: out.at(-1)?.seq ?? 0 });
  return out;
}

function summaryFromView(view: NonNullable<Awaited<ReturnType<typeof queryCase>>>) {
  const at = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    caseNo: view.caseNo, mode: view.mode, itemCode: view.itemCode, itemName: view.itemName, department: view.department,
    applicantName: '', status: view.status, outcome: view.outcome, alertLevel: view.alertLevel,
    position: view.position.map((p) => ({ nodeId: p.nodeId, name: p.name, department: p.department, role: p.role, startedAt: at(p.startedAt) })),
    submittedAt: new Date(view.submittedAt).toISOString(), acceptedAt: at(view.acceptedAt), concludedAt: at(view.concludedAt),
    deadline: at(view.deadline), statutoryDeadline: at(view.statutoryDeadline), provisional: view.provisional, onTime: null,
  };
}
