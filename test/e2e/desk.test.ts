import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supervisionLogModel } from '../../db/models/supervision-log';
import { definitionFixtures } from '../fixtures/definitions';
import { SCREENSHOT_DIR } from '../support/browser';
import { eventually, PASSWORD, WebStack } from './web-stack';

const fixture = definitionFixtures['sequential-licence'];
const ITEM = fixture.item.code;
const DEPARTMENT = fixture.item.department;
const form = { applicantName: '杭州西湖宾馆有限公司', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州市西湖区曙光路 1 号', businessType: 'hotel' };

describe('the supervisor\'s desk in Chromium', { timeout: 240_000 }, () => {
  let stack: WebStack;
  let tokens: Record<string, string>;
  beforeAll(async () => {
    stack = await WebStack.start();
    const admin = await stack.api.adminToken();
    expect((await stack.api.call('/departments', { token: admin, body: { code: DEPARTMENT, name: '市卫生健康委员会' } })).status).toBe(201);
    tokens = await stack.api.people(admin, [
      { username: 'supervisor-zhou', roles: ['supervisor'] },
      { username: 'auditor-wu', roles: ['auditor'] },
      { username: 'clerk-zhao', roles: ['clerk'], department: DEPARTMENT, positions: ['acceptor'] },
      { username: 'officer-qian', roles: ['department-officer'], department: DEPARTMENT },
    ]);
    await stack.api.holders(admin, fixture);
    const draft = await stack.api.call(`/definitions/${ITEM}/draft`, { method: 'PUT', token: admin, body: { definition: fixture } });
    expect(draft.status).toBe(200);
    const published = await stack.api.call(`/definitions/${ITEM}/publish`, { token: admin, body: { revision: draft.body.revision } });
    expect(published.status).toBe(201);
  });

  /** A supervisor opens an order on a new case: the workflow sends the department's officer a notice. */
  async function openOrder(): Promise<string> {
    const started = await stack.api.call('/cases', { token: tokens['clerk-zhao'], body: { itemCode: ITEM, applicant: { name: '某宾馆' }, data: form } });
    expect(started.status).toBe(201);
    const opened = await stack.api.call('/supervision-orders', {
      token: tokens['supervisor-zhou'], body: { caseNo: started.body.caseNo, title: '受理延误', requirement: '请说明原因。', responseDays: 3 },
    });
    expect(opened.status).toBe(201);
    return started.body.caseNo as string;
  }

  it('the inbox shows a message that arrives while it is open, counts it in the header, and is read and cleared', async () => {
    const { page, errors } = await stack.page();
    await stack.signIn(page, 'officer-qian', PASSWORD);
    await page.getByTestId('inbox-link').click();
    await eventually(() => page.title()).toBe('消息中心 - Sunlight 阳光电子监察');
    await eventually(() => page.getByText('没有消息。').count()).toBe(1);
    expect(await page.getByTestId('unread-count').count()).toBe(0);

    // Two messages arrive while the page is open: no reload, the poll brings them.
    const first = await openOrder();
    const second = await openOrder();
    const rows = page.locator('[data-testid="inbox-list"] tbody tr');
    await eventually(() => rows.count(), { timeout: 40_000 }).toBe(2);
    await eventually(() => page.getByTestId('unread-count').textContent()).toBe('2');
    const text = await page.getByTestId('inbox-list').textContent();
    expect(text).toContain(`办件 ${first}:通知`);
    expect(text).toContain(`办件 ${second}:通知`);
    expect(text).toContain('市卫生健康委员会');
    expect(text).not.toMatch(/notice|supervision-office|department-head|health-commission/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'desk-inbox.png'), fullPage: true });

    // Read one: the header counts one; the unread filter keeps the other.
    await page.locator(`tr:has-text("${first}")`).getByTestId('message-read').click();
    await eventually(() => page.getByTestId('unread-count').textContent()).toBe('1');
    await page.getByTestId('inbox-unread-only').check();
    await eventually(async () => (await rows.allTextContents()).join('|')).toContain(second);
    expect(await rows.count()).toBe(1);

    // Its link leads to the case; mark all read clears the header from there.
    await page.getByTestId('inbox-read-all').click();
    await eventually(() => page.getByTestId('unread-count').count()).toBe(0);
    await eventually(() => page.getByText('没有消息。').count()).toBe(1);
    await page.getByTestId('inbox-unread-only').uncheck();
    await eventually(() => page.getByTestId('message-state').count()).toBe(2);
    await page.getByRole('link', { name: `办件 ${first}:通知` }).click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/cases/${first}`);
    expect(errors).toEqual([]);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('the log page filters the records, verifies the chain, exports it, shows the anchor and names a tampered record', async () => {
    const { page, errors } = await stack.page();
    await stack.signIn(page, 'auditor-wu', PASSWORD);
    await page.getByRole('link', { name: '监察日志', exact: true }).click();
    await eventually(() => page.title()).toBe('监察日志 - Sunlight 阳光电子监察');
    const rows = page.locator('[data-testid="log-list"] tbody tr');
    await eventually(() => rows.count()).toBeGreaterThan(3);
    const body = await page.getByTestId('log-list').textContent();
    expect(body).toContain('新建用户');
    expect(body).toContain('新建部门');
    expect(body).not.toMatch(/user\.create|department\.create|auth\.sign-in/);

    // Filters: one action, then a sequence range.
    await page.getByTestId('log-action').selectOption('department.create');
    await eventually(async () => [...new Set(await page.getByTestId('log-record-action').allTextContents())]).toEqual(['新建部门']);
    await page.getByTestId('log-action').selectOption('');
    await page.getByTestId('log-from').fill('2');
    await page.getByTestId('log-to').fill('3');
    await page.getByRole('button', { name: '筛选' }).click();
    await eventually(async () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-seq')))).toEqual(['3', '2']);

    // The chain is intact, and the anchor is the head's number and hash.
    await page.getByTestId('log-verify').click();
    await eventually(() => page.getByTestId('log-verify-result').textContent()).toMatch(/^哈希链完整:共 \d+ 条记录/);
    const Log = supervisionLogModel(stack.api.db);
    const head = await Log.findOne({}).sort({ _id: -1 }).lean();
    await eventually(() => page.getByTestId('log-anchor-value').textContent()).toBe(`${head?._id}:${head?.hash}`);

    // The export is the endpoint's NDJSON, for the range typed above.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('log-export').click()]);
    const lines = readFileSync((await download.path()) ?? '', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ fromSeq: 2, toSeq: 3, count: 2 });
    expect(lines.slice(1).map((l) => l['seq'])).toEqual([2, 3]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'desk-log-intact.png'), fullPage: true });

    // Someone with database access rewrites who did record 2: the check names that record.
    const two = await Log.findById(2).lean();
    expect(two).not.toBeNull();
    const content = (two?.content ?? '').replace(`"username":"${two?.actorName ?? ''}"`, '"username":"intruder"');
    expect(content).not.toBe(two?.content);
    await Log.updateOne({ _id: 2 }, { $set: { content, actorName: 'intruder' } });
    await page.getByTestId('log-verify').click();
    await eventually(() => page.getByTestId('log-verify-result').locator('p').first().textContent()).toBe('哈希链断裂:发现 1 处问题。');
    const problems = page.getByTestId('log-verify-result').locator('li');
    expect(await problems.allTextContents()).toEqual(['第 2 条记录:哈希与内容不符(记录被改动)']);
    expect(await problems.first().getAttribute('data-problem-seq')).toBe('2');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'desk-log-broken.png'), fullPage: true });
    expect(errors).toEqual([]);

    // Neither a department officer's menu nor the API offers the log to anyone else.
    const { page: officer } = await stack.page();
    await stack.signIn(officer, 'officer-qian', PASSWORD);
    expect(await officer.getByRole('link', { name: '监察日志', exact: true }).count()).toBe(0);
  });
});
