import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anomalyModel } from '../../db/models/anomaly';
import { userModel } from '../../db/models/user';
import { eventually, PASSWORD, WebStack } from './web-stack';

const DEPARTMENT = 'health-commission';
const ANOMALY = 'SL20260302000001:anomaly:1';

describe('anomaly disposition in Chromium', { timeout: 240_000 }, () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await WebStack.start();
    const admin = await stack.api.adminToken();
    expect((await stack.api.call('/departments', { token: admin, body: { code: DEPARTMENT, name: '市卫生健康委员会' } })).status).toBe(201);
    await stack.api.people(admin, [
      { username: 'supervisor-zhou', roles: ['supervisor'] },
      { username: 'clerk-zhao', roles: ['clerk'], department: DEPARTMENT, positions: ['acceptor'] },
      { username: 'officer-qian', roles: ['department-officer'], department: DEPARTMENT },
    ]);
    const clerk = await userModel(stack.api.db).findOne({ username: 'clerk-zhao' }).lean();
    await anomalyModel(stack.api.db).create({
      _id: ANOMALY, caseNo: 'SL20260302000001', itemCode: 'licence', department: DEPARTMENT, kind: 'fee-mismatch', at: new Date(),
      reason: 'fee charged 20 differs from the standard 0', actorId: String(clerk?._id),
    });
  });
  afterAll(() => stack?.stop());

  it('is confirmed with a responsibility finding, objected to by the department, and decided by the supervisor', async () => {
    const { page: supervisor, errors } = await stack.page();
    await stack.signIn(supervisor, 'supervisor-zhou', PASSWORD);
    await supervisor.getByRole('link', { name: '异常监察' }).click();
    const row = supervisor.getByTestId('anomaly-list').getByRole('row').filter({ hasText: 'SL20260302000001' });
    await expect.poll(() => row.innerText()).toContain('市卫生健康委员会');
    expect(await row.innerText()).toContain('clerk-zhao');
    expect(await row.innerText()).toContain('待处置');
    await row.getByRole('link', { name: '收费异常' }).click();
    await supervisor.getByLabel('处置方式').selectOption('confirmed');
    await supervisor.getByLabel('处置意见').fill('收费无依据');
    await supervisor.getByLabel('责任人').selectOption('person');
    await supervisor.getByLabel('处理措施').fill('提醒谈话');
    await supervisor.getByRole('button', { name: '提交处置' }).click();
    await eventually(() => supervisor.getByTestId('anomaly-status').innerText()).toBe('已认定');

    const { page: officer, errors: officerErrors } = await stack.page();
    await stack.signIn(officer, 'officer-qian', PASSWORD);
    await officer.goto(`${stack.url}anomalies/${encodeURIComponent(ANOMALY)}`);
    await officer.getByLabel('异议理由').fill('该项收费列入收费目录');
    // The objection reaches the workflow; its answer is lost. The page says so, and the click
    // repeated under the same key answers the objection made, not a refusal.
    let lost = false;
    await officer.route('**/api/v1/anomalies/*/objection', async (route) => {
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      return route.abort('connectionreset');
    });
    await officer.getByRole('button', { name: '提交异议' }).click();
    await eventually(() => officer.getByRole('alert').first().innerText()).toContain('未收到服务器答复');
    await officer.getByRole('button', { name: '提交异议' }).click();
    await eventually(() => officer.getByTestId('anomaly-status').innerText()).toBe('异议中');
    expect(await officer.getByRole('alert').count()).toBe(0);
    await expect.poll(() => officer.getByRole('button', { name: '提交异议' }).count()).toBe(0);

    await supervisor.reload();
    await supervisor.getByRole('combobox', { name: /^裁决/ }).selectOption('rejected');
    await supervisor.getByLabel('裁决理由').fill('收费目录中无此项');
    await supervisor.getByRole('button', { name: '提交裁决' }).click();
    await eventually(() => supervisor.getByTestId('anomaly-timeline').innerText()).toContain('异议不成立,维持认定:收费目录中无此项');
    const timeline = await supervisor.getByTestId('anomaly-timeline').innerText();
    expect(timeline).toContain('确认异常,责任认定:clerk-zhao,处理措施:提醒谈话');
    expect(timeline.split('部门提出异议:该项收费列入收费目录')).toHaveLength(2);
    expect(await supervisor.getByTestId('anomaly-status').innerText()).toBe('已认定');
    expect([...errors, ...officerErrors]).toEqual([]);
  });
});
