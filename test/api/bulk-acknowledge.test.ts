import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCaseEvents } from '../../activities/record';
import { alertModel } from '../../db/models/alert';
import { supervisionLogModel } from '../../db/models/supervision-log';
import { recordedCase } from '../support/case-records';
import { ApiHarness, problem } from './harness';

interface Result {
  alertId: string;
  ok: boolean;
  status?: number;
  code?: string;
  alert?: { handled: boolean; acknowledgedBy: string | null };
}

describe('acknowledging alerts in bulk', () => {
  let api: ApiHarness;
  let t: Record<string, string>;
  const bulk = (alertIds: string[], token: string | undefined) => api.call('/alerts/acknowledge', { token, body: { alertIds } });
  const logged = () => supervisionLogModel(api.db).countDocuments({ action: 'alert.acknowledge' });

  beforeAll(async () => {
    api = await ApiHarness.start();
    const admin = await api.adminToken();
    t = await api.people(admin, [
      { username: 'officer', roles: ['department-officer'], department: 'health-commission' },
      { username: 'supervisor', roles: ['supervisor'] },
      { username: 'supervisor-2', roles: ['supervisor'] },
    ]);
    const at = Date.now();
    for (const c of [
      recordedCase({ caseNo: 'SL2026200001', department: 'health-commission', at, cards: ['warning', 'yellowCard', 'redCard'] }),
      recordedCase({ caseNo: 'SL2026200002', department: 'market', at, cards: ['warning'] }),
    ]) {
      await recordCaseEvents({ db: api.db, utcOffsetMinutes: 480 }, c);
    }
  });
  afterAll(() => api?.stop());

  it('acknowledges each alert on its own and reports each failure beside its alert', async () => {
    const before = await logged();
    const answer = await bulk(['SL2026200001:warning', 'SL2026200002:warning', 'no-such-alert', 'SL2026200001:yellowCard'], t['officer']);
    expect(answer.status).toBe(200);
    const results = answer.body.results as Result[];
    expect(results.map((r) => [r.alertId, r.ok, r.status ?? 200])).toEqual([
      ['SL2026200001:warning', true, 200],
      // Another department's alert answers as none would.
      ['SL2026200002:warning', false, 404],
      ['no-such-alert', false, 404],
      ['SL2026200001:yellowCard', true, 200],
    ]);
    expect(results[0]?.alert).toMatchObject({ handled: true, acknowledgedBy: 'officer' });
    expect(await logged()).toBe(before + 2);
    expect((await alertModel(api.db).findById('SL2026200002:warning').lean())?.handled ?? false).toBe(false);
  });

  it('claims each alert once when two supervisors acknowledge the same alerts at once', async () => {
    const before = await logged();
    const ids = ['SL2026200001:redCard', 'SL2026200002:warning'];
    const [a, b] = await Promise.all([bulk(ids, t['supervisor']), bulk(ids, t['supervisor-2'])]);
    const by = (answer: typeof a) => (answer.body.results as Result[]).map((r) => r.alert?.acknowledgedBy);
    // Both answer the one acknowledgement that claimed each alert.
    expect(by(a)).toEqual(by(b));
    expect(await logged()).toBe(before + 2);
    // Acknowledged before: answered as it is, logged no more.
    const again = await bulk(['SL2026200001:warning'], t['supervisor']);
    expect((again.body.results as Result[])[0]?.alert?.acknowledgedBy).toBe('officer');
    expect(await logged()).toBe(before + 2);
  });

  it('refuses an empty, oversized, repeated or malformed list naming the field', async () => {
    for (const [alertIds, pointer] of [
      [[], '/alertIds'],
      [Array.from({ length: 101 }, (_, i) => `a${i}`), '/alertIds'],
      [['x', 'x'], '/alertIds'],
      [['bad id'], '/alertIds/0'],
    ] as const) {
      const answer = await bulk([...alertIds], t['supervisor']);
      expect(answer.status, pointer).toBe(400);
      expect(problem(answer).errors?.[0]?.pointer).toBe(pointer);
    }
    expect((await api.call('/alerts/acknowledge', { token: t['supervisor'], body: { alertIds: [`x\ud800`] } })).status).toBe(400);
  });
});
