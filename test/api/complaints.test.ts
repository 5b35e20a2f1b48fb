import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supervisionLogModel } from '../../db/models/supervision-log';
import { defaultCalendar } from '../../domain/calendar/chinese-days';
import { limitDeadline } from '../../domain/calendar/deadlines';
import { type Answer, ApiHarness, eventually, problem } from './harness';

const dept = 'market-supervision';


describe('complaints API', () => {
  let api: ApiHarness;
  let t: Record<string, string>;
  const key = () => randomUUID();
  const fileOne = (body: object = { complainant: { name: '李四', phone: '13900000000' }, content: 'the window closed early twice' }) =>
    api.call('/public/complaints', { body });
  const act = (no: string, action: 'transfer' | 'respond' | 'conclude', token: string | undefined, body: object, idem: string | null = key()): Promise<Answer> =>
    api.call(`/complaints/${no}/${action}`, { token, body, headers: idem === null ? {} : { 'idempotency-key': idem } });
  const status = (no: string, code: string) => api.call(`/public/complaints/${no}?queryCode=${code}`);

  beforeAll(async () => {
    api = await ApiHarness.start({ complaints: { firstResponseHours: 24, handlingDays: 10, publicPerHour: 4 }, trustProxy: 'loopback' });
    const admin = await api.adminToken();
    t = await api.people(admin, [
      { username: 'clerk', roles: ['clerk'], department: dept },
      { username: 'officer', roles: ['department-officer'], department: dept },
      { username: 'other-officer', roles: ['department-officer'], department: 'tax-bureau' },
      { username: 'supervisor', roles: ['supervisor'] },
    ]);
  });
  afterAll(() => api?.stop());

  it('takes a complaint from the public form and shows its status only with the query code', async () => {
    const bad = await fileOne({ complainant: { name: '' }, about: { caseNo: '??' } });
    expect(bad.status).toBe(400);
    expect(problem(bad).errors?.map((e) => e.pointer)).toEqual(expect.arrayContaining(['/content', '/complainant/name', '/about/caseNo']));
    const idem = { 'idempotency-key': key() };
    const filed = await api.call('/public/complaints', { body: { complainant: { name: '李四' }, content: 'the window closed early twice' }, headers: idem });
    expect(filed.status).toBe(201);
    const again = await api.call('/public/complaints', { body: { complainant: { name: '李四' }, content: 'the window closed early twice' }, headers: idem });
    expect(again.body).toEqual(filed.body);
    expect(filed.body.complaintNo).toMatch(/^TS\d{14}$/);
    expect(filed.body.queryCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(Date.parse(filed.body.firstResponseDeadline) - Date.parse(filed.body.filedAt)).toBe(24 * 3_600_000);
    // The configured handling limit: 10 working days on the work calendar.
    expect(Date.parse(filed.body.handlingDeadline)).toBe(limitDeadline(defaultCalendar(), Date.parse(filed.body.filedAt), 10).at);
    expect(filed.headers.get('ratelimit-policy')).toContain('q=4');

    const shown = await eventually(() => status(filed.body.complaintNo, filed.body.queryCode), (a) => a.status === 200);
    expect(shown.body).toMatchObject({ complaintNo: filed.body.complaintNo, status: 'registered', department: null, result: null });
    expect(shown.body).not.toHaveProperty('complainant');
    expect((await status(filed.body.complaintNo, 'WRONGCODE')).status).toBe(404);
    expect((await status('TS20990101000001', filed.body.queryCode)).status).toBe(404);
    expect((await api.call(`/public/complaints/${filed.body.complaintNo}`)).status).toBe(400);
  });

  it('is registered by staff, transferred, answered and concluded by the department, then rated by the complainant', async () => {
    expect((await api.call('/complaints', { token: t['officer'], body: { channel: 'phone', complainant: { name: '王五' }, content: 'x' } })).status).toBe(403);
    expect((await api.call('/complaints', { token: t['clerk'], body: { channel: 'fax', complainant: { name: '王五' }, content: 'x' } })).status).toBe(400);
    const call = { token: t['clerk'], body: { channel: 'phone', complainant: { name: '王五' }, content: 'rude at the window', about: { department: dept } }, headers: { 'idempotency-key': key() } };
    const registered = await api.call('/complaints', call);
    expect(registered.status).toBe(201);
    expect((await api.call('/complaints', call)).body).toEqual(registered.body);
    const no = registered.body.complaintNo as string;
    const code = registered.body.queryCode as string;

    expect((await act(no, 'transfer', t['officer'], { department: dept })).status).toBe(403);
    expect((await act('TS20990101000001', 'transfer', t['supervisor'], { department: dept })).status).toBe(404);
    const unknownDept = await act(no, 'transfer', t['supervisor'], { department: 'no-such-department' });
    expect(unknownDept.status).toBe(422);
    expect(problem(unknownDept).code).toBe('unknown-department');
    expect((await api.call(`/complaints/${no}`, { token: t['officer'] })).status).toBe(404); // not yet theirs
    const transferKey = key();
    const transferred = await act(no, 'transfer', t['supervisor'], { department: dept, note: 'please call back today' }, transferKey);
    expect(transferred.status).toBe(200);
    expect(transferred.body.status).toBe('transferred');
    expect((await act(no, 'transfer', t['supervisor'], { department: dept }, transferKey)).body).toEqual(transferred.body);
    const twice = await act(no, 'transfer', t['supervisor'], { department: dept });
    expect(twice.status).toBe(409);
    expect(problem(twice).code).toBe('ALREADY_IN_DEPARTMENT');

    expect((await api.call(`/complaints/${no}`, { token: t['other-officer'] })).status).toBe(404);
    expect((await act(no, 'respond', t['other-officer'], { message: 'x' })).status).toBe(404);
    expect((await act(no, 'respond', t['officer'], { message: 'x' }, null)).status).toBe(400);
    const rateEarly = await api.call(`/public/complaints/${no}/rating`, { body: { queryCode: code, score: 5 } });
    expect(rateEarly.status).toBe(409);
    expect(problem(rateEarly).code).toBe('NOT_CONCLUDED');
    const responded = await act(no, 'respond', t['officer'], { message: 'we called back and apologised' });
    expect(responded.status).toBe(200);
    expect(responded.body.status).toBe('responded');
    expect((await act(no, 'conclude', t['officer'], { result: 'staff warned', finding: 'guilty' })).status).toBe(400);
    const concluded = await act(no, 'conclude', t['officer'], { result: 'staff warned', finding: 'substantiated' });
    expect(concluded.status).toBe(200);
    expect(concluded.body.status).toBe('concluded');

    const detail = await eventually(() => api.call(`/complaints/${no}`, { token: t['officer'] }), (a) => a.body?.complaint?.status === 'concluded');
    expect(detail.body.live).not.toHaveProperty('queryCode');
    expect(detail.body.complaint).toMatchObject({ channel: 'phone', department: dept, firstResponseOnTime: true, handledOnTime: true, finding: 'substantiated' });
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['filed', 'transferred', 'responded', 'concluded']));
    expect((await status(no, code)).body).toMatchObject({ status: 'concluded', department: dept, result: 'staff warned', rating: null });

    expect((await api.call(`/public/complaints/${no}/rating`, { body: { queryCode: 'WRONGCODE', score: 5 } })).status).toBe(404);
    expect((await api.call(`/public/complaints/${no}/rating`, { body: { queryCode: code, score: 7 } })).status).toBe(400);
    const rated = await api.call(`/public/complaints/${no}/rating`, { body: { queryCode: code, score: 4, comment: 'fair' } });
    expect(rated.status).toBe(200);
    const again = await api.call(`/public/complaints/${no}/rating`, { body: { queryCode: code, score: 1 } });
    expect(again.status).toBe(409);
    expect(['ALREADY_RATED', 'RATING_CLOSED']).toContain(problem(again).code);
    expect((await eventually(() => status(no, code), (a) => a.body.rating === 4)).body.rating).toBe(4);

    // Every accepted request is logged; a replay is recognisable by its idempotency key.
    const logged = await supervisionLogModel(api.db).find({ targetId: no }).sort({ _id: 1 }).lean();
    expect(logged.map((l) => l.action)).toEqual(['complaint.transfer', 'complaint.transfer']);
    const keys = logged.map((l) => (JSON.parse(l.content) as { details: { idempotencyKey: string } }).details.idempotencyKey);
    expect(keys).toEqual([transferKey, transferKey]);
  });

  it('lets the department act at once after a transfer, before the read model catches up', async () => {
    for (let i = 0; i < 3; i++) {
      const { body: { complaintNo } } = await api.call('/complaints', { token: t['supervisor'], body: { channel: 'sms', complainant: { name: '赵六' }, content: 'no answer' } });
      expect((await act(complaintNo, 'transfer', t['supervisor'], { department: dept })).status).toBe(200);
      expect((await act(complaintNo, 'respond', t['officer'], { message: 'on it' })).status).toBe(200);
    }
  });

  it('lists complaints by visibility and filters, with a cursor', async () => {
    const list = await eventually(() => api.call('/complaints?limit=1', { token: t['supervisor'] }), (a) => a.status === 200 && a.body.items.length === 1);
    expect(list.body.nextCursor).not.toBeNull();
    const next = await api.call(`/complaints?limit=1&cursor=${list.body.nextCursor}`, { token: t['supervisor'] });
    expect(next.body.items[0].complaintNo).not.toBe(list.body.items[0].complaintNo);
    const mine = await eventually(() => api.call('/complaints', { token: t['officer'] }), (a) => a.body.items.length === 4);
    expect(new Set(mine.body.items.map((c: { department: string }) => c.department))).toEqual(new Set([dept]));
    expect((await api.call('/complaints', { token: t['other-officer'] })).body.items).toEqual([]);
    expect((await api.call(`/complaints?department=${dept}&status=concluded&channel=phone`, { token: t['supervisor'] })).body.items).toHaveLength(1);
    expect((await api.call('/complaints?channel=web&status=registered', { token: t['supervisor'] })).body.items).toHaveLength(1);
    expect((await api.call('/complaints', { token: t['clerk'] })).status).toBe(403);
  });

  it('limits public filings per address', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 3; i++) answers.push(await fileOne());
    // Four an hour: the first test sent two, so the third here is the fifth request from this address.
    expect(answers.map((a) => a.status)).toEqual([201, 201, 429]);
    const limited = answers[2] as Answer;
    expect(problem(limited).code).toBe('rate-limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another client behind the (trusted, loopback) proxy has a budget of its own.
    const other = await api.call('/public/complaints', {
      body: { complainant: { name: '钱七' }, content: 'queue too long' }, headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    expect(other.status).toBe(201);
  });
});
