import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionFixtures } from '../fixtures/definitions';
import { SCREENSHOT_DIR } from '../support/browser';
import { eventually, PASSWORD, WebStack } from './web-stack';

const DAY = 86_400_000;
const fixture = definitionFixtures['sequential-licence'];
const ITEM = fixture.item.code;
const DEPARTMENT = fixture.item.department;

describe('cases in Chromium: the clerk workbench and the supervision console', { timeout: 180_000 }, () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await WebStack.start();
    const admin = await stack.api.adminToken();
    await stack.api.holders(admin, fixture);
    const draft = await stack.api.call(`/definitions/${ITEM}/draft`, { method: 'PUT', token: admin, body: { definition: fixture } });
    expect(draft.status).toBe(200);
    const published = await stack.api.call(`/definitions/${ITEM}/publish`, { token: admin, body: { revision: draft.body.revision } });
    expect(published.status).toBe(201);
    await stack.api.people(admin, [
      { username: 'clerk-wang', roles: ['clerk'], department: DEPARTMENT, positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] },
      { username: 'supervisor-li', roles: ['supervisor'] },
    ]);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a clerk registers an application, opens it from the workbench and takes it to its conclusion; a refused action shows why', async () => {
    const { page, errors } = await stack.page();
    await stack.signIn(page, 'clerk-wang', PASSWORD);
    await eventually(() => page.url()).toContain('/workbench');

    // 收件: the application form is drawn from the item's form schema.
    await page.getByTestId('new-application').click();
    await page.getByTestId('application-item').selectOption(ITEM);
    await page.getByTestId('applicant-name').fill('杭州某某酒店有限公司');
    await page.getByTestId('form-applicantName').fill('杭州某某酒店有限公司');
    await page.getByTestId('form-creditCode').fill('bad code');
    await page.getByTestId('form-premisesAddress').fill('杭州市西湖区文三路 1 号');
    await page.getByTestId('form-businessType').selectOption('hotel');
    await page.getByTestId('submit-application').click();
    await eventually(() => page.getByTestId('error-creditCode').textContent()).toMatch(/应当匹配模式/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'workbench-application.png'), fullPage: true });
    await page.getByTestId('form-creditCode').fill('91330100MA2B3C4D5E');
    await page.getByTestId('submit-application').click();
    await eventually(() => page.url()).toMatch(/\/cases\/SL\d+/);
    // Registration lands on the receipt (/cases/{no}/receipt).
    const caseNo = decodeURIComponent(/\/cases\/(SL\d+)/.exec(page.url())?.[1] ?? '');

    await page.getByRole('link', { name: '工作台' }).click();
    const row = page.locator(`[data-testid="my-tasks"] tr[data-case="${caseNo}"]`);
    await row.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'workbench-tasks.png') });
    await row.getByRole('link', { name: caseNo }).click();

    // The clerk sees the case's process graph: the step it stands at, then the steps it passed.
    const active = page.locator('[data-testid="case-graph"] .process-node.mark-active');
    await eventually(() => active.getAttribute('data-node-id'), { timeout: 20_000 }).toBe('accept');
    const status = page.getByTestId('case-status');
    await page.getByTestId('action-accept').click();
    await eventually(() => status.textContent(), { timeout: 20_000 }).toBe('办理中');
    await eventually(() => page.getByTestId('case-position').textContent()).toBe('承办(材料审查)');
    await eventually(() => active.getAttribute('data-node-id')).toBe('undertake');
    await eventually(() => page.locator('[data-testid="case-graph"] .process-node.mark-done[data-node-id="accept"]').count()).toBe(1);

    // The graph offers the step's own actions only: 承办 has no 批准 edge.
    await page.getByTestId('complete-undertake-complete').waitFor();
    expect(await page.getByTestId('complete-undertake-approve').count()).toBe(0);
    // 承办 declares no special procedure: the case refuses and says why.
    await page.getByTestId('action-reason').fill('需要专家论证');
    await page.getByRole('button', { name: '启动特别程序' }).click();
    await eventually(() => page.getByTestId('action-result').textContent()).toMatch(/^操作被拒绝:.+/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'workbench-refused.png') });

    for (const [nodeId, action, next] of [
      ['undertake', 'complete', '审核'],
      ['review', 'complete', '批准'],
      ['approve', 'approve', '办结(制证送达)'],
    ] as const) {
      await page.getByTestId(`complete-${nodeId}-${action}`).click();
      await eventually(() => page.getByTestId('case-position').textContent(), { timeout: 20_000 }).toBe(next);
    }
    await page.getByTestId('complete-conclude-complete').click();
    await eventually(() => status.textContent(), { timeout: 20_000 }).toBe('已办结');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'workbench-concluded.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('a registration whose answer is lost, sent again, starts one case and shows its receipt', async () => {
    const { page, errors } = await stack.page();
    await stack.signIn(page, 'clerk-wang', PASSWORD);
    await page.getByTestId('new-application').click();
    await page.getByTestId('application-item').selectOption(ITEM);
    const applicant = '答复丢失测试有限公司';
    await page.getByTestId('applicant-name').fill(applicant);
    await page.getByTestId('form-applicantName').fill(applicant);
    await page.getByTestId('form-creditCode').fill('91330100MA2B3C4D5F');
    await page.getByTestId('form-premisesAddress').fill('杭州市西湖区文三路 2 号');
    await page.getByTestId('form-businessType').selectOption('hotel');
    // The first registration reaches the API, which starts the case; its answer is lost.
    let started: string | null = null;
    await page.route('**/api/v1/cases', async (route) => {
      if (started !== null || route.request().method() !== 'POST') return route.continue();
      const answer = await route.fetch();
      started = ((await answer.json()) as { caseNo: string }).caseNo;
      return route.abort('connectionreset');
    });
    await page.getByTestId('submit-application').click();
    await eventually(() => page.getByRole('alert').first().textContent()).toContain('未收到服务器答复');
    expect(started).toMatch(/^SL\d+/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'workbench-application-answer-lost.png'), fullPage: true });
    // The clerk clicks again: the same registration under the same key answers the case it started.
    await page.getByTestId('submit-application').click();
    await eventually(() => page.url()).toContain(`/cases/${started}/receipt`);
    const admin = await stack.api.adminToken();
    const listed = async () => ((await stack.api.call(`/cases?q=${encodeURIComponent(applicant)}`, { token: admin })).body as { items: { caseNo: string }[] }).items.map((c) => c.caseNo);
    await eventually(listed, { timeout: 20_000 }).toEqual([started]);
    expect(errors).toEqual([]);
  });

  it('a case accepted long ago shows its red card on the console; the supervisor opens it and urges it', async () => {
    // An external system reports a case it accepted 30 days ago: every threshold is already due.
    const admin = await stack.api.adminToken();
    const system = await stack.api.call('/external-systems', { token: admin, body: { systemId: 'county-hall', name: '县政务服务中心', departments: [DEPARTMENT] } });
    expect(system.status).toBe(201);
    const longAgo = Date.now() - 30 * DAY;
    const event = (type: string, at: number, seq: number) => ({
      eventId: `late-${seq}`, caseNo: 'X2026-0001', itemCode: ITEM, type, sequence: seq, occurredAt: new Date(at).toISOString(),
      ...(seq === 1 ? { applicant: { name: '某某浴场' }, data: {} } : {}),
    });
    const pushed = await stack.api.call('/ingest/events', {
      headers: { 'x-api-key': system.body.apiKey as string },
      body: { events: [event('submitted', longAgo, 1), event('accepted', longAgo + 3_600_000, 2)] },
    });
    expect(pushed.status).toBe(200);
    expect(pushed.body.accepted).toBe(2);
    const caseNo = pushed.body.results[0].caseNo as string;

    const { page, errors } = await stack.page();
    await stack.signIn(page, 'supervisor-li', PASSWORD);
    await eventually(() => page.url()).toContain('/console');
    const row = page.locator(`[data-testid="case-board"] tr[data-case="${caseNo}"]`);
    await eventually(async () => (await row.count()) > 0 && (await row.locator('.light').getAttribute('data-level')), { timeout: 30_000 }).toBe('red');
    await eventually(() => page.locator('[data-testid="alert-feed"] .alert--red').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'console-board.png') });

    // Filter to red cards only, then open the case.
    await page.getByRole('button', { name: /红牌/ }).first().click();
    await eventually(() => page.locator('[data-testid="case-board"] tbody tr').count()).toBe(1);
    await row.getByRole('link', { name: caseNo }).click();
    await eventually(() => page.locator('.process-node.mark-active').count(), { timeout: 20_000 }).toBe(1);
    await eventually(() => page.getByTestId('clock-remaining').textContent()).toMatch(/超期/);
    await page.getByTestId('urge').click();
    await eventually(() => page.getByText('已催办。').count()).toBe(1);
    await eventually(() => page.getByTestId('timeline').textContent(), { timeout: 20_000 }).toContain('催办:请加快办理。');
    // Timeline and alert cards speak the reader's language, from the events' data.
    const caseTimeline = await page.getByTestId('timeline').textContent();
    expect(caseTimeline).toContain('红牌:亮黄牌后宽限期满仍未办结');
    expect(caseTimeline).not.toMatch(/urged by|overdue by|accepted \(受理\)/);
    await eventually(() => page.locator('[data-testid="alert-feed"] [data-testid="alert-reason"]').allTextContents()).toContain('亮黄牌后宽限期满仍未办结');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'console-case-detail.png'), fullPage: true });

    await page.getByTestId('open-order').click();
    // The outcome line shows the API's refusal when opening fails, so a failure names its cause.
    const outcome = page.locator('section[aria-labelledby="supervise-title"] p.status');
    await eventually(() => outcome.textContent(), { timeout: 30_000 }).toBe('已发出督办单。');

    // Acknowledge an alert from the feed.
    await page.getByRole('link', { name: '监察台' }).click();
    const buttons = page.locator('[data-testid="alert-feed"] [data-testid="acknowledge"]');
    await buttons.first().waitFor();
    const before = await buttons.count();
    await buttons.first().click();
    await eventually(() => buttons.count()).toBe(before - 1);
    await eventually(() => page.locator('[data-testid="alert-feed"] .is-acknowledged').count()).toBe(1);

    // Statistics of the period, from the rollups the cases above wrote.
    await page.getByRole('link', { name: '统计分析' }).click();
    const charts = page.getByTestId('charts-department');
    await eventually(() => charts.locator('.recharts-bar-rectangle').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'console-statistics.png'), fullPage: true });

    // The console on a tablet, in English.
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.getByTestId('language-switch').click();
    await page.getByRole('link', { name: 'Supervision console' }).click();
    await eventually(() => page.locator(`[data-testid="case-board"] tr[data-case="${caseNo}"] .light`).textContent()).toBe('Red card');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'console-tablet-en.png') });
    expect(errors).toEqual([]);
  });
});
