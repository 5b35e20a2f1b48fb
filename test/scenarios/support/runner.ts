import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Connection } from 'mongoose';
import type { WorkCalendar } from '../../../domain/calendar/schema';
import type { ProcessDefinition } from '../../../domain/definition/types';
import { validateDefinition } from '../../../domain/definition/validate';
import * as contract from '../../../workflows/case/contract';
import type { Actor, CaseStartInput, CaseView } from '../../../workflows/case/contract';
import { definitionFixtures, type DefinitionFixtureName } from '../../fixtures/definitions';
import { DEFAULT_REPORT_TOLERANCE_DAYS, reportTiming } from '../../../domain/interconnection/report-time';
import { checkExpectations } from './expectations';
import type { Scenario, ScenarioStep } from './format';
import { advanceFrom, applyCalendarPatch, parseLocal, scenarioCalendar, showLocal } from './scenario-time';
import { CYCLE_MS, cyclesFor, shiftCalendar } from './time-shift';

export interface ScenarioContext {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  db: Connection;
}

export interface ScenarioFigures {
  /** Simulated time from the start to the last step, ms. */
  simulatedMs: number;
  wallMs: number;
  /** Events in the case's history, all runs together; in its longest run; and the runs (continue-as-new). */
  historyLength: number;
  longestRun: number;
  runs: number;
}

/** A failed step: the message names the file, step number and line, and what was expected against what was found. */
export class ScenarioFailure extends Error {
  override readonly name = 'ScenarioFailure';
}

function definitionOf(scenario: Scenario): ProcessDefinition {
  const base = typeof scenario.definition === 'string'
    ? definitionFixtures[scenario.definition as DefinitionFixtureName]
    : scenario.definition;
  const source = base && scenario.item ? { ...base, item: { ...(base as { item: object }).item, ...scenario.item } } : base;
  if (source === undefined) throw new ScenarioFailure(`${scenario.file}: no definition fixture '${String(scenario.definition)}' (have ${Object.keys(definitionFixtures).join(', ')})`);
  const result = validateDefinition(source);
  if (!result.ok || !result.definition) {
    throw new ScenarioFailure(`${scenario.file}: the definition is invalid: ${result.errors.map((e) => e.message.en).join('; ')}`);
  }
  return result.definition;
}

const UPDATES = {
  accept: contract.acceptUpdate, refuse: contract.refuseUpdate, supplementNotice: contract.supplementNoticeUpdate,
  supplementReceived: contract.supplementReceivedUpdate, completeStep: contract.completeStepUpdate,
  startSpecialProcedure: contract.startSpecialProcedureUpdate, endSpecialProcedure: contract.endSpecialProcedureUpdate,
  suspend: contract.suspendUpdate, resume: contract.resumeUpdate, terminate: contract.terminateUpdate, conclude: contract.concludeUpdate,
  unlock: contract.unlockUpdate,
} as const;
const SETTLE_MS = 1000;
const STEP_ACTIONS = new Set(['complete', 'approve', 'reject', 'return', 'void']);

/** Plays one scenario on a time-skipping server whose worker polls `taskQueue`. */
export async function runScenario(scenario: Scenario, ctx: ScenarioContext): Promise<ScenarioFigures> {
  const wallStart = performance.now();
  const definition = definitionOf(scenario);
  let calendar: WorkCalendar = scenarioCalendar(scenario.calendar);
  const start = parseLocal(calendar, scenario.start);
  const cycles = cyclesFor(start, (await ctx.env.currentTimeMs()) + 60_000);
  const shift = cycles * CYCLE_MS;
  const serverNow = async () => (await ctx.env.currentTimeMs()) - shift;
  const show = (at: number | null | undefined) => showLocal(calendar, at);
  await ctx.env.sleep(start + shift - (await ctx.env.currentTimeMs()));

  const caseNo = `S-${scenario.file.replace(/\W+/g, '-')}-${Date.now().toString(36)}`;
  const input: CaseStartInput = {
    caseNo, mode: scenario.mode ?? 'native', definitionRef: { id: definition.item.code, version: 1 }, definition,
    calendar: shiftCalendar(calendar, cycles), applicant: { name: '场景申请人' }, data: scenario.data ?? {},
    submittedAt: start + shift, ...(scenario.options && { options: scenario.options }),
  };
  const handle = await ctx.env.client.workflow.start(contract.CASE_WORKFLOW_NAME, { taskQueue: ctx.taskQueue, workflowId: `case-${caseNo}`, args: [input] });
  const state = (): Promise<CaseView> => handle.query(contract.caseStateQuery);

  for (const [i, step] of scenario.steps.entries()) {
    const where = `${scenario.file} step ${i + 1} (line ${step.line})`;
    const fail = (message: string): never => {
      throw new ScenarioFailure(`${where}: ${message}`);
    };
    const now = await serverNow();
    if (process.env['SCENARIO_TRACE']) console.log(`${show(now)} ${where}: ${JSON.stringify({ ...step, line: undefined })}`);
    if (step.at !== undefined || step.advance !== undefined) {
      const target = step.at !== undefined ? parseLocal(calendar, step.at) : advanceFrom(calendar, now, step.advance ?? '');
      if (target < now) fail(`cannot go back in time: now ${show(now)}, asked for ${show(target)}`);
      // A timer fires when the server reaches its instant and the workflow runs a few ms
      // later; one more second lets every threshold at `target` be alerted before the next step.
      if (target > now) await ctx.env.sleep(target - now + SETTLE_MS);
      await state();
    } else if (step.act !== undefined) {
      await act(handle, step, await state(), fail, scenario, i);
    } else if (step.signal !== undefined) {
      const before = (await state()).historyCount;
      calendar = await signal(handle, step, calendar, cycles, now, shift, i);
      // A query may be answered before the signal is handled: wait until it shows in the history
      // (a repeated external event id changes nothing, hence the bound).
      for (let tries = 0; tries < 40 && (await state()).historyCount === before; tries++) await new Promise((r) => setTimeout(r, 50));
    } else {
      const view = await state();
      const problems = await checkExpectations(step, view, { shift, show, parse: (t) => parseLocal(calendar, t), db: ctx.db, caseNo });
      if (problems.length > 0) fail(`${problems.join('; ')}\n  state: ${summary(view, show, shift)}`);
    }
  }
  const end = await serverNow();
  const view = await state();
  if (view.status !== 'concluded') await handle.terminate('scenario finished');
  const wallMs = performance.now() - wallStart;
  const runs = await runLengths(ctx, handle);
  return { simulatedMs: end - start, wallMs, historyLength: runs.reduce((a, b) => a + b, 0), longestRun: Math.max(...runs), runs: runs.length };
}

/** Events in each run of the case, following continue-as-new from the first run. */
async function runLengths(ctx: ScenarioContext, handle: WorkflowHandleWithFirstExecutionRunId): Promise<number[]> {
  const lengths: number[] = [];
  let runId: string | undefined = handle.firstExecutionRunId;
  while (runId) {
    const history: temporal.api.history.v1.IHistory = await ctx.env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
    const events = history.events ?? [];
    lengths.push(events.length);
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return lengths;
}

function summary(view: CaseView, show: (at: number | null) => string, shift: number): string {
  return `status ${view.status}, position [${view.position.map((p) => p.nodeId).join(', ')}], alertLevel ${view.alertLevel}, ` +
    `deadline ${show(view.deadline === null ? null : view.deadline - shift)}, alerts [${view.alerts.map((a) => a.key).join(', ')}], ` +
    `anomalies [${view.anomalies.map((a) => a.kind).join(', ')}]`;
}

/** `as`: a named actor, 'role@department', or a role (its department from the active task, else the definition). */
function actorOf(scenario: Scenario, definition: ProcessDefinition, view: CaseView, as: string): Actor {
  const named = scenario.actors?.[as];
  if (named) return { userId: as, ...named };
  const [role = as, department] = as.split('@');
  if (department) return { userId: as, roles: ['clerk'], positions: [role], department };
  const active = view.position.find((p) => p.role === role);
  const task = definition.nodes.find((n) => n.kind === 'task' && n.role === role);
  const dept = active?.department ?? (task?.kind === 'task' ? task.department : definition.item.department);
  return { userId: `${role}@${dept}`, roles: ['clerk'], positions: [role], department: dept };
}

async function act(
  handle: WorkflowHandle, step: ScenarioStep, view: CaseView, fail: (m: string) => never, scenario: Scenario, index: number,
): Promise<void> {
  const name = step.act ?? 'completeStep';
  const update = STEP_ACTIONS.has(name) ? UPDATES.completeStep : UPDATES[name as keyof typeof UPDATES];
  const definition = definitionOf(scenario);
  const args: Record<string, unknown> = {
    idempotencyKey: step.key ?? `${scenario.file}#${index + 1}`,
    actor: actorOf(scenario, definition, view, step.as ?? ''),
    ...(STEP_ACTIONS.has(name) && { action: name }),
    ...(name === 'refuse' || name === 'suspend' || name === 'terminate' || name === 'startSpecialProcedure' || name === 'unlock' ? { reason: 'scenario' } : {}),
    ...(name === 'supplementNotice' && { materials: ['补正材料'] }),
    ...step.with,
  };
  try {
    await handle.executeUpdate(update as typeof UPDATES.accept, { args: [args as never] });
  } catch (error) {
    const refusal = contract.refusalOf(error);
    if (!refusal) throw error;
    if (step.refused === refusal.code) return;
    fail(step.refused ? `expected refusal ${step.refused}, got ${refusal.code}: ${refusal.reason}` : `${name} was refused: ${refusal.code}: ${refusal.reason}`);
  }
  if (step.refused) fail(`expected refusal ${step.refused}, but ${name} was accepted`);
}

async function signal(
  handle: WorkflowHandle, step: ScenarioStep, calendar: WorkCalendar, cycles: number, now: number, shift: number, index: number,
): Promise<WorkCalendar> {
  const w = step.with ?? {};
  const by = { userId: String(w['by'] ?? 'supervisor') };
  switch (step.signal) {
    case 'urge':
      await handle.signal(contract.urgeSignal, { id: `urge-${index}`, by, message: String(w['message'] ?? '请加快办理') });
      return calendar;
    case 'supervisionOrder':
      await handle.signal(contract.supervisionOrderSignal, {
        orderId: String(w['orderId'] ?? `order-${index}`), event: (w['event'] as 'opened') ?? 'opened', by, message: String(w['message'] ?? '督办'),
        ...(typeof w['responseDeadline'] === 'string' && { responseDeadline: parseLocal(calendar, w['responseDeadline']) + shift }),
      });
      return calendar;
    case 'actorAnomaly':
      await handle.signal(contract.actorAnomalySignal, {
        id: `attempt-${index}`, actor: { userId: String(w['actor'] ?? 'someone'), roles: [], departments: [] },
        attempted: String(w['attempted'] ?? 'action'), reason: String(w['reason'] ?? 'outside the actor\'s rights'),
      });
      return calendar;
    case 'calendarChanged': {
      const next = applyCalendarPatch(calendar, w as never);
      await handle.signal(contract.calendarChangedSignal, { calendar: shiftCalendar(next, cycles), reason: 'scenario' });
      return next;
    }
    case 'externalEvent': {
      // Received now, as the ingest API receives it: `at` is the time the source reports.
      const { at, ...rest } = w as { at?: string } & Record<string, unknown>;
      const timing = reportTiming(calendar, at === undefined ? now : parseLocal(calendar, at), now, DEFAULT_REPORT_TOLERANCE_DAYS);
      if (timing.kind === 'future') throw new ScenarioFailure(`step ${index + 1}: the receiver refuses an event in the future`);
      const lateReport = timing.kind === 'late'
        ? { lateReport: { occurredAt: timing.occurredAt + shift, receivedAt: timing.receivedAt + shift, reportDueAt: timing.reportDueAt + shift } }
        : {};
      await handle.signal(contract.externalEventSignal, {
        eventId: `ext-${index}`, ...(rest as { type: 'accepted' }), occurredAt: timing.effectiveAt + shift, ...lateReport,
      });
      return calendar;
    }
    default:
      return calendar;
  }
}
