/**
 * Case throughput and clerk-action latency through the HTTP API, each against a bare
 * Temporal baseline on the same dev server and worker options:
 * - throughput: cases started (POST /cases) and driven to conclusion by five clerk actions,
 *   per second, against workflows with one no-op activity executed start to result;
 * - latency: one clerk action (HTTP → auth → read model → workflow update → answer), against
 *   a raw `client.executeUpdate` on a workflow whose update handler does nothing.
 */
import { randomUUID } from 'node:crypto';
import { caseWorkflowId } from '../config/temporal';
import { ApiError, isPending, repeatWhilePending } from '../designer/src/api/client';
import { definitionFixtures } from '../test/fixtures/definitions';
import { noopActivityWorkflow, pingUpdate, pingWorkflow, releaseSignal } from './lib/baseline-workflows';
import { cpuMsText, cpuNow, cpuPerUnit, cpuSince } from './lib/cpu';
import { quantile, pool, round, type Figure } from './lib/figures';
import { ADMIN, BASELINE_QUEUE, call, type BenchStack } from './lib/stack';

const licence = definitionFixtures['sequential-licence'];
const itemCode = licence.item.code;
const form = { applicantName: '杭州西湖宾馆有限公司', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州市西湖区曙光路 1 号', businessType: 'hotel' };
/** The five clerk actions of the sequential licence, acceptance to conclusion. */
const STEPS: [string, object][] = [
  ['accept', {}],
  ['complete-step', { nodeId: 'undertake', action: 'complete' }],
  ['complete-step', { nodeId: 'review', action: 'complete' }],
  ['complete-step', { nodeId: 'approve', action: 'approve' }],
  ['conclude', {}],
];

/** The pause before each action of the spaced figures: longer than a recording takes on a quiet machine. */
const SPACED_MS = 300;

export interface CaseBenchOptions {
  cases: number;
  concurrency: number;
  latencyCases: number;
}

const clerks = new WeakMap<BenchStack, Promise<string>>();

/** The token of a clerk who may take every step of the licence, prepared once per stack. */
export function clerkOf(stack: BenchStack): Promise<string> {
  let token = clerks.get(stack);
  if (!token) {
    token = prepareClerk(stack);
    clerks.set(stack, token);
  }
  return token;
}

/** Publishes the licence and creates a clerk who may take every step; answers the clerk's token. */
async function prepareClerk(stack: BenchStack): Promise<string> {
  const admin = (await call(`${stack.apiUrl}/auth/login`, { body: ADMIN })).body.token as string;
  await call(`${stack.apiUrl}/departments`, { token: admin, body: { code: 'health-commission', name: '卫健委' } });
  const password = 'bench-clerk-password';
  const user = await call(`${stack.apiUrl}/users`, {
    token: admin,
    body: { username: 'bench-clerk', name: 'bench', password, roles: ['clerk'], department: 'health-commission', positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] },
  });
  if (user.status !== 201) throw new Error(`user: ${user.status} ${JSON.stringify(user.body)}`);
  const draft = await call(`${stack.apiUrl}/definitions/${itemCode}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
  if (draft.status !== 200) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.body)}`);
  const published = await call(`${stack.apiUrl}/definitions/${itemCode}/publish`, { token: admin, body: { revision: draft.body.revision ?? 1 } });
  if (published.status !== 201) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  return (await call(`${stack.apiUrl}/auth/login`, { body: { username: 'bench-clerk', password } })).body.token as string;
}

/** Where one action's milliseconds went: the API's `Server-Timing` parts and the round trip outside them. */
export type ActionParts = Record<string, number>;

/** How often the actions of {@link oneCase} were answered 503 `action-pending` and repeated. */
export interface Repeats {
  actions: number;
  repeats: number;
}

/**
 * Starts one case and concludes it; answers each action's round trip in milliseconds (`gapMs`
 * waited before each action), and adds each action's parts to `parts` when given. An action
 * the case has not answered in time (503 `action-pending`) is repeated under the same key
 * after its Retry-After, for as long as the web page would (its `repeatWhilePending`), and timed
 * from its first sending to its answer; `repeats` counts them.
 */
export async function oneCase(stack: BenchStack, token: string, gapMs = 0, parts?: ActionParts[], caseNos?: string[], repeats?: Repeats): Promise<number[]> {
  const started = await call(`${stack.apiUrl}/cases`, { token, body: { itemCode, applicant: { name: form.applicantName, kind: 'organisation' }, data: form } });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  const caseNo = started.body.caseNo as string;
  caseNos?.push(caseNo);
  const times: number[] = [];
  for (const [action, body] of STEPS) {
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    const key = randomUUID();
    const send = () => call(`${stack.apiUrl}/cases/${caseNo}/actions/${action}`, { token, body, headers: { 'idempotency-key': key } });
    const t0 = performance.now();
    let waits = 0;
    // The page's rule (repeatWhilePending): a pending answer is thrown as the page's ApiError, repeated, and at last answered as it came.
    const answer = await repeatWhilePending(async () => {
      const a = await send();
      const problem = new ApiError({ ...a.body, status: a.status }, a.retryAfter === null ? undefined : Number(a.retryAfter) * 1000);
      if (isPending(problem)) throw Object.assign(problem, { answer: a });
      return a;
    }, { onWaiting: () => void waits++ }).catch((e: unknown) => {
      if (isPending(e)) return (e as ApiError & { answer: Awaited<ReturnType<typeof send>> }).answer;
      throw e;
    });
    if (repeats && waits > 0) {
      repeats.actions += 1;
      repeats.repeats += waits;
    }
    const ms = performance.now() - t0;
    times.push(ms);
    parts?.push({ ...answer.timing, outside: ms - (answer.timing.total ?? ms) });
    if (answer.status !== 200) throw new Error(`${action} on ${caseNo}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return times;
}

export async function caseBenchmarks(stack: BenchStack, opts: CaseBenchOptions): Promise<{ figures: Figure[]; raw: Record<string, unknown> }> {
  const token = await clerkOf(stack);
  await pool(Array.from({ length: 5 }), 5, () => oneCase(stack, token)); // warm-up: JIT, connections, caches

  // Latency first, with nothing else running: one clerk acting alone, each case's actions back
  // to back (each contends with the previous one's recording; the first, the acceptance, comes
  // right after the start and waits for the case's first workflow task), then spaced.
  const actionMs: number[] = [];
  const acceptanceMs: number[] = [];
  const actionParts: ActionParts[] = [];
  for (let i = 0; i < opts.latencyCases; i++) {
    const times = await oneCase(stack, token, 0, actionParts);
    actionMs.push(...times);
    acceptanceMs.push(times[0] ?? Number.NaN);
  }
  const spacedMs: number[] = [];
  const spacedParts: ActionParts[] = [];
  const spacedCases: string[] = [];
  for (let i = 0; i < Math.ceil(opts.latencyCases / 2); i++) spacedMs.push(...(await oneCase(stack, token, SPACED_MS, spacedParts, spacedCases)));
  const ping = await stack.client.workflow.start(pingWorkflow, { taskQueue: BASELINE_QUEUE, workflowId: `bench-ping-${randomUUID()}` });
  await ping.executeUpdate(pingUpdate, { args: [0] });
  const updateMs: number[] = [];
  for (let i = 0; i < actionMs.length; i++) {
    const t0 = performance.now();
    await ping.executeUpdate(pingUpdate, { args: [i] });
    updateMs.push(performance.now() - t0);
  }
  await ping.signal(releaseSignal);

  // Where a case's CPU goes, process by process, against a bare workflow's.
  const caseWorkerPid = stack.caseWorker.child.pid;
  const caseCpu0 = cpuNow(stack, caseWorkerPid);
  const t0 = performance.now();
  const underLoad = (await pool(Array.from({ length: opts.cases }), opts.concurrency, () => oneCase(stack, token))).flat();
  const caseSeconds = (performance.now() - t0) / 1000;
  const caseCpu = cpuPerUnit(cpuSince(stack, caseWorkerPid, caseCpu0), opts.cases);
  const baselineWorkerPid = stack.baselineWorker.child.pid;
  const baselineCpu0 = cpuNow(stack, baselineWorkerPid);
  const b0 = performance.now();
  const bareIds: string[] = [];
  await pool(Array.from({ length: opts.cases }), opts.concurrency, () => {
    const workflowId = `bench-noop-${randomUUID()}`;
    bareIds.push(workflowId);
    return stack.client.workflow.execute(noopActivityWorkflow, { taskQueue: BASELINE_QUEUE, workflowId });
  });
  const baselineSeconds = (performance.now() - b0) / 1000;
  const baselineCpu = cpuPerUnit(cpuSince(stack, baselineWorkerPid, baselineCpu0), opts.cases);

  const group = 'cases';
  const figures: Figure[] = [
    {
      group, name: 'case throughput (start + 5 clerk actions to conclusion, via the API)', unit: 'cases/s', lowerIsBetter: false,
      value: round(opts.cases / caseSeconds, 2),
      baseline: { name: 'bare workflow, one no-op activity', value: round(opts.cases / baselineSeconds, 2) },
      note: `${opts.cases} cases, ${opts.concurrency} at a time; ${round(caseSeconds)} s (baseline ${round(baselineSeconds)} s); CPU per case: ${cpuMsText(caseCpu)} (the bare workflow: ${cpuMsText(baselineCpu)}, its worker's as the worker's)`,
    },
  ];
  for (const q of [0.5, 0.95, 0.99]) {
    figures.push({
      group, name: `clerk action latency p${q * 100} (HTTP → update → answer)`, unit: 'ms', lowerIsBetter: true,
      value: round(quantile(actionMs, q)), baseline: { name: 'raw client.executeUpdate, no-op handler', value: round(quantile(updateMs, q)) },
      // Where the milliseconds went, on the median's line: the API's parts and the round trip outside it.
      note: `${actionMs.length} actions, one at a time${q === 0.5 ? `; by part: ${partsNote(actionParts)}` : ''}`,
    });
  }
  // What the server keeps of a case at a clerk's pace (its recordings long done by now), against a bare workflow's.
  const caseHistory = await historyShape(stack, caseWorkflowId(spacedCases.at(-1) ?? ''));
  const bareHistory = await historyShape(stack, bareIds.at(-1) ?? '');
  figures.push({
    group, name: `a case's history on the server (start + 5 clerk actions, ${SPACED_MS} ms apart)`, unit: 'events', lowerIsBetter: true,
    value: caseHistory.events, baseline: { name: 'bare workflow, one no-op activity', value: bareHistory.events },
    note: `${caseHistory.note}; the bare workflow: ${bareHistory.note}`,
  });
  const raw = { name: 'raw client.executeUpdate, no-op handler', value: round(quantile(updateMs, 0.5)) };
  figures.push({
    group, name: 'clerk action latency p50, the acceptance right after the case starts', unit: 'ms', lowerIsBetter: true,
    value: round(quantile(acceptanceMs, 0.5)), baseline: raw,
    note: `${acceptanceMs.length} acceptances; it waits for the case's first workflow task`,
  });
  for (const q of [0.5, 0.95]) {
    figures.push({
      group, name: `clerk action latency p${q * 100}, ${SPACED_MS} ms between actions`, unit: 'ms', lowerIsBetter: true,
      value: round(quantile(spacedMs, q)), baseline: { name: raw.name, value: round(quantile(updateMs, q)) },
      note: `${spacedMs.length} actions, each after the previous one's recording (what a clerk's pace leaves)${q === 0.5 ? `; by part: ${partsNote(spacedParts)}` : ''}`,
    });
  }
  figures.push({
    group, name: 'clerk action latency p95 under the throughput load', unit: 'ms', lowerIsBetter: true, value: round(quantile(underLoad, 0.95)),
    note: `${underLoad.length} actions, ${opts.concurrency} cases at a time`,
  });
  return { figures, raw: { caseHistory, bareHistory, cpuPerCaseMs: caseCpu, cpuPerBareWorkflowMs: baselineCpu, actionParts: partsSummary(actionParts), spacedParts: partsSummary(spacedParts), actionMs: summary(actionMs), acceptanceMs: summary(acceptanceMs), spacedMs: summary(spacedMs), updateMs: summary(updateMs), underLoadMs: summary(underLoad) } };
}

/**
 * A run's history by what costs the server: events, workflow tasks, activities, timers,
 * search attribute upserts (each writes the visibility record again, besides the start's own)
 * and markers (patches, local activities).
 */
async function historyShape(stack: BenchStack, workflowId: string) {
  const events = (await stack.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const count = (has: (e: (typeof events)[number]) => unknown) => events.filter((e) => has(e)).length;
  const shape = {
    events: events.length,
    workflowTasks: count((e) => e.workflowTaskCompletedEventAttributes),
    activities: count((e) => e.activityTaskScheduledEventAttributes),
    updates: count((e) => e.workflowExecutionUpdateAcceptedEventAttributes),
    timersStarted: count((e) => e.timerStartedEventAttributes),
    timersCancelled: count((e) => e.timerCanceledEventAttributes),
    upserts: count((e) => e.upsertWorkflowSearchAttributesEventAttributes),
    markers: count((e) => e.markerRecordedEventAttributes),
  };
  const note = `${shape.workflowTasks} workflow tasks, ${shape.activities} activities, ${shape.updates} updates, ${shape.timersStarted} timers started (${shape.timersCancelled} cancelled), ${shape.upserts} search attribute upserts, ${shape.markers} markers`;
  return { ...shape, note };
}

const PARTS = ['auth', 'case', 'update', 'rest', 'outside'] as const;

/**
 * Each action's parts with `rest`, the API's time outside the named parts (routing, validation,
 * JSON): `auth` the token and the user, `case` the read model, `update` the workflow update,
 * `total` inside the API; `outside` is the round trip outside it (loopback HTTP, the fetch).
 */
function withRest(p: ActionParts): ActionParts {
  return { ...p, rest: (p.total ?? 0) - (p.auth ?? 0) - (p.case ?? 0) - (p.update ?? 0) };
}

function partsSummary(parts: ActionParts[]) {
  const all = parts.map(withRest);
  return Object.fromEntries([...PARTS, 'total'].map((name) => [name, summary(all.map((p) => p[name] ?? 0))]));
}

function partsNote(parts: ActionParts[]): string {
  const all = parts.map(withRest);
  return PARTS.map((name) => `${name} p50 ${round(quantile(all.map((p) => p[name] ?? 0), 0.5), 1)} / p95 ${round(quantile(all.map((p) => p[name] ?? 0), 0.95), 1)}`).join(', ') + ' ms';
}

function summary(xs: number[]) {
  return { n: xs.length, p50: round(quantile(xs, 0.5)), p95: round(quantile(xs, 0.95)), p99: round(quantile(xs, 0.99)), max: round(quantile(xs, 1)) };
}
