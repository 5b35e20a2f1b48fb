import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRecord, CaseEventRecord, CaseReadModel } from '../../activities/contract/case-records';
import { recordCaseEvents } from '../../activities/record';
import { recordedCase } from '../support/case-records';
import { ApiHarness } from './harness';

const april = (day: number, hour = 2) => Date.UTC(2026, 3, day, hour);

/** A case still open: its read model and the alerts raised on it so far. */
function openCase(caseNo: string, deadline: number, position: CaseReadModel['position'], alerts: Pick<AlertRecord, 'kind' | 'thresholdAt' | 'ref'>[]) {
  const base = recordedCase({ caseNo, department: 'water', at: april(1) });
  const events: CaseEventRecord[] = base.events.slice(0, 2);
  for (const a of alerts) {
    const seq = events.length + 1;
    const key = a.kind === 'stepOverdue' ? `stepOverdue:${a.ref}#1` : a.kind;
    const alert: AlertRecord = {
      id: `${caseNo}:${key}`, caseNo, itemCode: 'water-licence', department: 'water', key, kind: a.kind, level: a.kind === 'stepOverdue' ? 'step' : 'yellow',
      thresholdAt: a.thresholdAt, raisedAt: a.thresholdAt, provisional: false, reason: a.kind, audience: [{ kind: 'supervision-office' }], ...(a.ref && { ref: a.ref }),
    };
    events.push({ id: `${caseNo}:${seq}`, caseNo, seq, type: 'alert', at: a.thresholdAt, summary: 'alert', payload: { alert } });
  }
  const readModel: CaseReadModel = {
    ...base.readModel, seq: events.length, status: 'processing', outcome: null, concludedAt: null, onTime: null, deadline, position,
  };
  return { events, readModel };
}

describe('fair scores: open overdue cases and parallel branches', () => {
  let api: ApiHarness;
  let inspector: string;
  let waterOfficer: string;
  beforeAll(async () => {
    api = await ApiHarness.start();
    const admin = await api.adminToken();
    const tokens = await api.people(admin, [
      { username: 'inspector', roles: ['supervisor'] }, { username: 'water-officer', roles: ['department-officer'], department: 'water' },
    ]);
    inspector = tokens['inspector'] as string;
    waterOfficer = tokens['water-officer'] as string;
    const deps = { db: api.db, utcOffsetMinutes: 480 };
    // water concludes one case on time in April and leaves O-1 open past its April deadline.
    await recordCaseEvents(deps, recordedCase({ caseNo: 'W-1', department: 'water', at: april(3) }));
    await recordCaseEvents(deps, openCase('O-1', april(10, 16), [{ nodeId: 'review', name: '审核', department: 'water', role: 'reviewer', startedAt: april(2) }], []));
    // X-1, led by water, waits in parallel on fire's review, overdue since April 5; the yellow card falls on April 8.
    const branches = [
      { nodeId: 'fire-review', name: '消防审查', department: 'fire', role: 'fire-reviewer', startedAt: april(1) },
      { nodeId: 'water-review', name: '水务审查', department: 'water', role: 'reviewer', startedAt: april(1) },
    ];
    await recordCaseEvents(deps, openCase('X-1', april(7, 16), branches, [
      { kind: 'stepOverdue', thresholdAt: april(5), ref: 'fire-review' }, { kind: 'yellowCard', thresholdAt: april(8) },
    ]));
  });
  afterAll(() => api?.stop());

  it('counts a case still open past its deadline as late in the period it fell due', async () => {
    await api.call('/evaluations', { token: inspector, body: { period: '2026-04', wait: true } });
    const evaluation = await api.call('/evaluations/efficiency:2026-04', { token: inspector });
    const water = evaluation.body.departments.find((d: { department: string }) => d.department === 'water');
    // W-1 on time; O-1 and X-1 open past their April deadlines: on time 1 of 3.
    expect(water.indicators.find((i: { id: string }) => i.id === 'onTimeRate')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(water.cases.map((c: { caseNo: string }) => c.caseNo).sort()).toEqual(['O-1', 'X-1']);
    expect((await api.call('/evaluations', { token: inspector, body: { period: '2026-05', wait: true } })).body.result.departments).toBe(0);
  });

  it('charges a parallel branch\'s overdue step and the card it caused to the branch\'s department, with the step\'s holder', async () => {
    const stats = await api.call('/statistics?from=2026-04-01&to=2026-04-30&groupBy=department', { token: inspector });
    const counts = Object.fromEntries(stats.body.rows.map((r: { department: string; counts: Record<string, number> }) => [r.department, r.counts]));
    expect(counts['fire']).toMatchObject({ stepsOverdue: 1, yellowCards: 1 });
    expect(counts['water']).toMatchObject({ yellowCards: 0 });
    const evaluation = await api.call('/evaluations/efficiency:2026-04', { token: inspector });
    const fire = evaluation.body.departments.find((d: { department: string }) => d.department === 'fire');
    expect(fire.indicators.find((i: { id: string }) => i.id === 'yellowCards')).toMatchObject({ points: -2 });
    expect(fire.cases).toEqual([expect.objectContaining({ caseNo: 'X-1', points: -2 })]);
  });

  it('reads overdue steps and cards by the position that held the step, a department officer their own department only', async () => {
    const rows = await api.call('/statistics/holders?from=2026-04-01&to=2026-04-30', { token: inspector });
    expect(rows.status).toBe(200);
    expect(rows.body).toEqual([expect.objectContaining({ department: 'fire', position: 'fire-reviewer', counts: { stepsOverdue: 1, yellowCards: 1 }, cases: ['X-1'] })]);
    expect((await api.call('/statistics/holders?from=2026-04-01&to=2026-04-30', { token: waterOfficer })).body).toEqual([]);
    expect((await api.call('/statistics/holders?from=2026-04-01&to=2026-04-30&department=fire', { token: waterOfficer })).status).toBe(403);
  });

  it('takes an appeal of a late conclusion, not only of a red card; upheld, the case\'s lateness has no effect left', async () => {
    const path = '/evaluations/efficiency:2026-04/appeals';
    const wrong = await api.call(path, { token: waterOfficer, body: { caseNo: 'O-1', ref: 'O-1:redCard', reason: 'x' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('not-appealable');
    const filed = await api.call(path, { token: waterOfficer, body: { caseNo: 'O-1', reason: 'the applicant withdrew in writing' } });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ ref: 'O-1:overdueOpen', department: 'water' });
    const decided = await api.call(`/appeals/${filed.body.appealId}/decision`, { token: inspector, body: { decision: 'upheld', comment: 'withdrawn' } });
    // Only time, earliness and data were measured (50, carrying 100: ×2). On time 1 of 3 (2 × 10)
    // becomes 1 of 2 (2 × 15); early 1 of 1 and data stay 2 × 10 each.
    expect(decided.body.adjustment).toMatchObject({ ref: 'O-1:overdueOpen', before: 60, after: 70 });
  });
});
