import type { Connection } from 'mongoose';
import { alertModel } from '../../../db/models/alert';
import { anomalyModel } from '../../../db/models/anomaly';
import { caseModel } from '../../../db/models/case';
import type { CaseView } from '../../../workflows/case/contract';
import type { ScenarioStep } from './format';

export interface ExpectContext {
  shift: number;
  show: (at: number | null) => string;
  parse: (text: string) => number;
  db: Connection;
  caseNo: string;
}

const list = (values: readonly unknown[]) => `[${values.join(', ')}]`;

/** Every mismatch between a step's expectations and the case, as 'field: expected X, got Y'. */
export async function checkExpectations(step: ScenarioStep, view: CaseView, ctx: ExpectContext): Promise<string[]> {
  const problems: string[] = [];
  const local = (at: number | null | undefined) => (at === null || at === undefined ? null : at - ctx.shift);
  const same = (field: string, expected: unknown, actual: unknown) => {
    if (JSON.stringify(expected) !== JSON.stringify(actual)) problems.push(`${field}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  };
  const instant = (field: string, expected: string | null, actual: number | null) => {
    const want = expected === null ? 'null' : ctx.show(ctx.parse(expected));
    const got = ctx.show(local(actual));
    if (want !== got) problems.push(`${field}: expected ${want}, got ${got}`);
  };
  if (step.expectAlert) {
    const { key, kind, at, provisional } = step.expectAlert;
    const alert = view.alerts.find((a) => (key === undefined || a.key === key) && (kind === undefined || a.kind === kind));
    if (!alert) problems.push(`alert ${key ?? kind}: expected at ${at}, none raised (raised: ${list(view.alerts.map((a) => a.key))})`);
    else {
      instant(`alert ${alert.key} threshold`, at, alert.thresholdAt);
      // The timer fires when the server reaches the instant; the workflow task runs a few ms later.
      const late = local(alert.at) as number - ctx.parse(at);
      if (late < 0 || late >= 1000) problems.push(`alert ${alert.key} raised: expected ${at}, got ${ctx.show(local(alert.at))}`);
      if (provisional !== undefined) same(`alert ${alert.key} provisional`, provisional, alert.provisional);
    }
  }
  if (step.expectNoAlert !== undefined) {
    const found = view.alerts.find((a) => a.key === step.expectNoAlert || a.kind === step.expectNoAlert);
    if (found) problems.push(`no alert ${step.expectNoAlert} expected, but ${found.key} was raised at ${ctx.show(local(found.at))}`);
  }
  const e = step.expect;
  if (!e) return problems;
  if (e.status !== undefined) same('status', e.status, view.status);
  if (e.outcome !== undefined) same('outcome', e.outcome, view.outcome);
  if (e.alertLevel !== undefined) same('alertLevel', e.alertLevel, view.alertLevel);
  if (e.position !== undefined) same('position', [...e.position].sort(), view.position.map((p) => p.nodeId).sort());
  if (e.deadline !== undefined) instant('deadline', e.deadline, view.deadline);
  if (e.statutoryDeadline !== undefined) instant('statutoryDeadline', e.statutoryDeadline, view.statutoryDeadline);
  // To the minute: an event received "now" lands a settling second after the step's instant.
  if (e.concludedAt !== undefined) instant('concludedAt', e.concludedAt, view.concludedAt === null ? null : view.concludedAt - (view.concludedAt % 60_000));
  if (e.provisional !== undefined) same('provisional', e.provisional, view.provisional);
  if (e.anomalies !== undefined) same('anomalies', e.anomalies, view.anomalies.map((a) => a.kind));
  if (e.alerts !== undefined) same('alerts', e.alerts, view.alerts.map((a) => a.key));
  if (e.workingDaysUsed !== undefined) same('workingDaysUsed', e.workingDaysUsed, view.clocks.workingDaysUsed);
  if (e.paused !== undefined) same('paused', e.paused, view.clocks.processing.pauses.some((p) => p.to === undefined));
  if (e.notices !== undefined) same('notices', e.notices, view.notices.length);
  if (e.specialProcedures !== undefined) same('specialProcedures', e.specialProcedures, view.clocks.specialProcedures.length);
  if (e.locked !== undefined) same('locked', e.locked, view.lock?.locked ?? false);
  if (e.runAtLeast !== undefined && view.run < e.runAtLeast) problems.push(`run: expected at least ${e.runAtLeast}, got ${view.run}`);
  for (const [key, at] of Object.entries(e.thresholds ?? {})) {
    const threshold = view.thresholds.find((t) => t.key === key);
    if (!threshold) problems.push(`threshold ${key}: expected ${at}, not scheduled (have ${list(view.thresholds.map((t) => t.key))})`);
    else instant(`threshold ${key}`, at, threshold.at);
  }
  for (const type of e.historyTypes ?? []) {
    const count = view.history.filter((h) => h.type === type).length;
    if (count === 0) problems.push(`history: expected a '${type}' entry, found ${list(view.history.map((h) => h.type))}`);
  }
  if (e.recorded) problems.push(...(await checkRecorded(e.recorded, ctx)));
  return problems;
}

/** Waits (briefly) for the recorder activity, then compares MongoDB with the expectation. */
async function checkRecorded(expected: NonNullable<NonNullable<ScenarioStep['expect']>['recorded']>, ctx: ExpectContext): Promise<string[]> {
  let problems: string[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    problems = [];
    const [alerts, anomalies, model] = await Promise.all([
      alertModel(ctx.db).find({ caseNo: ctx.caseNo }).sort({ raisedAt: 1, _id: 1 }).lean(),
      anomalyModel(ctx.db).find({ caseNo: ctx.caseNo }).sort({ at: 1, _id: 1 }).lean(),
      caseModel(ctx.db).findById(ctx.caseNo).lean(),
    ]);
    const sameSet = (field: string, want: string[], got: string[]) => {
      if (JSON.stringify([...want].sort()) !== JSON.stringify([...got].sort())) problems.push(`recorded ${field}: expected ${list(want)}, got ${list(got)}`);
    };
    if (expected.alerts) sameSet('alerts', expected.alerts, alerts.map((a) => a.key));
    if (expected.anomalies) sameSet('anomalies', expected.anomalies, anomalies.map((a) => a.kind));
    if (expected.closedAlerts) sameSet('closedAlerts', expected.closedAlerts, alerts.filter((a) => a.closed).map((a) => a.key));
    if (expected.status && model?.status !== expected.status) problems.push(`recorded status: expected ${expected.status}, got ${model?.status ?? 'no read model'}`);
    if (problems.length === 0) return problems;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return problems;
}
