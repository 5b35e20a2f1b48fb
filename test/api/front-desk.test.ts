import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionFixtures } from '../fixtures/definitions';
import { ApiHarness, eventually, problem } from './harness';

const licence = definitionFixtures['sequential-licence'];
const itemCode = licence.item.code;
const form = { applicantName: '杭州西湖宾馆有限公司', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州市西湖区曙光路 1 号', businessType: 'hotel' };
const applicant = { name: '杭州西湖宾馆有限公司', kind: 'organisation', phone: '0571-88888888' };
const received = ['公共场所卫生许可申请表', '法定代表人或负责人身份证明'];

describe('the front desk: the application as registered and its receipt', () => {
  let api: ApiHarness;
  let t: Record<string, string>;

  beforeAll(async () => {
    api = await ApiHarness.start();
    const admin = await api.adminToken();
    expect((await api.call('/departments', { token: admin, body: { code: 'health-commission', name: '市卫生健康委员会' } })).status).toBe(201);
    await api.holders(admin, licence);
    await api.call(`/definitions/${itemCode}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    expect((await api.call(`/definitions/${itemCode}/publish`, { token: admin, body: { revision: 1 } })).status).toBe(201);
    t = await api.people(admin, [
      { username: 'clerk', roles: ['clerk'], department: 'health-commission', positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] },
      { username: 'other', roles: ['clerk'], department: 'market', positions: ['acceptor'] },
      { username: 'supervisor', roles: ['supervisor'] },
    ]);
  });
  afterAll(() => api?.stop());

  it('refuses materials that are not on the checklist, naming each one', async () => {
    const bad = await api.call('/cases', { token: t['clerk'], body: { itemCode, applicant, data: form, materials: [received[0], '营业执照'] } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(problem(bad).errors).toEqual([expect.objectContaining({ in: 'body', pointer: '/materials/1' })]);
    const twice = await api.call('/cases', { token: t['clerk'], body: { itemCode, applicant, data: form, materials: [received[0], received[0]] } });
    expect(twice.status).toBe(400);
    expect(problem(twice).errors?.[0]?.pointer).toBe('/materials');
  });

  it('reads back an application registered with no materials as none received', async () => {
    const started = await api.call('/cases', { token: t['clerk'], body: { itemCode, applicant: { name: 'A' }, data: form } });
    expect(started.status).toBe(201);
    const read = await api.call(`/cases/${started.body.caseNo}/application`, { token: t['clerk'] });
    expect(read.status).toBe(200);
    expect(read.body.materials.every((m: { received: boolean }) => !m.received)).toBe(true);
  });

  it('keeps the application and prints the receipt with the query code for the registering department only', async () => {
    const started = await api.call('/cases', { token: t['clerk'], body: { itemCode, applicant, data: form, materials: received } });
    expect(started.status).toBe(201);
    const { caseNo, queryCode } = started.body as { caseNo: string; queryCode: string };

    const receipt = await eventually(() => api.call(`/cases/${caseNo}/receipt`, { token: t['clerk'] }), (r) => r.status !== 200 || r.body.queryCode !== null);
    expect(receipt.status).toBe(200);
    expect(receipt.body).toMatchObject({
      caseNo, queryCode, itemCode, departmentName: '市卫生健康委员会', applicantName: applicant.name, promisedDays: 10, statutoryDays: 20,
      progressPath: `/public/cases/${caseNo}`,
    });
    expect(receipt.body.materials.filter((m: { received: boolean }) => m.received).map((m: { name: string }) => m.name)).toEqual(received);
    expect(receipt.body.deadlineDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The receipt's dates are the deadline preview's: one rule, computeSchedule.
    const preview = await api.call('/deadline-preview', { token: t['clerk'], body: { itemCode, startAt: receipt.body.submittedAt } });
    expect(receipt.body.deadlineDate).toBe(preview.body.deadlineDate);
    expect(receipt.body.statutoryDeadlineDate).toBe(preview.body.statutoryDeadlineDate);

    // The code is the applicant's: another department and the supervisors never read it.
    expect((await api.call(`/cases/${caseNo}/receipt`, { token: t['other'] })).status).toBe(404);
    expect((await api.call(`/cases/${caseNo}/receipt`, { token: t['supervisor'] })).status).toBe(403);
    const detail = await api.call(`/cases/${caseNo}`, { token: t['supervisor'] });
    expect(JSON.stringify(detail.body)).not.toContain(queryCode);

    const application = await api.call(`/cases/${caseNo}/application`, { token: t['supervisor'] });
    expect(application.status).toBe(200);
    expect(application.body).toMatchObject({ applicant: { name: applicant.name, phone: applicant.phone }, data: form });
    expect(application.body.formSchema.properties.businessType.title).toBe('场所类别');
    expect(JSON.stringify(application.body)).not.toContain(queryCode);
    expect((await api.call(`/cases/${caseNo}/application`, { token: t['other'] })).status).toBe(404);
    expect((await api.call('/cases/SL20990101000001/receipt', { token: t['clerk'] })).status).toBe(404);
  });

  it('issues numbered notices of each kind, refuses bad ones naming the field, and records each on the timeline and in the log', async () => {
    const start = async () => (await api.call('/cases', { token: t['clerk'], body: { itemCode, applicant, data: form, materials: received } })).body.caseNo as string;
    const act = (caseNo: string, action: string, body: object = {}) =>
      api.call(`/cases/${caseNo}/actions/${action}`, { token: t['clerk'], body, headers: { 'idempotency-key': crypto.randomUUID() } });
    const notice = (caseNo: string, body: object, token = t['clerk']) => api.call(`/cases/${caseNo}/notices`, { token, body });
    const caseNo = await start();

    // Bad inputs: problem+json naming the field; nothing is numbered.
    const cases: [object, string][] = [
      [{ kind: 'notice' }, '/kind'],
      [{ kind: 'supplement' }, '/materials'],
      [{ kind: 'supplement', materials: ['营业执照'] }, '/materials/0'],
      [{ kind: 'supplement', materials: [received[0]], reason: 'x' }, '/reason'],
      [{ kind: 'refusal' }, '/reason'],
      [{ kind: 'acceptance', supplementDays: 0 }, '/supplementDays'],
    ];
    for (const [body, pointer] of cases) {
      const bad = await notice(caseNo, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      expect(problem(bad).errors?.map((e) => e.pointer)).toContain(pointer);
    }
    const early = await notice(caseNo, { kind: 'acceptance' });
    expect(early.status).toBe(409);
    expect(problem(early).code).toBe('notice-not-due');
    expect((await notice(caseNo, { kind: 'acceptance' }, t['other'])).status).toBe(404);
    expect((await notice(caseNo, { kind: 'acceptance' }, t['supervisor'])).status).toBe(403);

    // 补正 (one-time notice) before acceptance, then 受理, then 办结.
    const missing = ['公共场所卫生检测或评价报告'];
    expect((await act(caseNo, 'supplement-notice', { materials: missing })).status).toBe(200);
    const supplement = await notice(caseNo, { kind: 'supplement', materials: missing, supplementDays: 5 });
    expect(supplement.status).toBe(201);
    expect(supplement.body.content).toMatchObject({ materials: missing, supplementDays: 5, departmentName: '市卫生健康委员会' });
    expect(supplement.body.content.supplementBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await act(caseNo, 'supplement-received')).status).toBe(200);
    expect((await act(caseNo, 'accept')).status).toBe(200);
    const acceptance = await notice(caseNo, { kind: 'acceptance' });
    expect(acceptance.status).toBe(201);
    expect(acceptance.body.content).toMatchObject({ promisedDays: 10, statutoryDays: 20 });
    const year = acceptance.body.year as number;
    expect(acceptance.body.seq).toBe((supplement.body.seq as number) + 1);
    expect(acceptance.body.number).toBe(`受字〔${year}〕第${acceptance.body.seq}号`);

    // 不予受理 on another case: reason and remedy.
    const refusedNo = await start();
    expect((await act(refusedNo, 'refuse', { reason: '不属于本机关职权范围' })).status).toBe(200);
    const refusal = await notice(refusedNo, { kind: 'refusal', reason: '申请事项不属于本机关职权范围' });
    expect(refusal.status).toBe(201);
    expect(refusal.body.content).toMatchObject({ reason: '申请事项不属于本机关职权范围', reviewDays: 60, litigationMonths: 6 });
    expect((await notice(refusedNo, { kind: 'conclusion' })).status).toBe(409);

    // Issued at once, the notices of one department and year take distinct numbers (no lost $inc).
    const burst = await Promise.all(Array.from({ length: 6 }, () => notice(refusedNo, { kind: 'refusal', reason: '重复' })));
    expect(burst.map((b) => b.status)).toEqual(Array(6).fill(201));
    const seqs = burst.map((b) => b.body.seq as number);
    expect(new Set(seqs).size).toBe(6);

    // A keyed repeat answers the first notice and numbers nothing.
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const once = await api.call(`/cases/${refusedNo}/notices`, { token: t['clerk'], body: { kind: 'refusal', reason: '一次' }, headers });
    const twice = await api.call(`/cases/${refusedNo}/notices`, { token: t['clerk'], body: { kind: 'refusal', reason: '一次' }, headers });
    expect(twice.body.number).toBe(once.body.number);

    // On the timeline with its number, and in the supervision log.
    const detail = await api.call(`/cases/${caseNo}`, { token: t['supervisor'] });
    const lines = (detail.body.timeline as { type: string; payload: { number?: string } }[]).filter((e) => e.type === 'notice-issued');
    expect(lines.map((e) => e.payload.number)).toEqual([supplement.body.number, acceptance.body.number]);
    const log = await api.call('/supervision-log?action=notice.issue', { token: t['supervisor'] });
    expect(log.status).toBe(200);
    const numbers = (log.body.records as { details: { number: string } }[]).map((r) => r.details.number);
    expect(numbers).toEqual(expect.arrayContaining([supplement.body.number, acceptance.body.number, refusal.body.number, once.body.number]));
    expect(numbers.filter((n) => n === once.body.number)).toHaveLength(1);
  });
});
