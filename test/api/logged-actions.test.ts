import type { Server } from 'node:http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createContext } from '../../api/server';
import type { HashAlgorithm } from '../../api/supervision-log/chain';
import { completePendingIntents } from '../../api/supervision-log/intents';
import { verifyStoredLog } from '../../api/supervision-log/service';
import { departmentModel } from '../../db/models/department';
import { logIntentModel } from '../../db/models/log-intent';
import { supervisionLogModel } from '../../db/models/supervision-log';
import { userModel } from '../../db/models/user';
import { definitionFixtures } from '../fixtures/definitions';
import { ApiHarness, BACKFILL_TOLERANCE_DAYS, eventually, PASSWORD } from './harness';

const licence = definitionFixtures['sequential-licence'];
const form = { applicantName: '杭州西湖宾馆有限公司', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州市西湖区曙光路 1 号', businessType: 'hotel' };
const DAY = 86_400_000;

describe('an administrative effect and its supervision-log record are one unit', () => {
  let api: ApiHarness;
  let admin: string;
  let t: Record<string, string>;
  let broken: { url: string; server: Server };
  const logger = pino({ level: 'silent' });

  /** The same API over the same database whose log appends fail: each effect is taken, its record is not. */
  const callBroken = async (path: string, init: { method?: string; token: string; body: unknown; headers?: Record<string, string> }) => {
    const res = await fetch(`${broken.url}${path}`, {
      method: init.method ?? 'POST', body: JSON.stringify(init.body),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${init.token}`, ...init.headers },
    });
    return res.status;
  };
  const records = (targetKind: string, targetId: string, action?: string) =>
    supervisionLogModel(api.db).find({ targetKind, targetId, ...(action ? { action } : {}) }).lean();
  const sweep = () => completePendingIntents(createContext({ db: api.db, temporal: api.temporal, logger, settings: { taskQueue: api.taskQueue } }), 0);

  beforeAll(async () => {
    const secret = 'logged-actions-test-secret-0123456789abcdef';
    // Its external case is a history reported at once, as a migration reports it: accepted at the reported times.
    api = await ApiHarness.start({ jwtSecret: secret, externalReportToleranceDays: BACKFILL_TOLERANCE_DAYS });
    admin = await api.adminToken();
    await api.holders(admin, licence);
    await api.call(`/definitions/${licence.item.code}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    await api.call(`/definitions/${licence.item.code}/publish`, { token: admin, body: { revision: 1 } });
    t = await api.people(admin, [
      { username: 'unit-clerk', roles: ['clerk'], department: 'health-commission', positions: ['acceptor'] },
      { username: 'unit-supervisor', roles: ['supervisor'] },
      ...Array.from({ length: 3 }, (_, i) => ({ username: `unit-officer-${i}`, roles: ['department-officer'], department: 'health-commission' })),
    ]);
    const app = createApp({
      db: api.db, temporal: api.temporal, logger,
      settings: { taskQueue: api.taskQueue, jwtSecret: secret, logHashAlgorithm: 'no-such-hash' as HashAlgorithm },
    });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    broken = { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1`, server };
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => broken?.server.close(resolve));
    await api?.stop();
  });

  it('completes a change whose record failed: the sweep appends it once, and the chain holds', async () => {
    expect(await callBroken('/users/unit-clerk', { method: 'PATCH', token: admin, body: { roles: ['clerk', 'auditor'] } })).toBe(500);
    expect((await userModel(api.db).findOne({ username: 'unit-clerk' }).lean())?.roles).toEqual(['clerk', 'auditor']);
    expect(await records('user', 'unit-clerk', 'user.update')).toHaveLength(0);
    expect(await logIntentModel(api.db).countDocuments({ action: 'user.update', state: 'pending' })).toBe(1);

    expect(await callBroken('/departments', { token: admin, body: { code: 'unit-dep', name: '单元部门' } })).toBe(500);
    expect(await sweep()).toBe(2);
    expect(await sweep()).toBe(0);
    const [record] = await records('user', 'unit-clerk', 'user.update');
    expect(JSON.parse(record?.content ?? '{}').details).toMatchObject({ roles: ['clerk', 'auditor'], intentId: expect.any(String) });
    expect(await records('department', 'unit-dep')).toHaveLength(1);
    expect(await departmentModel(api.db).countDocuments({ code: 'unit-dep' })).toBe(1);
    expect(await logIntentModel(api.db).countDocuments({ state: 'pending' })).toBe(0);
    expect((await verifyStoredLog(api.db)).valid).toBe(true);
  });

  it('completes a stale intent once when two processes sweep it at the same moment', async () => {
    for (let i = 0; i < 4; i++) {
      expect(await callBroken('/departments', { token: admin, body: { code: `twin-${i}`, name: `双扫部门${i}` } })).toBe(500);
    }
    // Another connection stands for another API process: its appends do not queue behind ours.
    const other = api.db.useDb(api.db.name, { useCache: false });
    const otherSweep = () => completePendingIntents(createContext({ db: other, temporal: api.temporal, logger, settings: { taskQueue: api.taskQueue } }), 0);
    const [mine, theirs] = await Promise.all([sweep(), otherSweep()]);
    expect(mine + theirs).toBe(4);
    for (let i = 0; i < 4; i++) expect(await records('department', `twin-${i}`)).toHaveLength(1);
    expect(await logIntentModel(api.db).countDocuments({ state: 'pending' })).toBe(0);
    expect((await verifyStoredLog(api.db)).valid).toBe(true);
  });

  it('acts once when a request that failed after its effect is repeated under its key', async () => {
    // The first test changed the clerk's roles, which ends the clerk's sessions: sign in again.
    expect((await api.call('/cases', { token: t['unit-clerk'], body: { itemCode: licence.item.code, applicant: { name: 'A' }, data: form } })).status).toBe(401);
    const clerk = await api.login('unit-clerk', PASSWORD);
    const started = await api.call('/cases', { token: clerk, body: { itemCode: licence.item.code, applicant: { name: 'A' }, data: form } });
    expect(started.status).toBe(201);
    const caseNo = started.body.caseNo as string;
    // The case is urged once its record is readable (the recording activity runs after the start).
    await eventually(() => api.call(`/cases/${caseNo}`, { token: t['unit-supervisor'] }), (a) => a.status === 200);
    const urge = { token: t['unit-supervisor'] as string, body: { message: '请加快' }, headers: { 'idempotency-key': 'unit-urge-0001' } };
    expect(await callBroken(`/cases/${caseNo}/urge`, urge)).toBe(500);
    const first = await api.call(`/cases/${caseNo}/urge`, urge);
    expect(first.status).toBe(202);
    const again = await api.call(`/cases/${caseNo}/urge`, urge);
    expect(again.body).toEqual(first.body);
    expect(await records('case', caseNo, 'case.urge')).toHaveLength(1);
    const other = await api.call(`/cases/${caseNo}/urge`, { ...urge, body: { message: '另一句' } });
    expect(other.status).toBe(422);
    const view = await eventually(() => api.call(`/cases/${caseNo}`, { token: t['unit-supervisor'] }), (a) => a.body?.live?.notices?.length > 0);
    expect(view.body.live.notices.filter((n: { kind: string }) => n.kind === 'urge')).toHaveLength(1);
  });

  it('acknowledges an alert once when ten acknowledge it at once: the first note stays, one record', async () => {
    const system = await api.call('/external-systems', { token: admin, body: { systemId: 'unit-sys', name: '外部', departments: ['health-commission'] } });
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();
    await api.call('/ingest/events', {
      headers: { 'x-api-key': system.body.apiKey },
      body: { events: [
        { eventId: 'u1', caseNo: 'U-001', itemCode: licence.item.code, type: 'submitted', occurredAt: at(40), sequence: 1, applicant: { name: 'A' } },
        { eventId: 'u2', caseNo: 'U-001', itemCode: licence.item.code, type: 'accepted', occurredAt: at(39), sequence: 2, actor: { userId: 'w' } },
      ] },
    });
    const alerts = await eventually(() => api.call('/alerts?caseNo=unit-sys-U-001', { token: t['unit-supervisor'] }), (a) => a.body.items?.length > 0);
    const alertId = alerts.body.items[0].alertId as string;
    const tokens = [t['unit-supervisor'], t['unit-officer-0'], t['unit-officer-1'], t['unit-officer-2']] as string[];
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      api.call(`/alerts/${encodeURIComponent(alertId)}/acknowledge`, { token: tokens[i % tokens.length], body: { note: `note ${i}` } })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const notes = new Set(answers.map((a) => a.body.note));
    expect(notes.size).toBe(1);
    const logged = await records('alert', alertId, 'alert.acknowledge');
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]?.content ?? '{}').details.note).toBe([...notes][0]);
    const stored = await api.call(`/alerts?caseNo=unit-sys-U-001`, { token: t['unit-supervisor'] });
    expect(stored.body.items.find((a: { alertId: string }) => a.alertId === alertId).note).toBe([...notes][0]);
  });
});
