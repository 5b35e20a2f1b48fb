import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionFixtures } from '../fixtures/definitions';
import { ApiHarness, BACKFILL_TOLERANCE_DAYS, eventually, problem } from './harness';

const licence = definitionFixtures['sequential-licence'];
const itemCode = licence.item.code;
const DAY = 86_400_000;


describe('external ingestion, alerts, anomalies and public progress', () => {
  let api: ApiHarness;
  let t: Record<string, string>;
  let apiKey: string;
  const push = (events: unknown[], key = apiKey) => api.call('/ingest/events', { body: { events }, headers: { 'x-api-key': key } });
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();

  beforeAll(async () => {
    // The late case is a history reported at once, as a migration reports it: accepted at the reported times.
    api = await ApiHarness.start({ externalReportToleranceDays: BACKFILL_TOLERANCE_DAYS });
    const admin = await api.adminToken();
    await api.holders(admin, licence);
    await api.call(`/definitions/${itemCode}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    await api.call(`/definitions/${itemCode}/publish`, { token: admin, body: { revision: 1 } });
    t = await api.people(admin, [
      { username: 'clerk', roles: ['clerk'], department: 'health-commission', positions: ['acceptor'] },
      { username: 'officer', roles: ['department-officer'], department: 'health-commission' },
      { username: 'other-officer', roles: ['department-officer'], department: 'market' },
      { username: 'supervisor', roles: ['supervisor'] },
    ]);
    const system = await api.call('/external-systems', { token: admin, body: { systemId: 'wsj-approval', name: '卫健委审批系统', departments: ['health-commission'] } });
    expect(system.status).toBe(201);
    apiKey = system.body.apiKey;
    expect((await api.call('/external-systems', { token: admin, body: { systemId: 'wsj-approval', name: 'x', departments: ['x'] } })).status).toBe(409);
    t['admin'] = admin;
  });
  afterAll(() => api?.stop());

  it('ingests a batch idempotently with a result per event, and the late case climbs the ladder', async () => {
    const events = [
      { eventId: 'e1', caseNo: 'W2026-001', itemCode, type: 'submitted', occurredAt: at(40), sequence: 1, applicant: { name: '某宾馆' } },
      { eventId: 'e2', caseNo: 'W2026-001', itemCode, type: 'accepted', occurredAt: at(39), sequence: 2, actor: { userId: 'w-01' } },
      { eventId: 'bad', caseNo: 'W2026-001', itemCode, occurredAt: 'yesterday', colour: 'red' },
      { eventId: 'e3', caseNo: 'W2026-002', itemCode: 'UNKNOWN-ITEM', type: 'submitted', occurredAt: at(1) },
      { eventId: 'e1', caseNo: 'W2026-001', itemCode, type: 'submitted', occurredAt: at(40), sequence: 1 },
    ];
    const first = await push(events);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: 2, duplicates: 1, rejected: 2, failed: 0 });
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted', 'rejected', 'rejected', 'duplicate']);
    expect(first.body.results[0].caseNo).toBe('wsj-approval-W2026-001');
    expect(first.body.results[2].errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/events/2/colour', '/events/2/occurredAt', '/events/2/type']);
    expect(first.body.results[3].code).toBe('unknown-item');

    const replay = await push(events.slice(0, 2));
    expect(replay.body).toMatchObject({ accepted: 0, duplicates: 2 });

    const alerts = await eventually(
      () => api.call('/alerts?caseNo=wsj-approval-W2026-001', { token: t['supervisor'] }),
      (a) => ['warning', 'yellow', 'red'].every((level) => a.body.items?.some((x: { level: string }) => x.level === level)),
    );
    expect(alerts.status).toBe(200);
    expect(alerts.body.items.map((x: { level: string }) => x.level)).toEqual(expect.arrayContaining(['warning', 'yellow', 'red']));

    const outOfOrder = await push([{ eventId: 'e9', caseNo: 'W2026-001', itemCode, type: 'suspended', occurredAt: at(50), sequence: 1, reason: 'x' }]);
    expect(outOfOrder.body.accepted).toBe(1);
    const anomalies = await eventually(
      () => api.call('/anomalies?kind=integrity', { token: t['supervisor'] }),
      (a) => a.body.length > 0,
    );
    expect(anomalies.body[0]).toMatchObject({ caseNo: 'wsj-approval-W2026-001', kind: 'integrity' });
  });

  it('refuses a batch without a valid key, too many events, or events of another department', async () => {
    expect((await api.call('/ingest/events', { body: { events: [] } })).status).toBe(401);
    expect((await push([{}], 'sk_wrong')).status).toBe(401);
    expect((await push([])).status).toBe(400);
    const tooMany = await push(Array.from({ length: 1001 }, (_, i) => ({ eventId: `x${i}` })));
    expect(tooMany.status).toBe(400);
    expect(problem(tooMany).errors?.[0]?.pointer).toBe('/events');
    const other = await api.call('/external-systems', { token: t['admin'], body: { systemId: 'market-approval', name: '市场监管审批', departments: ['market'] } });
    const foreign = await push([{ eventId: 'm1', caseNo: 'M-1', itemCode, type: 'submitted', occurredAt: at(1) }], other.body.apiKey);
    expect(foreign.body.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
  });

  it('lists, filters and acknowledges alerts by department', async () => {
    const red = await eventually(
      () => api.call('/alerts?level=red&handled=false', { token: t['officer'] }),
      (a) => a.body.items?.length > 0,
    );
    const alert = red.body.items[0];
    expect(alert).toMatchObject({ level: 'red', department: 'health-commission', handled: false });
    expect((await api.call('/alerts', { token: t['other-officer'] })).body.items).toEqual([]);
    const path = `/alerts/${encodeURIComponent(alert.alertId)}/acknowledge`;
    expect((await api.call(path, { token: t['other-officer'], body: {} })).status).toBe(404);
    expect((await api.call(path, { token: t['clerk'], body: {} })).status).toBe(403);
    const acknowledged = await api.call(path, { token: t['officer'], body: { note: '已约谈承办人' } });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ handled: true, acknowledgedBy: 'officer', note: '已约谈承办人' });
    const again = await api.call(path, { token: t['supervisor'], body: {} });
    expect(again.body.acknowledgedBy).toBe('officer');
    expect((await api.call('/alerts/no-such-alert/acknowledge', { token: t['supervisor'], body: {} })).status).toBe(404);
    expect((await api.call('/alerts?level=purple', { token: t['supervisor'] })).status).toBe(400);
    const page = await api.call('/alerts?limit=1', { token: t['supervisor'] });
    expect(page.body.items).toHaveLength(1);
    const next = await api.call(`/alerts?limit=1&cursor=${page.body.nextCursor}`, { token: t['supervisor'] });
    expect(next.body.items[0].alertId).not.toBe(page.body.items[0].alertId);
  });

  it('shows the public the progress of a case by number and query code, without personal data', async () => {
    const started = await api.call('/cases', {
      token: t['clerk'],
      body: { itemCode, applicant: { name: '张三', idNumber: '330102199001011234' }, data: { applicantName: '张三', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州', businessType: 'gym' } },
    });
    const { caseNo, queryCode } = started.body;
    const progress = await eventually(() => api.call(`/public/cases/${caseNo}?queryCode=${queryCode}`), (a) => a.status === 200);
    expect(progress.body).toMatchObject({ caseNo, status: 'submitted', currentSteps: ['受理'] });
    expect(JSON.stringify(progress.body)).not.toMatch(/张三|3301021990/);
    const wrong = await api.call(`/public/cases/${caseNo}?queryCode=AAAAAAAA`);
    const unknown = await api.call(`/public/cases/SL20990101000001?queryCode=${queryCode}`);
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect((await api.call(`/public/cases/${caseNo}`)).status).toBe(400);
  });

  it('describes every route in an OpenAPI 3.1 document and serves a docs page', async () => {
    const doc = await api.call('/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const accept = doc.body.paths['/api/v1/cases/{caseNo}/actions/accept'].post;
    expect(accept.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['path:caseNo', 'header:Idempotency-Key']);
    expect(accept.security).toEqual([{ bearer: [] }]);
    expect(doc.body.paths['/api/v1/cases'].get.parameters.map((p: { name: string }) => p.name)).toContain('cursor');
    expect(doc.body.paths['/api/v1/ingest/events'].post.security).toEqual([{ apiKey: [] }]);
    const operations = Object.values(doc.body.paths).flatMap((ops) => Object.values(ops as object));
    expect(operations.length).toBeGreaterThan(35);
    expect(JSON.stringify(doc.body)).not.toContain('"$schema"');
    const page = await api.call('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(String(page.body)).toContain('openapi.json');
  });
});
