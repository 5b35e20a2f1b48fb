import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../api/demo/seed';
import { defaultApiSettings } from '../../api/settings';
import { ApiHarness, eventually } from './harness';

const PASSWORD = 'demo-password-1';

/** The demo seeds many cases: give the read model longer. */
const settle = <T>(probe: () => Promise<T>, ok: (value: T) => boolean) => eventually(probe, ok, 30_000);

describe('demo mode', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await ApiHarness.start();
    const deps = { db: api.db, temporal: api.temporal, logger: pino({ level: 'silent' }), settings: defaultApiSettings({ taskQueue: api.taskQueue }), password: PASSWORD };
    await seedDemo(deps);
    await seedDemo(deps);
  });
  afterAll(() => api?.stop());

  it('seeds departments, users of every role, published items and cases in every alert state, once', async () => {
    const supervisor = await api.login('jiancha', PASSWORD);
    await api.login('health-commission-clerk', PASSWORD);
    const items = await api.call('/items');
    expect(items.body.map((i: { code: string }) => i.code).sort()).toEqual(['330100-XK-JS-0031', '330100-XK-SC-0003', '330100-XK-WJ-0012']);
    const cases = await settle(
      () => api.call('/cases?limit=200', { token: supervisor }),
      (a) => ['normal', 'warning', 'yellow', 'red'].every((l) => a.body.items?.some((c: { alertLevel: string }) => c.alertLevel === l))
        && a.body.items.some((c: { status: string }) => c.status === 'concluded'),
    );
    const levels = new Set(cases.body.items.map((c: { alertLevel: string }) => c.alertLevel));
    expect([...levels].sort()).toEqual(['normal', 'red', 'warning', 'yellow']);
    expect(cases.body.items.some((c: { status: string }) => c.status === 'concluded')).toBe(true);
    expect(cases.body.items.filter((c: { mode: string }) => c.mode === 'native')).toHaveLength(2);
    const departments = await api.call('/departments', { token: supervisor });
    expect(departments.body).toHaveLength(5);
  });
});
