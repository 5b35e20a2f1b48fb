import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { FromSchema } from 'json-schema-to-ts';
import { caseWorkflowId } from '../../config/temporal';
import { ingestedEventModel } from '../../db/models/external-system';
import { calendarSince } from '../../domain/calendar/window';
import type { ProcessDefinition } from '../../domain/definition/types';
import { CASE_WORKFLOW_NAME, externalEventSignal, type CaseStartInput, type ExternalCaseEvent } from '../../workflows/case/contract';
import { CURRENT_RULE_SET } from '../../workflows/case/rules';
import { attributesAtStart } from '../../workflows/case/search-attributes';
import { effectiveCalendar } from '../../db/queries/calendar';
import { CLOCK_SKEW_MS, reportTiming, type ReportTiming } from '../../domain/interconnection/report-time';
import type { ApiContext } from '../context';
import { readVersion } from '../definitions/versions';
import { ApiError, type FieldProblem } from '../http/errors';
import type { SystemPrincipal } from '../http/principal';
import { asUnavailable } from '../http/problem';
import { validatePart } from '../http/validation';
import { withTemporal } from '../temporal';
import { externalEventSchema } from './schema';

type IncomingEvent = FromSchema<typeof externalEventSchema>;

interface EventResult {
  index: number;
  eventId: string | null;
  status: 'accepted' | 'duplicate' | 'rejected' | 'failed';
  caseNo?: string;
  code?: string;
  detail?: string;
  errors?: FieldProblem[];
}

type Timing = Exclude<ReportTiming, { kind: 'future' }>;

/** The event as the case takes it: at its effective time, with the late report when there is one. */
function toContractEvent(event: IncomingEvent, timing: Timing): ExternalCaseEvent {
  const { caseNo: _caseNo, itemCode: _itemCode, applicant: _applicant, data: _data, occurredAt: _occurredAt, ...rest } = event;
  if (timing.kind === 'timely') return { ...rest, occurredAt: timing.effectiveAt };
  const { occurredAt, receivedAt, reportDueAt } = timing;
  return { ...rest, occurredAt: timing.effectiveAt, lateReport: { occurredAt, receivedAt, reportDueAt } };
}

/**
 * Takes a batch of external case events. Each is validated alone and answered alone: its
 * id is claimed once per source system, then the tracked case workflow is signalled (and
 * started on its first event) with signalWithStart. If the signal fails the claim is
 * released, so the event can be sent again.
 */
export async function ingest(ctx: ApiContext, events: unknown[], system: SystemPrincipal) {
  const definitions = new Map<string, { definition: ProcessDefinition; version: number } | null>();
  const calendar = await effectiveCalendar(ctx.db, ctx.settings);
  const claims = ingestedEventModel(ctx.db);
  const results: EventResult[] = [];
  type Published = { definition: ProcessDefinition; version: number };
  const byCase = new Map<string, { index: number; event: IncomingEvent; published: Published; timing: Timing }[]>();
  for (const [index, raw] of events.entries()) {
    const eventId = typeof (raw as { eventId?: unknown })?.eventId === 'string' ? (raw as { eventId: string }).eventId : null;
    let event: IncomingEvent;
    try {
      event = validatePart<IncomingEvent>('body', externalEventSchema, raw);
    } catch (err) {
      const errors = err instanceof ApiError ? (err.errors ?? []).map((e) => ({ ...e, pointer: `/events/${index}${e.pointer}` })) : [];
      results[index] = { index, eventId, status: 'rejected', code: 'validation-failed', detail: 'The event breaks the schema.', errors };
      continue;
    }
    const caseNo = `${system.systemId}-${event.caseNo}`;
    const timing = reportTiming(calendar, Date.parse(event.occurredAt), ctx.now(), ctx.settings.externalReportToleranceDays);
    if (timing.kind === 'future') {
      const detail = `occurredAt is later than the receipt by more than ${CLOCK_SKEW_MS / 1000} s of clock skew (latest accepted ${new Date(timing.latestAcceptedAt).toISOString()}).`;
      results[index] = {
        index, eventId, caseNo, status: 'rejected', code: 'occurred-in-future', detail,
        errors: [{ in: 'body', pointer: `/events/${index}/occurredAt`, detail }],
      };
      continue;
    }
    if (!definitions.has(event.itemCode)) {
      definitions.set(event.itemCode, await readVersion(ctx.db, event.itemCode).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }));
    }
    const published = definitions.get(event.itemCode);
    if (!published) {
      results[index] = { index, eventId, caseNo, status: 'rejected', code: 'unknown-item', detail: `No published item ${event.itemCode}.` };
    } else if (!system.departments.includes(published.definition.item.department)) {
      results[index] = { index, eventId, caseNo, status: 'rejected', code: 'forbidden', detail: `This system does not report cases of ${published.definition.item.department}.` };
    } else {
      const list = byCase.get(caseNo) ?? [];
      list.push({ index, event, published, timing });
      byCase.set(caseNo, list);
    }
  }

  const deliver = async (caseNo: string, index: number, event: IncomingEvent, published: Published, timing: Timing) => {
    const key = `${system.systemId}:${event.eventId}`;
    try {
      await claims.create({ _id: key, key, systemId: system.systemId, caseNo, receivedAt: new Date(ctx.now()) });
    } catch (err) {
      if ((err as { code?: unknown }).code === 11000) return { index, eventId: event.eventId, caseNo, status: 'duplicate' as const };
      throw err;
    }
    // A late report never moves the start later: the case starts when the source says, or at receipt if sooner.
    const submittedAt = Math.min(Date.parse(event.occurredAt), timing.effectiveAt);
    const input: CaseStartInput = {
      caseNo,
      mode: 'tracked',
      definitionRef: { id: event.itemCode, version: published.version },
      definition: published.definition,
      // Only what the case can read: the worker keeps a case's start input while the run is cached.
      calendar: calendarSince(calendar, submittedAt),
      applicant: event.applicant ?? { name: '(reported by the source system)' },
      data: (event.data as Record<string, unknown> | undefined) ?? {},
      submittedAt,
      ruleSet: CURRENT_RULE_SET,
    };
    try {
      await withTemporal(ctx, () =>
        ctx.temporal.workflow.signalWithStart(CASE_WORKFLOW_NAME, {
          workflowId: caseWorkflowId(caseNo),
          taskQueue: ctx.settings.taskQueue,
          args: [input],
          // A concluded case is never started again by a late event.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: attributesAtStart(caseNo, published.definition),
          signal: externalEventSignal,
          signalArgs: [toContractEvent(event, timing)],
        }),
      );
      return { index, eventId: event.eventId, caseNo, status: 'accepted' as const };
    } catch (err) {
      // By `_id`: on FerretDB `{ key }` would read every event ever received.
      await claims.deleteOne({ _id: key }).catch(() => undefined);
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        return { index, eventId: event.eventId, caseNo, status: 'rejected' as const, code: 'case-closed', detail: 'The case has ended; it takes no more events.' };
      }
      const outage = asUnavailable(err);
      if (!outage) throw err;
      ctx.logger.warn({ err, caseNo, eventId: event.eventId }, 'external event not delivered');
      return { index, eventId: event.eventId, caseNo, status: 'failed' as const, code: 'unavailable', detail: 'The workflow service is unavailable; send the event again.' };
    }
  };
  // A case's events go in the order sent, one after another; different cases go side by side.
  const queue = [...byCase.entries()];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [caseNo, list] = next;
      for (const { index, event, published, timing } of list) results[index] = await deliver(caseNo, index, event, published, timing);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, queue.length) }, worker));
  const count = (status: EventResult['status']) => results.filter((r) => r.status === status).length;
  return { accepted: count('accepted'), duplicates: count('duplicate'), rejected: count('rejected'), failed: count('failed'), results };
}
