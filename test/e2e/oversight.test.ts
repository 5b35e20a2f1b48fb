import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionFixtures } from '../fixtures/definitions';
import { SCREENSHOT_DIR } from '../support/browser';
import { eventually, PASSWORD, WebStack } from './web-stack';

const fixture = definitionFixtures['sequential-licence'];
const ITEM = fixture.item.code;
const DEPARTMENT = fixture.item.department;
const form = { applicantName: '杭州西湖宾馆有限公司', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州市西湖区曙光路 1 号', businessType: 'hotel' };

/** The error shown under the field whose control has this test id. */
const fieldError = (page: Page, testId: string) => page.locator('.field', { has: page.getByTestId(testId) }).locator('.error-text');

describe('supervision orders and complaints in Chromium', { timeout: 240_000 }, () => {
  let stack: WebStack;
  let tokens: Record<string, string>;
  beforeAll(async () => {
    stack = await WebStack.start();
    const admin = await stack.api.adminToken();
    await stack.api.holders(admin, fixture);
    const draft = await stack.api.call(`/definitions/${ITEM}/draft`, { method: 'PUT', token: admin, body: { definition: fixture } });
    expect(draft.status).toBe(200);
    const published = await stack.api.call(`/definitions/${ITEM}/publish`, { token: admin, body: { revision: draft.body.revision } });
    expect(published.status).toBe(201);
    tokens = await stack.api.people(admin, [
      { username: 'clerk-zhao', roles: ['clerk'], department: DEPARTMENT, positions: ['acceptor'] },
      { username: 'officer-qian', roles: ['department-officer'], department: DEPARTMENT },
      { username: 'officer-sun', roles: ['department-officer'], department: 'tax-bureau' },
      { username: 'supervisor-zhou', roles: ['supervisor'] },
    ]);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a supervisor opens an order on a case; the department officer answers it; the supervisor concludes it with a finding', async () => {
    const started = await stack.api.call('/cases', { token: tokens['clerk-zhao'], body: { itemCode: ITEM, applicant: { name: '某宾馆' }, data: form } });
    expect(started.status).toBe(201);
    const caseNo = started.body.caseNo as string;

    // 督办 from the case page, then on to the order it opened.
    const { page: sup, errors: supErrors } = await stack.page();
    await stack.signIn(sup, 'supervisor-zhou', PASSWORD);
    await sup.goto(`${stack.url}cases/${caseNo}`);
    await sup.getByTestId('supervise-message').fill('请说明受理延误的原因并限期整改。');
    await sup.getByTestId('open-order').click();
    const opened = sup.getByTestId('opened-order');
    await opened.waitFor({ timeout: 30_000 });
    const orderId = ((await opened.getAttribute('href')) ?? '').split('/').at(-1) ?? '';
    expect(orderId).toMatch(/^DB\d{14}$/);
    await eventually(() => sup.locator(`[data-testid="case-orders"] [data-order="${orderId}"]`).count(), { timeout: 20_000 }).toBe(1);
    await opened.click();
    await eventually(() => sup.getByTestId('order-status').textContent()).toBe('待反馈');
    await eventually(() => sup.getByTestId('order-requirement').textContent()).toBe('请说明受理延误的原因并限期整改。');
    // Unanswered and before its deadline: no conclusion yet, and no answer form for a supervisor.
    expect(await sup.getByTestId('conclude-waiting').count()).toBe(1);
    expect(await sup.getByTestId('conclude-form').count()).toBe(0);
    expect(await sup.getByTestId('answer-form').count()).toBe(0);
    await eventually(() => sup.getByTestId('ladder-next').textContent()).toContain('反馈期限最后一个工作日提醒');

    // Another department's officer does not get to see it: the API's answer is shown.
    const { page: other } = await stack.page();
    await stack.signIn(other, 'officer-sun', PASSWORD);
    await other.goto(`${stack.url}orders/${orderId}`);
    await eventually(() => other.getByRole('alert').first().textContent()).toBe(`Supervision order ${orderId} not found.`);

    // The department's officer finds it in the list and answers it; an empty answer is refused at the field.
    const { page: officer, errors: officerErrors } = await stack.page();
    await stack.signIn(officer, 'officer-qian', PASSWORD);
    await officer.getByRole('link', { name: '督办', exact: true }).click();
    const row = officer.locator(`[data-testid="order-list"] tr[data-order="${orderId}"]`);
    await eventually(async () => {
      if ((await row.count()) === 0) await officer.getByRole('button', { name: '刷新' }).click();
      return row.count();
    }, { timeout: 20_000 }).toBe(1);
    expect(await row.getByTestId('order-status').textContent()).toBe('待反馈');
    await officer.screenshot({ path: join(SCREENSHOT_DIR, 'oversight-orders.png') });
    await row.getByRole('link', { name: orderId }).click();
    await officer.getByTestId('answer-measures').fill('已约谈窗口负责人。');
    await officer.getByTestId('answer-submit').click();
    await eventually(() => fieldError(officer, 'answer-text').textContent()).toBe('不能为空');
    expect(await officer.getByTestId('answer-outcome').textContent()).toContain('The request body is invalid.');
    expect(await officer.getByTestId('answer-measures').inputValue()).toBe('已约谈窗口负责人。');
    await officer.getByTestId('answer-text').fill('系窗口人员请假导致延误,已于当日补办。');
    await officer.getByTestId('answer-submit').click();
    await eventually(() => officer.getByTestId('order-status').textContent(), { timeout: 20_000 }).toBe('已反馈');
    expect(await officer.getByTestId('order-answer').textContent()).toContain('系窗口人员请假导致延误');
    expect(await officer.getByTestId('conclude-form').count()).toBe(0);

    // The supervisor concludes: a missing measure is refused next to its field, with the API's message; nothing chosen is lost.
    await eventually(() => sup.getByTestId('conclude-form').count(), { timeout: 20_000 }).toBe(1);
    await sup.getByTestId('conclude-finding').selectOption('substantiated');
    await sup.getByTestId('conclude-responsibility').selectOption('individual');
    await sup.getByTestId('conclude-comment').fill('窗口管理不到位。');
    await sup.getByTestId('conclude-submit').click();
    await eventually(() => fieldError(sup, 'conclude-measure').textContent()).toBe('必填');
    expect(await sup.getByTestId('conclude-outcome').textContent()).toContain('The request body is invalid.');
    expect(await fieldError(sup, 'conclude-finding').count()).toBe(0);
    expect(await sup.getByTestId('conclude-finding').inputValue()).toBe('substantiated');
    expect(await sup.getByTestId('conclude-comment').inputValue()).toBe('窗口管理不到位。');
    await sup.screenshot({ path: join(SCREENSHOT_DIR, 'oversight-order-refused.png') });
    await sup.getByTestId('conclude-measure').selectOption('rectification');
    await sup.getByTestId('conclude-submit').click();
    await eventually(() => sup.getByTestId('order-status').textContent(), { timeout: 20_000 }).toBe('已办结');
    await eventually(() => sup.getByTestId('order-finding').textContent()).toBe('属实');
    // The timeline says each step in the reader's language, from the events' data, not the workflow's English summary.
    await eventually(() => sup.getByTestId('timeline').textContent(), { timeout: 20_000 }).toContain('督办办结:属实,个人责任,处理措施:责令整改');
    const orderTimeline = await sup.getByTestId('timeline').textContent();
    expect(orderTimeline).toContain('按期反馈督办(officer-qian)');
    expect(orderTimeline).toMatch(/对办件 \S+ 下发督办,限 \d+ 个工作日内反馈/);
    expect(orderTimeline).not.toMatch(/answered on time|concluded:|supervision order opened/);
    await sup.evaluate(() => window.scrollTo(0, 0));
    await sup.screenshot({ path: join(SCREENSHOT_DIR, 'oversight-order.png'), fullPage: true });

    const stored = await stack.api.call(`/supervision-orders/${orderId}`, { token: tokens['supervisor-zhou'] });
    expect(stored.status).toBe(200);
    expect(stored.body.live.conclusion).toMatchObject({ finding: 'substantiated', responsibility: 'individual', measure: 'rectification', comment: '窗口管理不到位。', responsiveness: 'on-time' });
    expect(stored.body.live.answer).toMatchObject({ answer: '系窗口人员请假导致延误,已于当日补办。', measuresTaken: '已约谈窗口负责人。' });
    // The read model follows: the case's one order, concluded with that finding.
    const listed = () => stack.api.call(`/supervision-orders?caseNo=${caseNo}`, { token: tokens['supervisor-zhou'] });
    await eventually(async () => (await listed()).body.items.map((o: { orderId: string; status: string; finding: string }) => [o.orderId, o.status, o.finding]))
      .toEqual([[orderId, 'concluded', 'substantiated']]);
    expect(supErrors).toEqual([]);
    expect(officerErrors).toEqual([]);
  });

  it('a clerk registers a phone complaint; the supervisor transfers it; the officer responds; the supervisor concludes it', async () => {
    // 登记: a bad phone number is refused at its field and nothing typed is lost.
    const { page: clerk, errors: clerkErrors } = await stack.page();
    await stack.signIn(clerk, 'clerk-zhao', PASSWORD);
    await clerk.getByRole('link', { name: '投诉登记', exact: true }).click();
    await clerk.getByTestId('register-channel').selectOption('phone');
    await clerk.getByTestId('register-name').fill('钱女士');
    await clerk.getByTestId('register-phone').fill('call me');
    await clerk.getByTestId('register-content').fill('窗口工作人员态度恶劣,多次推诿。');
    await clerk.getByTestId('register-department').selectOption(DEPARTMENT);
    await clerk.getByTestId('register-submit').click();
    await eventually(() => fieldError(clerk, 'register-phone').textContent()).toBe('格式不正确');
    expect(await clerk.getByTestId('register-content').inputValue()).toBe('窗口工作人员态度恶劣,多次推诿。');
    await clerk.getByTestId('register-phone').fill('13900001111');
    await clerk.getByTestId('register-submit').click();
    const numberShown = clerk.getByTestId('registered-no');
    await numberShown.waitFor({ timeout: 30_000 });
    const complaintNo = (await numberShown.textContent()) ?? '';
    expect(complaintNo).toMatch(/^TS\d{14}$/);
    expect(await clerk.getByTestId('registered-code').textContent()).toMatch(/^[A-Z2-9]{8}$/);
    // A clerk does not read complaints: no link to one.
    expect(await clerk.getByTestId('open-registered').count()).toBe(0);

    // The supervisor sees the 24-hour clock running and transfers it.
    const { page: sup, errors: supErrors } = await stack.page();
    await stack.signIn(sup, 'supervisor-zhou', PASSWORD);
    await sup.getByRole('link', { name: '投诉', exact: true }).click();
    const row = sup.locator(`[data-testid="complaint-list"] tr[data-complaint="${complaintNo}"]`);
    await eventually(async () => {
      if ((await row.count()) === 0) await sup.getByRole('button', { name: '刷新' }).click();
      return row.count();
    }, { timeout: 20_000 }).toBe(1);
    await row.getByRole('link', { name: complaintNo }).click();
    await eventually(() => sup.getByTestId('complaint-status').textContent()).toBe('已登记');
    await eventually(() => sup.getByTestId('first-response-left').textContent()).toMatch(/^还剩 2[23] 小时 \d+ 分钟$/);
    expect(await sup.getByTestId('first-response').textContent()).toMatch(/^应于 .+ 前答复 还剩/);
    expect(await sup.getByTestId('complaint-content').textContent()).toBe('窗口工作人员态度恶劣,多次推诿。');
    await sup.getByTestId('transfer-department').selectOption(DEPARTMENT);
    await sup.getByTestId('transfer-note').fill('请核实并答复投诉人。');
    await sup.getByTestId('transfer-submit').click();
    await eventually(() => sup.getByTestId('complaint-department').textContent(), { timeout: 20_000 }).toBe(DEPARTMENT);
    expect(await sup.getByTestId('complaint-status').textContent()).toBe('已转办');

    // The department's officer responds within the 24 hours.
    const { page: officer, errors: officerErrors } = await stack.page();
    await stack.signIn(officer, 'officer-qian', PASSWORD);
    await officer.goto(`${stack.url}complaints/${complaintNo}`);
    await officer.getByTestId('respond-message').fill('已核实,当事人已道歉,并加强窗口培训。');
    await officer.getByTestId('respond-submit').click();
    await eventually(() => officer.getByTestId('complaint-status').textContent(), { timeout: 20_000 }).toBe('已答复');
    expect(await officer.getByTestId('first-response').textContent()).toMatch(/已首次答复.*按时/);
    expect(await officer.getByTestId('transfer-form').count()).toBe(0);

    // The supervisor concludes; without a result the API refuses at that field.
    await eventually(() => sup.getByTestId('complaint-status').textContent(), { timeout: 20_000 }).toBe('已答复');
    await sup.getByTestId('conclude-complaint-finding').selectOption('substantiated');
    await sup.getByTestId('conclude-complaint-submit').click();
    await eventually(() => fieldError(sup, 'conclude-result').textContent()).toBe('不能为空');
    await sup.getByTestId('conclude-result').fill('投诉属实,已责令整改并向投诉人反馈。');
    await sup.getByTestId('conclude-complaint-submit').click();
    await eventually(() => sup.getByTestId('complaint-status').textContent(), { timeout: 20_000 }).toBe('已办结');
    await eventually(() => sup.getByTestId('complaint-finding').textContent()).toBe('属实');
    await eventually(() => sup.getByTestId('timeline').textContent(), { timeout: 20_000 }).toContain('投诉办结:属实(按期)');
    const complaintTimeline = await sup.getByTestId('timeline').textContent();
    expect(complaintTimeline).toContain('首次答复投诉人(按时)(officer-qian)');
    expect(complaintTimeline).toContain('登记投诉(渠道:电话)');
    expect(complaintTimeline).not.toMatch(/transferred to|first response|complaint filed/);
    await sup.evaluate(() => window.scrollTo(0, 0));
    await sup.screenshot({ path: join(SCREENSHOT_DIR, 'oversight-complaint.png'), fullPage: true });
    // The same page in English.
    await sup.getByTestId('language-switch').click();
    await eventually(() => sup.getByTestId('complaint-status').textContent()).toBe('Concluded');
    expect(await sup.getByTestId('complaint-finding').textContent()).toBe('Substantiated');
    expect(await sup.getByTestId('timeline').textContent()).toContain('Complaint concluded: Substantiated (on time)');

    const stored = await stack.api.call(`/complaints/${complaintNo}`, { token: tokens['supervisor-zhou'] });
    expect(stored.status).toBe(200);
    expect(stored.body.live).toMatchObject({
      channel: 'phone', complainant: { name: '钱女士', phone: '13900001111' }, about: { department: DEPARTMENT }, department: DEPARTMENT,
      status: 'concluded', firstResponseOnTime: true, conclusion: { finding: 'substantiated', result: '投诉属实,已责令整改并向投诉人反馈。' },
    });
    expect(stored.body.live.transfers).toEqual([expect.objectContaining({ department: DEPARTMENT, note: '请核实并答复投诉人。' })]);
    expect(stored.body.live.responses).toEqual([expect.objectContaining({ message: '已核实,当事人已道歉,并加强窗口培训。' })]);
    expect(stored.body.live.registeredBy).toMatchObject({ name: 'clerk-zhao' });
    expect(clerkErrors).toEqual([]);
    expect(supErrors).toEqual([]);
    expect(officerErrors).toEqual([]);
  });
});
