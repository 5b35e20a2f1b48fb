import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertModel } from '../../db/models/alert';
import { supervisionConclusionModel } from '../../db/models/supervision-conclusion';
import { supervisionLogModel } from '../../db/models/supervision-log';
import { definitionFixtures } from '../fixtures/definitions';
import { type Answer, ApiHarness, eventually, problem } from './harness';

const licence = definitionFixtures['sequential-licence'];
const itemCode = licence.item.code;
const dept = licence.item.department;
const form = { applicantName: '杭州西湖宾馆有限公司', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州市西湖区曙光路 1 号', businessType: 'hotel' };


describe('supervision orders API', () => {
  let api: ApiHarness;
  let t: Record<string, string>;
  let caseNo: string;
  const key = () => randomUUID();
  const open = (body: object, token = t['supervisor']) => api.call('/supervision-orders', { token, body });
  const act = (orderId: string, action: 'answer' | 'conclude', token: string | undefined, body: object, idem: string | null = key()): Promise<Answer> =>
    api.call(`/supervision-orders/${orderId}/${action}`, { token, body, headers: idem === null ? {} : { 'idempotency-key': idem } });
  const conclusion = { finding: 'substantiated', responsibility: 'individual', measure: 'rectification' };

  beforeAll(async () => {
    api = await ApiHarness.start();
    const admin = await api.adminToken();
    await api.holders(admin, licence);
    await api.call(`/definitions/${itemCode}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    await api.call(`/definitions/${itemCode}/publish`, { token: admin, body: { revision: 1 } });
    t = await api.people(admin, [
      { username: 'clerk', roles: ['clerk'], department: dept, positions: ['acceptor'] },
      { username: 'officer', roles: ['department-officer'], department: dept },
      { username: 'other-officer', roles: ['department-officer'], department: 'market' },
      { username: 'supervisor', roles: ['supervisor'] },
      { username: 'auditor', roles: ['auditor'] },
    ]);
    const started = await api.call('/cases', { token: t['clerk'], body: { itemCode, applicant: { name: '某宾馆' }, data: form } });
    expect(started.status).toBe(201);
    caseNo = started.body.caseNo;
    t['admin'] = admin;
  });
  afterAll(() => api?.stop());

  it('opens an order on a case, tells the case, and refuses bad input, wrong roles and unknown cases', async () => {
    expect((await open({ caseNo, title: '督办', requirement: 'explain' }, t['clerk'])).status).toBe(403);
    expect((await api.call('/supervision-orders', { body: { caseNo, title: 'x', requirement: 'y' } })).status).toBe(401);
    const bad = await open({ caseNo, alertId: 'x', title: '', requirement: 'y', responseDays: 0, colour: 'red' });
    expect(bad.status).toBe(400);
    expect(problem(bad).errors?.map((e) => e.pointer)).toEqual(expect.arrayContaining(['/title', '/responseDays', '/colour']));
    expect((await open({ caseNo: 'SL20990101000001', title: 'x', requirement: 'y' })).status).toBe(404);
    expect((await open({ alertId: 'no-such-alert', title: 'x', requirement: 'y' })).status).toBe(404);
    const elsewhere = await open({ caseNo, title: 'x', requirement: 'y', department: 'market' });
    expect(elsewhere.status).toBe(422);
    expect(problem(elsewhere).code).toBe('department-not-involved');

    const opened = await open({ caseNo, title: '请说明受理延误原因', requirement: 'explain the delay', responseDays: 2 });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ caseNo, department: dept, responseDays: 2 });
    expect(opened.body.orderId).toMatch(/^DB\d{14}$/);
    expect(Date.parse(opened.body.responseDeadline)).toBeGreaterThan(Date.parse(opened.body.openedAt) + 24 * 3_600_000);

    const detail = await eventually(() => api.call(`/supervision-orders/${opened.body.orderId}`, { token: t['officer'] }),
      (a) => a.status === 200 && a.body.live?.caseNotified?.length === 1);
    expect(detail.body.live).toMatchObject({ status: 'open', department: dept, caseNotified: [{ event: 'opened', delivered: true }] });
    const kase = await api.call(`/cases/${caseNo}`, { token: t['supervisor'] });
    expect(kase.body.live.notices).toContainEqual(expect.objectContaining({ kind: 'supervision-order', id: opened.body.orderId, event: 'opened' }));
    expect((await api.call(`/supervision-orders/${opened.body.orderId}`, { token: t['other-officer'] })).status).toBe(404);
    expect((await api.call('/supervision-orders/DB20990101000001', { token: t['supervisor'] })).status).toBe(404);
    expect((await api.call('/supervision-orders/not-an-id', { token: t['supervisor'] })).status).toBe(400);

    const logged = await supervisionLogModel(api.db).find({ action: 'supervision-order.open', targetId: opened.body.orderId }).lean();
    expect(logged).toHaveLength(1);
  });

  it('opens an order on an alert, taking its case and department', async () => {
    await alertModel(api.db).create({
      _id: `${caseNo}:warning`, caseNo, itemCode, department: dept, key: 'warning', kind: 'warning', level: 'warning', reason: 'test',
      thresholdAt: new Date(), raisedAt: new Date(), provisional: false,
    });
    const idem = { 'idempotency-key': key() };
    const body = { alertId: `${caseNo}:warning`, title: '预警督办', requirement: 'conclude in time' };
    const opened = await api.call('/supervision-orders', { token: t['supervisor'], body, headers: idem });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ caseNo, department: dept });
    const repeated = await api.call('/supervision-orders', { token: t['supervisor'], body, headers: idem });
    expect(repeated.status).toBe(201);
    expect(repeated.body).toEqual(opened.body);
  });

  it('lets only the department\'s officer answer, idempotently, and the supervisor conclude; the conclusion is kept for scores', async () => {
    const { body: { orderId } } = await open({ caseNo, title: '督办', requirement: 'answer please', responseDays: 3 });
    expect((await act(orderId, 'answer', t['supervisor'], { answer: 'x' })).status).toBe(403);
    expect((await act(orderId, 'answer', t['other-officer'], { answer: 'x' })).status).toBe(404);
    const noKey = await act(orderId, 'answer', t['officer'], { answer: 'x' }, null);
    expect(noKey.status).toBe(400);
    expect(problem(noKey).errors?.[0]?.pointer).toBe('/Idempotency-Key');
    expect((await act(orderId, 'answer', t['officer'], { answer: '' })).status).toBe(400);

    const early = await act(orderId, 'conclude', t['supervisor'], conclusion);
    expect(early.status).toBe(409);
    expect(problem(early).code).toBe('NOT_YET_OVERDUE');

    const answerKey = key();
    const first = await act(orderId, 'answer', t['officer'], { answer: 'the reviewer was away; done today' }, answerKey);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ orderId, status: 'answered', idempotencyKey: answerKey });
    const replay = await act(orderId, 'answer', t['officer'], { answer: 'something else' }, answerKey);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    const again = await act(orderId, 'answer', t['officer'], { answer: 'again' });
    expect(again.status).toBe(409);
    expect(problem(again).code).toBe('ALREADY_ANSWERED');

    expect((await act(orderId, 'conclude', t['officer'], conclusion)).status).toBe(403);
    expect((await act(orderId, 'conclude', t['supervisor'], { ...conclusion, measure: 'beheading' })).status).toBe(400);
    const concludeKey = key();
    const concluded = await act(orderId, 'conclude', t['supervisor'], { ...conclusion, comment: 'rectified' }, concludeKey);
    expect(concluded.status).toBe(200);
    expect(concluded.body.status).toBe('concluded');
    // The workflow has ended with the conclusion; Temporal still answers a replay of its update id.
    const replayed = await act(orderId, 'conclude', t['supervisor'], conclusion, concludeKey);
    expect(replayed.status).toBe(200);
    expect(replayed.body).toEqual(concluded.body);
    const after = await act(orderId, 'conclude', t['supervisor'], conclusion);
    expect(after.status).toBe(409);
    expect(problem(after).code).toBe('ALREADY_CONCLUDED');

    const kept = await eventually(() => supervisionConclusionModel(api.db).findById(orderId).lean(), (d) => d !== null);
    expect(kept).toMatchObject({ department: dept, responsiveness: 'on-time', lateWorkingDays: 0, finding: 'substantiated', measure: 'rectification' });
    // Every accepted request is logged; the replay carries the same idempotency key.
    const logged = await supervisionLogModel(api.db).find({ action: 'supervision-order.conclude', targetId: orderId }).sort({ _id: 1 }).lean();
    expect(logged.map((l) => (JSON.parse(l.content) as { details: { idempotencyKey: string } }).details.idempotencyKey)).toEqual([concludeKey, concludeKey]);
  });

  it('lists the orders a caller may see, with filters and cursor pagination', async () => {
    const all = await eventually(() => api.call('/supervision-orders?limit=200', { token: t['auditor'] }), (a) => a.body?.items?.length === 3);
    expect(all.body.items).toHaveLength(3); // the repeated opening made none
    expect((await api.call('/supervision-orders', { token: t['other-officer'] })).body.items).toEqual([]);
    expect((await api.call('/supervision-orders', { token: t['officer'] })).body.items).toHaveLength(3);
    const concluded = await eventually(() => api.call('/supervision-orders?status=concluded', { token: t['supervisor'] }), (a) => a.body.items.length === 1);
    expect(concluded.body.items[0]).toMatchObject({ status: 'concluded', answeredOnTime: true, finding: 'substantiated' });
    expect((await api.call(`/supervision-orders?caseNo=${caseNo}&overdue=true`, { token: t['supervisor'] })).body.items).toEqual([]);

    const page1 = await api.call('/supervision-orders?limit=2', { token: t['supervisor'] });
    expect(page1.body.items).toHaveLength(2);
    const page2 = await api.call(`/supervision-orders?limit=2&cursor=${page1.body.nextCursor}`, { token: t['supervisor'] });
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    const ids = [...page1.body.items, ...page2.body.items].map((o: { orderId: string }) => o.orderId);
    expect(new Set(ids).size).toBe(3);
    expect((await api.call('/supervision-orders?cursor=garbage', { token: t['supervisor'] })).status).toBe(400);
    expect((await api.call('/supervision-orders?status=lost', { token: t['supervisor'] })).status).toBe(400);
    expect((await api.call('/supervision-orders', { token: t['clerk'] })).status).toBe(403);
  });

  it('describes its routes and the complaint routes in the OpenAPI document', async () => {
    const doc = await api.call('/openapi.json');
    expect(doc.status).toBe(200);
    const answer = doc.body.paths['/api/v1/supervision-orders/{orderId}/answer'].post;
    expect(answer.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['path:orderId', 'header:Idempotency-Key']);
    expect(Object.keys(answer.responses)).toEqual(expect.arrayContaining(['200', '403', '409', '422']));
    expect(doc.body.paths['/api/v1/supervision-orders'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['status', 'overdue', 'cursor']));
    const file = doc.body.paths['/api/v1/public/complaints'].post;
    expect(file.security ?? []).toEqual([]);
    expect(Object.keys(file.responses)).toContain('429');
    for (const path of ['/api/v1/complaints', '/api/v1/complaints/{complaintNo}/transfer', '/api/v1/public/complaints/{complaintNo}/rating']) {
      expect(doc.body.paths).toHaveProperty([path]);
    }
  });

  it('tells running orders when the calendar changes', async () => {
    const { body: { orderId } } = await open({ caseNo, title: '督办', requirement: 'calendar', responseDays: 5 });
    const told = await eventually(async () => {
      // Far in the future, so that no running deadline moves; the visibility store may lag a moment.
      await api.call('/calendar/adjustments/2030-01-08', { method: 'PUT', token: t['admin'], body: { working: false, reason: 'test', source: 'test' } });
      return api.call(`/supervision-orders/${orderId}`, { token: t['supervisor'] });
    }, (a) => a.body.live?.history?.some((h: { type: string }) => h.type === 'calendarChanged'));
    expect(told.body.live.history.map((h: { type: string }) => h.type)).toContain('calendarChanged');
  });
});
