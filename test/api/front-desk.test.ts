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
    await api.call(`/definitions/${itemCode}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    expect((await api.call(`/definitions/${itemCode}/publish`, { token: admin, body: { revision: 1 } })).status).toBe(201);
    expect((await api.call('/departments', { token: admin, body: { code: 'health-commission', name: '市卫生健康委员会' } })).status).toBe(201);
    t = await api.people(admin, [
      { username: 'clerk', roles: ['clerk'], department: 'health-commission', positions: ['acceptor'] },
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
});
