import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCaseEvents } from '../../activities/record';
import { recordDepartmentFact } from '../../activities/rollups';
import { definitionFixtures } from '../fixtures/definitions';
import { SCREENSHOT_DIR } from '../support/browser';
import { recordedCase } from '../support/case-records';
import { eventually, PASSWORD, WebStack } from './web-stack';

const fixture = definitionFixtures['sequential-licence'];
const ITEM = fixture.item.code;
const DEPARTMENT = fixture.item.department;
const form = { applicantName: '杭州某某酒店有限公司', creditCode: '91330100MA2B3C4D5E', premisesAddress: '杭州市西湖区文三路 1 号', businessType: 'hotel' };
const march = (day: number, hour = 2) => Date.UTC(2026, 2, day, hour);

describe('the public portal in Chromium: case progress, service guide, rankings, complaints and ratings', { timeout: 240_000 }, () => {
  let stack: WebStack;
  let clerk: string;
  let supervisor: string;
  const act = async (caseNo: string, action: string, body: object = {}) => {
    const answer = await stack.api.call(`/cases/${caseNo}/actions/${action}`, { token: clerk, body, headers: { 'idempotency-key': randomUUID() } });
    expect(answer.status, `${action}: ${JSON.stringify(answer.body)}`).toBe(200);
  };
  const staff = async (path: string, body: object) => {
    const answer = await stack.api.call(path, { token: supervisor, body, headers: { 'idempotency-key': randomUUID() } });
    expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
  };

  beforeAll(async () => {
    stack = await WebStack.start();
    const admin = await stack.api.adminToken();
    for (const [code, name] of [['health', '市卫生健康委'], ['police', '市公安局']]) {
      expect((await stack.api.call('/departments', { token: admin, body: { code, name } })).status).toBe(201);
    }
    const tokens = await stack.api.people(admin, [
      { username: 'clerk-wang', roles: ['clerk'], department: DEPARTMENT, positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] },
      { username: 'inspector-zhao', roles: ['supervisor'] },
    ]);
    const draft = await stack.api.call(`/definitions/${ITEM}/draft`, { method: 'PUT', token: admin, body: { definition: fixture } });
    expect(draft.status).toBe(200);
    expect((await stack.api.call(`/definitions/${ITEM}/publish`, { token: admin, body: { revision: draft.body.revision } })).status).toBe(201);
    clerk = tokens['clerk-wang'] as string;
    supervisor = tokens['inspector-zhao'] as string;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('opens from the login page; a case waiting for a supplement shows its clock paused for 补正, a wrong code the not-found message', async () => {
    const started = await stack.api.call('/cases', { token: clerk, body: { itemCode: ITEM, applicant: { name: '张三' }, data: form } });
    expect(started.status).toBe(201);
    const { caseNo, queryCode } = started.body as { caseNo: string; queryCode: string };
    await act(caseNo, 'accept', { comment: '材料齐全' });
    await act(caseNo, 'supplement-notice', { materials: ['公共场所卫生检测报告'] });

    const { page, errors } = await stack.page();
    await page.goto(stack.url);
    await page.getByTestId('portal-link').click();
    await eventually(() => new URL(page.url()).pathname).toBe('/public');
    await page.getByRole('link', { name: '办件查询' }).first().click();

    // A wrong code: the message stands beside the query code, and what was typed stays.
    await page.getByLabel('办件编号').fill(caseNo);
    await page.getByLabel('查询码').fill('WRONG234');
    await page.getByTestId('lookup-submit').click();
    await eventually(() => page.getByTestId('error-queryCode').textContent(), { timeout: 20_000 }).toBe('没有找到该办件:请核对办件编号和查询码。');
    expect(await page.getByLabel('办件编号').inputValue()).toBe(caseNo);
    expect(await page.getByLabel('查询码').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('case-progress').count()).toBe(0);

    await page.getByLabel('查询码').fill(queryCode);
    await page.getByTestId('lookup-submit').click();
    const clock = page.getByTestId('public-clock');
    await eventually(() => clock.getAttribute('data-state'), { timeout: 20_000 }).toBe('paused');
    expect(await page.getByTestId('error-queryCode').count()).toBe(0);
    expect(await page.getByTestId('clock-state').textContent()).toMatch(/^暂停.补正.自 \d{4}.+ 起.$/);
    expect(await page.getByTestId('clock-used').textContent()).toBe('0 / 10');
    expect(await page.getByTestId('clock-remaining').textContent()).toBe('10');
    expect(await page.getByTestId('clock-limits').textContent()).toContain('承诺 10 个工作日 / 法定 20 个工作日');
    expect(await page.getByTestId('clock-pauses').textContent()).toMatch(/^补正\(其他\).\d{4}.+ 至 至今$/);
    expect(await page.getByTestId('progress-status').textContent()).toBe('补正中');
    expect(await page.getByTestId('progress-steps').textContent()).toBe('承办(材料审查)');
    expect(await page.getByTestId('progress-deadline').textContent()).toBe('暂停期间待定,恢复计时后重新计算');
    expect(await page.getByTestId('progress-accepted').textContent()).not.toBe('—');
    // No personal data reaches the page.
    expect(await page.getByTestId('case-progress').textContent()).not.toMatch(/张三|杭州某某酒店|clerk-wang/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'portal-case-progress.png'), fullPage: true });

    // On a phone: nothing wider than the screen.
    await page.setViewportSize({ width: 375, height: 812 });
    await eventually(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'portal-case-progress-375.png'), fullPage: true });

    // The supplement arrives: the clock runs again and the deadlines are set.
    await act(caseNo, 'supplement-received');
    await page.getByTestId('lookup-submit').click();
    await eventually(() => clock.getAttribute('data-state'), { timeout: 20_000 }).toBe('running');
    expect(await page.getByTestId('progress-deadline').textContent()).toMatch(/\d{4}/);
    expect(errors).toEqual([]);
  });

  it('lists the published items, filters them and opens one guide (signed in, the portal is the same)', async () => {
    const { page, errors } = await stack.page();
    await stack.signIn(page, 'clerk-wang', PASSWORD);
    await page.goto(`${stack.url}public/items`);
    await eventually(() => page.getByTestId('portal-brand').count()).toBe(1);
    expect(await page.getByTestId('user-name').count()).toBe(0);
    const entry = page.locator(`[data-testid="catalogue"] [data-item="${ITEM}"]`);
    await eventually(() => entry.count(), { timeout: 20_000 }).toBe(1);
    expect(await entry.textContent()).toContain('公共场所卫生许可证核发');
    expect(await entry.textContent()).toContain('承诺 10 / 法定 20 个工作日');

    await page.getByTestId('filter-category').selectOption('penalty');
    await eventually(() => page.getByTestId('catalogue-empty').count()).toBe(1);
    await page.getByTestId('filter-category').selectOption('administrative-licence');
    await page.getByTestId('filter-department').selectOption(DEPARTMENT);
    await page.getByLabel('事项名称').fill('卫生许可');
    await page.getByRole('button', { name: '筛选' }).click();
    await eventually(() => entry.count()).toBe(1);
    await page.getByLabel('事项名称').fill('不存在的事项');
    await page.getByRole('button', { name: '筛选' }).click();
    await eventually(() => page.getByTestId('catalogue-empty').count()).toBe(1);
    await page.getByLabel('事项名称').fill('');
    await page.getByRole('button', { name: '筛选' }).click();
    await entry.getByRole('link').click();

    const guide = page.getByTestId('item-guide');
    await eventually(() => guide.locator('h1').textContent(), { timeout: 20_000 }).toBe('公共场所卫生许可证核发');
    expect(await page.getByTestId('guide-promised').textContent()).toBe('10 个工作日');
    expect(await page.getByTestId('guide-statutory').textContent()).toBe('20 个工作日');
    expect(await page.getByTestId('guide-conditions').locator('li').count()).toBe(fixture.item.catalogue.conditions.length);
    expect(await page.getByTestId('guide-materials').locator('tbody tr').count()).toBe(fixture.item.catalogue.materials.length);
    expect(await page.getByTestId('guide-steps').textContent()).toContain('受理');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'portal-item-guide.png'), fullPage: true });
    // The session was kept all along: the staff link leads back to the clerk's own pages.
    await page.getByRole('link', { name: '工作人员登录' }).click();
    await eventually(() => page.getByTestId('user-name').textContent()).toBe('clerk-wang');
    expect(errors).toEqual([]);
  });

  it('shows the empty state until a ranking is published, then the published ranking', async () => {
    const { page, errors } = await stack.page();
    await page.goto(`${stack.url}public/rankings`);
    await eventually(() => page.getByTestId('rankings-empty').textContent(), { timeout: 20_000 }).toBe('暂无已公布的测评结果。');

    // March 2026: health has a late case with a yellow and a red card; police an early case and an upheld, rated complaint.
    const deps = { db: stack.api.db, utcOffsetMinutes: 480 };
    await recordCaseEvents(deps, recordedCase({ caseNo: 'H-1', department: 'health', at: march(10), late: true, cards: ['yellowCard', 'redCard'], workingDaysUsed: 25 }));
    await recordCaseEvents(deps, recordedCase({ caseNo: 'H-2', department: 'health', at: march(11), workingDaysUsed: 4 }));
    await recordCaseEvents(deps, recordedCase({ caseNo: 'P-1', department: 'police', at: march(12), workingDaysUsed: 6 }));
    await recordDepartmentFact(stack.api.db, { id: 'C-1:registered', at: march(13), department: 'police', counters: ['complaints'] });
    await recordDepartmentFact(stack.api.db, { id: 'C-1:responded', at: march(13, 5), department: 'police', counters: ['complaintsRespondedInTime'] });
    await recordDepartmentFact(stack.api.db, { id: 'C-1:concluded', at: march(20), department: 'police', counters: ['complaintsConcluded', 'complaintsUpheld'] });
    await recordDepartmentFact(stack.api.db, { id: 'C-1:rated', at: march(21), department: 'police', counters: ['ratings'], sums: { satisfaction: 4 } });
    const evaluated = await stack.api.call('/evaluations', { token: supervisor, body: { period: '2026-03', wait: true, publish: true } });
    expect(evaluated.status, JSON.stringify(evaluated.body)).toBeLessThan(300);
    await eventually(async () => (await stack.api.call('/public/rankings')).body.ranking.length, { timeout: 30_000 }).toBe(2);

    await page.reload();
    const ranking = page.getByTestId('ranking');
    await eventually(() => ranking.locator('tbody tr').count(), { timeout: 20_000 }).toBe(2);
    expect(await ranking.getAttribute('data-period')).toBe('2026-03');
    // police 80.35 first; health 55.5 (a late case, a yellow and a red card) second: indicators with
    // nothing to measure are left out and the rest reweighted (test/e2e/evaluation.test.ts works them out).
    const rows = await ranking.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-department')));
    expect(rows).toEqual(['police', 'health']);
    expect(await page.getByTestId('public-score-police').textContent()).toBe('80.35');
    expect(await page.getByTestId('public-score-health').textContent()).toBe('55.5');
    expect(await ranking.textContent()).toContain('市卫生健康委');
    expect(await ranking.textContent()).toContain('市公安局');

    // Another period: none published.
    await page.getByLabel('测评期间').fill('2025-Q4');
    await page.getByRole('button', { name: '查看' }).click();
    await eventually(() => page.getByTestId('rankings-empty').textContent()).toBe('2025-Q4 暂无已公布的测评结果。');
    await page.getByLabel('测评期间').fill('March');
    await page.getByRole('button', { name: '查看' }).click();
    await eventually(() => page.getByTestId('error-period').textContent()).toContain('期间格式不正确');
    await page.getByRole('button', { name: '最新一期' }).click();
    await eventually(() => ranking.locator('tbody tr').count()).toBe(2);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'portal-rankings.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('files a complaint through the form, then after its conclusion shows its status and takes the rating', async () => {
    const { page, errors } = await stack.page();
    await page.goto(`${stack.url}public/complaints/new`);
    await page.getByLabel('您的姓名').fill('李四');
    await page.getByLabel('联系电话(选填)').fill('call me');
    await page.getByLabel('投诉内容').fill('窗口提前半小时下班,两次都没办成。');
    await page.getByTestId('complaint-submit').click();
    // The API refuses the phone number: the message stands beside it, and nothing typed is lost.
    await eventually(() => page.getByTestId('error-phone').textContent(), { timeout: 20_000 }).toContain('电话号码格式不正确');
    expect(await page.getByLabel('您的姓名').inputValue()).toBe('李四');
    expect(await page.getByLabel('投诉内容').inputValue()).toBe('窗口提前半小时下班,两次都没办成。');
    expect(await page.getByTestId('error-content').count()).toBe(0);

    await page.getByLabel('联系电话(选填)').fill('13900000000');
    await page.getByTestId('complaint-submit').click();
    const receipt = page.getByTestId('complaint-receipt');
    await eventually(() => receipt.count(), { timeout: 20_000 }).toBe(1);
    const complaintNo = (await page.getByTestId('receipt-no').textContent()) ?? '';
    const queryCode = (await page.getByTestId('receipt-code').textContent()) ?? '';
    expect(complaintNo).toMatch(/^TS\d{14}$/);
    expect(queryCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(await receipt.textContent()).toContain('请务必记下');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'portal-complaint-receipt.png'), fullPage: true });

    // Staff handle it: transferred to the department, answered, concluded.
    await staff(`/complaints/${complaintNo}/transfer`, { department: DEPARTMENT });
    await staff(`/complaints/${complaintNo}/respond`, { message: '已电话联系并致歉' });
    await staff(`/complaints/${complaintNo}/conclude`, { result: '已对窗口人员批评教育并调整排班', finding: 'substantiated' });
    await eventually(async () => (await stack.api.call(`/public/complaints/${complaintNo}?queryCode=${queryCode}`)).body.status, { timeout: 20_000 }).toBe('concluded');

    await page.getByTestId('receipt-status').click();
    const status = page.getByTestId('complaint-status');
    await eventually(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('concluded');
    expect(await page.getByTestId('complaint-result').textContent()).toBe('已对窗口人员批评教育并调整排班');
    expect(await status.textContent()).not.toContain('13900000000');

    // No score chosen: the message stands beside the scores.
    await page.getByLabel('评价意见(选填)').fill('处理及时');
    await page.getByTestId('rating-submit').click();
    await eventually(() => page.getByTestId('error-score').textContent()).toBe('请选择 1–5 分。');
    await page.getByTestId('score-4').check();
    expect(await page.getByLabel('评价意见(选填)').inputValue()).toBe('处理及时');
    await page.getByTestId('rating-submit').click();
    await eventually(() => page.getByTestId('rating-done').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('complaint-rating').textContent()).toBe('4 分(满分 5 分)');
    expect(await page.getByTestId('rating-form').count()).toBe(0);

    // The rating is stored: the public status and the staff view have it.
    await eventually(async () => (await stack.api.call(`/public/complaints/${complaintNo}?queryCode=${queryCode}`)).body.rating, { timeout: 20_000 }).toBe(4);
    const detail = await stack.api.call(`/complaints/${complaintNo}`, { token: supervisor });
    expect(detail.body.complaint.rating).toBe(4);
    if (detail.body.live) expect(detail.body.live.rating).toMatchObject({ score: 4, comment: '处理及时' });

    // Looked up again with the code typed in, a rated complaint has no rating form.
    await page.goto(`${stack.url}public/complaints`);
    await page.getByLabel('投诉编号').fill(complaintNo);
    await page.getByLabel('查询码').fill('WRONG234');
    await page.getByTestId('complaint-lookup-submit').click();
    await eventually(() => page.getByTestId('error-queryCode').textContent(), { timeout: 20_000 }).toBe('没有找到该投诉:请核对投诉编号和查询码。');
    await page.getByLabel('查询码').fill(queryCode);
    await page.getByTestId('complaint-lookup-submit').click();
    await eventually(() => page.getByTestId('complaint-rating').textContent(), { timeout: 20_000 }).toBe('4 分(满分 5 分)');
    expect(await page.getByTestId('rating-form').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'portal-complaint-status.png'), fullPage: true });

    // In English, with the same shape.
    await page.getByTestId('language-switch').click();
    await eventually(() => page.getByRole('navigation').getByRole('link', { name: 'Case progress' }).count()).toBe(1);
    expect(await page.getByTestId('complaint-state').textContent()).toBe('Concluded');
    expect(errors).toEqual([]);
  });
});
