import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCaseEvents } from '../../activities/record';
import { recordDepartmentFact } from '../../activities/rollups';
import { ensureEvaluationSchedules } from '../../api/evaluations/schedules';
import { alertModel } from '../../db/models/alert';
import { evaluationModel } from '../../db/models/evaluation';
import { previousPeriod } from '../../domain/statistics/periods';
import { EVALUATION_SCHEDULE_IDS, EVALUATION_WORKFLOW_NAME } from '../../workflows/evaluation/contract';
import { recordedCase } from '../support/case-records';
import { ApiHarness } from './harness';

const march = (day: number, hour = 2) => Date.UTC(2026, 2, day, hour);

describe('statistics, evaluation, appeals and public rankings over the API', () => {
  let api: ApiHarness;
  let tokens: Record<string, string>;
  beforeAll(async () => {
    api = await ApiHarness.start();
    const admin = await api.adminToken();
    tokens = await api.people(admin, [
      { username: 'inspector', roles: ['supervisor'] },
      { username: 'health-officer', roles: ['department-officer'], department: 'health' },
      { username: 'police-officer', roles: ['department-officer'], department: 'police' },
    ]);
    const deps = { db: api.db, utcOffsetMinutes: 480 };
    // health: one case late with a yellow and a red card, one early; police: one early, one complaint, one rating.
    await recordCaseEvents(deps, recordedCase({ caseNo: 'H-1', department: 'health', at: march(10), late: true, cards: ['yellowCard', 'redCard'], workingDaysUsed: 25 }));
    await recordCaseEvents(deps, recordedCase({ caseNo: 'H-2', department: 'health', at: march(11), workingDaysUsed: 4 }));
    await recordCaseEvents(deps, recordedCase({ caseNo: 'P-1', department: 'police', at: march(12), category: 'public-service', workingDaysUsed: 6 }));
    await recordDepartmentFact(api.db, { id: 'C-1:registered', at: march(13), department: 'police', counters: ['complaints'] });
    await recordDepartmentFact(api.db, { id: 'C-1:responded', at: march(13, 5), department: 'police', counters: ['complaintsRespondedInTime'] });
    await recordDepartmentFact(api.db, { id: 'C-1:concluded', at: march(20), department: 'police', counters: ['complaintsConcluded', 'complaintsUpheld'] });
    await recordDepartmentFact(api.db, { id: 'C-1:rated', at: march(21), department: 'police', counters: ['ratings'], sums: { satisfaction: 4 } });
  });
  afterAll(async () => {
    for (const id of Object.values(EVALUATION_SCHEDULE_IDS)) await api?.temporal.schedule.getHandle(id).delete().catch(() => undefined);
    await api?.stop();
  });

  it('answers statistics by department and period from the rollups', async () => {
    const answer = await api.call('/statistics?from=2026-03-01&to=2026-03-31&groupBy=department,period&granularity=month', { token: tokens['inspector'] });
    expect(answer.status).toBe(200);
    const rows = answer.body.rows as { department: string; period: string; counts: Record<string, number>; derived: Record<string, number | null> }[];
    expect(rows.map((r) => [r.period, r.department, r.counts['submitted'], r.counts['redCards'], r.counts['complaints']])).toEqual([
      ['2026-03', 'health', 2, 1, 0], ['2026-03', 'police', 1, 0, 1],
    ]);
    expect(rows[0]?.derived).toMatchObject({ onTimeRate: 0.5, earlyRate: 0.5, averageWorkingDays: 14.5 });
    expect(answer.body.total.counts.concluded).toBe(3);

    const byCategory = await api.call('/statistics?from=2026-01-01&to=2026-12-31&groupBy=category&granularity=quarter', { token: tokens['inspector'] });
    expect(byCategory.body.rows.map((r: { category: string; counts: { submitted: number } }) => [r.category, r.counts.submitted]))
      .toEqual([['-', 0], ['administrative-licence', 2], ['public-service', 1]]);
  });

  it('splits groups by status', async () => {
    const answer = await api.call('/statistics?from=2026-03-01&to=2026-03-31&groupBy=department,status', { token: tokens['inspector'] });
    const nonZero = answer.body.rows.filter((r: { cases: number }) => r.cases > 0).map((r: { department: string; status: string; cases: number }) => [r.department, r.status, r.cases]);
    expect(nonZero).toEqual([
      ['health', 'submitted', 2], ['health', 'accepted', 2], ['health', 'approved', 2], ['health', 'concludedOnTime', 1], ['health', 'concludedLate', 1],
      ['police', 'submitted', 1], ['police', 'accepted', 1], ['police', 'approved', 1], ['police', 'concludedOnTime', 1],
    ]);
    const csv = await api.call('/statistics?from=2026-03-01&to=2026-03-31&groupBy=department,status&format=csv', { token: tokens['inspector'] });
    const lines = (csv.body as string).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('部门 department,状态 status,件数 cases');
    expect(lines).toContain('合计 total,submitted,3');
  });

  it('shows a department officer their own department only', async () => {
    const own = await api.call('/statistics?from=2026-03-01&to=2026-03-31', { token: tokens['health-officer'] });
    expect(own.body.rows.map((r: { department: string }) => r.department)).toEqual(['health']);
    expect((await api.call('/statistics?from=2026-03-01&to=2026-03-31&department=police', { token: tokens['health-officer'] })).status).toBe(403);
    expect((await api.call('/statistics?from=2026-03-31&to=2026-03-01', { token: tokens['inspector'] })).status).toBe(400);
    expect((await api.call('/statistics?from=2026-02-30&to=2026-03-01', { token: tokens['inspector'] })).body.errors).toEqual([{ in: 'query', pointer: '/from', detail: 'is not a calendar date' }]);
  });

  it('exports CSV and XLSX that read back to the same figures', async () => {
    const csv = await api.call('/statistics?from=2026-03-01&to=2026-03-31&groupBy=department&format=csv', { token: tokens['inspector'] });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('statistics-2026-03-01-2026-03-31.csv');
    const lines = (csv.body as string).replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
    expect(lines.map((l) => l[0])).toEqual(['部门 department', 'health', 'police', '合计 total']);
    expect(lines[1]?.[1]).toBe('2');

    const res = await fetch(`${api.url}/statistics?from=2026-03-01&to=2026-03-31&groupBy=department&format=xlsx`, {
      headers: { authorization: `Bearer ${tokens['inspector']}` },
    });
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheets = await readXlsxFile(Buffer.from(await res.arrayBuffer()));
    const data = sheets[0]?.data ?? [];
    const header = data[0] as string[];
    expect(header.slice(0, 2)).toEqual(['部门 department', '收件 submitted']);
    const column = (name: string) => header.indexOf(name);
    expect(data.map((row) => [row[0], row[column('红牌 redCards')], row[column('按时办结率 onTimeRate')]])).toEqual([
      ['部门 department', '红牌 redCards', '按时办结率 onTimeRate'], ['health', 1, 0.5], ['police', 0, 1], ['合计 total', 1, 0.6667],
    ]);
  });

  let appealId = '';
  it('evaluates a month on demand: every indicator and each case shown, departments ranked', async () => {
    const started = await api.call('/evaluations', { token: tokens['inspector'], body: { period: '2026-03', wait: true } });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ evaluationId: 'efficiency:2026-03', state: 'done', result: { status: 'draft', departments: 2 } });
    const evaluation = await api.call('/evaluations/efficiency:2026-03', { token: tokens['inspector'] });
    const health = evaluation.body.departments.find((d: { department: string }) => d.department === 'health');
    // Complaints (10 + 5), satisfaction (20) and orders (15) had nothing to measure: left out, the
    // measured 50 carry 100, ×2: 2 × (30 × 1/2 + 10 × (1/2)/0.8 + 10) − 2 (yellow) − 5 (red)
    expect(health.score).toBe(55.5);
    // Late: 2 × 15 lost on time, yellow 2, red 5
    expect(health.cases).toEqual([expect.objectContaining({ caseNo: 'H-1', points: -37 })]);
    const police = evaluation.body.departments.find((d: { department: string }) => d.department === 'police');
    // Orders (15) had nothing to measure: the measured 85 carry 100. (30 + 10 + 10 + 0 (complaint
    // not concluded in time) + 5 + 15 (satisfaction 4 of 5)) × 100/85 = 82.35 − 2 (complaint upheld)
    expect(police.score).toBe(80.35);
    expect(evaluation.body.ranking).toEqual([{ department: 'police', score: 80.35, rank: 1 }, { department: 'health', score: 55.5, rank: 2 }]);
    const own = await api.call('/evaluations/efficiency:2026-03', { token: tokens['police-officer'] });
    expect(own.body.departments.map((d: { department: string }) => d.department)).toEqual(['police']);
  });

  it('takes an appeal of a red card, with the clock\'s evidence, and an upheld appeal changes the score', async () => {
    const filed = await api.call('/evaluations/efficiency:2026-03/appeals', {
      token: tokens['health-officer'], body: { caseNo: 'H-1', reason: 'the applicant asked for the suspension in writing' },
    });
    expect(filed.status).toBe(201);
    appealId = filed.body.appealId;
    expect(filed.body).toMatchObject({ ref: 'H-1:redCard', status: 'open', department: 'health' });
    expect((await api.call('/evaluations/efficiency:2026-03/appeals', { token: tokens['health-officer'], body: { caseNo: 'H-1', reason: 'again' } })).status).toBe(409);
    expect((await api.call('/evaluations/efficiency:2026-03/appeals', { token: tokens['health-officer'], body: { caseNo: 'H-2', reason: 'x' } })).body.code)
      .toBe('not-a-red-card');
    expect((await api.call(`/appeals/${appealId}`, { token: tokens['police-officer'] })).status).toBe(404);

    const open = await api.call('/appeals', { token: tokens['inspector'] });
    expect(open.body.map((a: { appealId: string }) => a.appealId)).toEqual([appealId]);
    expect((await api.call('/appeals', { token: tokens['police-officer'] })).body).toEqual([]);
    // A supervision order's alert on the case is not the case's clock: the evidence is the
    // ladder's alerts, as the events that raised them recorded them.
    await alertModel(api.db).create({
      _id: 'SO-1:responseOverdue', caseNo: 'H-1', itemCode: 'I-1', department: 'health', key: 'responseOverdue', kind: 'orderResponseOverdue',
      level: 'yellow', reason: 'order not answered', thresholdAt: march(20), raisedAt: march(20), provisional: false, subject: 'order', subjectId: 'SO-1',
    });
    const review = await api.call(`/appeals/${appealId}`, { token: tokens['inspector'] });
    expect(review.body.evidence.case).toMatchObject({ onTime: false, workingDaysUsed: 25 });
    expect(review.body.evidence.alerts.map((a: { kind: string }) => a.kind)).toEqual(['yellowCard', 'redCard']);
    expect(review.body.evidence.events.map((e: { type: string }) => e.type)).toEqual(['submitted', 'accepted', 'alert', 'alert', 'concluded']);

    const decided = await api.call(`/appeals/${appealId}/decision`, { token: tokens['inspector'], body: { decision: 'upheld', comment: 'suspension was lawful' } });
    expect(decided.status).toBe(200);
    expect(decided.body.adjustment).toMatchObject({ department: 'health', ref: 'H-1:redCard', before: 55.5, after: 92.5 });
    expect((await api.call(`/appeals/${appealId}/decision`, { token: tokens['inspector'], body: { decision: 'rejected', comment: 'no' } })).status).toBe(409);
    const evaluation = await api.call('/evaluations/efficiency:2026-03', { token: tokens['inspector'] });
    expect(evaluation.body.finalRanking).toEqual([
      // The upheld appeal takes out every effect of H-1's lateness: its late count (now on time) and both cards.
      expect.objectContaining({ department: 'health', score: 92.5, rank: 1, adjusted: true, original: 55.5 }),
      expect.objectContaining({ department: 'police', score: 80.35, rank: 2, adjusted: false }),
    ]);
    // Another department's officer sees the adjusted ranking, not which of health's cases was appealed.
    const asPolice = await api.call('/evaluations/efficiency:2026-03', { token: tokens['police-officer'] });
    expect(asPolice.body.finalRanking).toEqual(evaluation.body.finalRanking);
    expect(asPolice.body.adjustments).toEqual([]);
    const asHealth = await api.call('/evaluations/efficiency:2026-03', { token: tokens['health-officer'] });
    expect(asHealth.body.adjustments).toEqual([expect.objectContaining({ appealId, caseNo: 'H-1', before: 55.5, after: 92.5 })]);
  });

  it('keeps an upheld appeal when the draft is evaluated again', async () => {
    const again = await api.call('/evaluations', { token: tokens['inspector'], body: { period: '2026-03', wait: true } });
    expect(again.body).toMatchObject({ state: 'done', result: { status: 'draft', written: true } });
    const evaluation = await api.call('/evaluations/efficiency:2026-03', { token: tokens['inspector'] });
    expect(evaluation.body.adjustments).toEqual([expect.objectContaining({ appealId, before: 55.5, after: 92.5 })]);
  });

  it('publishes once; a published evaluation is public, immutable and keeps the upheld appeal', async () => {
    // Nothing published yet: an empty ranking (200), for the period and for the latest alike.
    const empty = { evaluationId: null, period: null, standard: null, publishedAt: null, ranking: [] };
    for (const path of ['/public/rankings?period=2026-03', '/public/rankings']) {
      const none = await api.call(path);
      expect(none.status, path).toBe(200);
      expect(none.body, path).toEqual(empty);
    }
    expect((await api.call('/evaluations/efficiency:2026-03/publish', { token: tokens['inspector'], method: 'POST' })).status).toBe(200);
    expect((await api.call('/evaluations/efficiency:2026-03/publish', { token: tokens['inspector'], method: 'POST' })).status).toBe(409);
    expect((await api.call('/evaluations', { token: tokens['inspector'], body: { period: '2026-03' } })).body.code).toBe('evaluation-published');
    const ranking = await api.call('/public/rankings?period=2026-03');
    expect(ranking.status).toBe(200);
    expect((await api.call('/public/rankings?period=2026-02')).body).toEqual(empty);
    expect(ranking.body.ranking.map((r: { department: string; name: string; score: number; rank: number }) => [r.department, r.name, r.score, r.rank]))
      .toEqual([['health', 'health', 92.5, 1], ['police', 'police', 80.35, 2]]);
  });

  it('lists evaluations and versions scoring standards, refusing a formula that is not one of the named kinds', async () => {
    const list = await api.call('/evaluations?status=published', { token: tokens['health-officer'] });
    expect(list.body.map((e: { id: string; departments: number }) => [e.id, e.departments])).toEqual([['efficiency:2026-03', 2]]);
    const standards = await api.call('/scoring-standards', { token: tokens['inspector'] });
    expect(standards.body.map((s: { code: string; version: number }) => [s.code, s.version])).toEqual([['efficiency', 1]]);
    const strict = { ...standards.body[0].standard, name: '从严标准', indicators: standards.body[0].standard.indicators.slice(0, 2) };
    const created = await api.call('/scoring-standards', { token: tokens['inspector'], body: strict });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'efficiency', version: 2 });
    const bad = { ...strict, indicators: [{ id: 'x', name: { zh: 'x', en: 'x' }, formula: { kind: 'script', source: 'return 100' } }] };
    expect((await api.call('/scoring-standards', { token: tokens['inspector'], body: bad })).status).toBe(400);
    const duplicate = { ...strict, indicators: [strict.indicators[0], strict.indicators[0]] };
    const refused = await api.call('/scoring-standards', { token: tokens['inspector'], body: duplicate });
    expect(refused.status).toBe(422);
    expect(refused.body.issues).toEqual([{ path: '/indicators/1/id', message: 'duplicate indicator id onTimeRate' }]);
    const versions = await api.call('/scoring-standards/efficiency', { token: tokens['inspector'] });
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('keeps the monthly and quarterly Schedules, created once and updated in place, and their action evaluates the month just ended', async () => {
    const settings = { taskQueue: api.taskQueue, timeZone: 'Asia/Shanghai', utcOffsetMinutes: 480 };
    await ensureEvaluationSchedules(api.temporal, settings);
    await ensureEvaluationSchedules(api.temporal, settings);
    const monthly = await api.temporal.schedule.getHandle(EVALUATION_SCHEDULE_IDS.month).describe();
    expect(monthly.spec.timezone).toBe('Asia/Shanghai');
    expect(monthly.spec.calendars?.[0]).toMatchObject({ dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 1, end: 1, step: 1 }] });
    expect(monthly.action).toMatchObject({ type: 'startWorkflow', workflowType: EVALUATION_WORKFLOW_NAME, taskQueue: api.taskQueue });
    const quarterly = await api.temporal.schedule.getHandle(EVALUATION_SCHEDULE_IDS.quarter).describe();
    expect(quarterly.spec.calendars?.[0]?.month?.map((m) => m.start)).toEqual(['JANUARY', 'APRIL', 'JULY', 'OCTOBER']);

    await api.temporal.schedule.getHandle(EVALUATION_SCHEDULE_IDS.month).trigger();
    const expected = `efficiency:${previousPeriod('month', new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)).key}`;
    let found = null;
    for (let i = 0; i < 100 && !found; i++) {
      found = await evaluationModel(api.db).findById(expected, { status: 1, runBy: 1 }).lean();
      if (!found) await new Promise((r) => setTimeout(r, 200));
    }
    expect(found).toMatchObject({ status: 'draft', runBy: expect.stringContaining(`${EVALUATION_SCHEDULE_IDS.month}-run`) });
  });
});
