import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCaseEvents } from '../../activities/record';
import { definitionFixtures } from '../fixtures/definitions';
import { SCREENSHOT_DIR } from '../support/browser';
import { recordedCase } from '../support/case-records';
import { eventually, PASSWORD, WebStack } from './web-stack';

const DAY = 86_400_000;
const fixture = definitionFixtures['sequential-licence'];
const ITEM = fixture.item.code;
const DEPARTMENT = fixture.item.department;
const DEPARTMENT_NAME = '市卫生健康委员会';
const acceptStep = fixture.nodes.find((n) => n.id === 'accept');

/** A case recorded as the workflow records it: open at a level with its alerts, or concluded. */
function recorded(caseNo: string, cards: ('warning' | 'yellowCard' | 'redCard')[], deadline: number, open = true) {
  const c = recordedCase({ caseNo, department: DEPARTMENT, at: Date.now() - 2 * DAY, cards });
  if (!open) return c;
  const events = c.events.slice(0, -1);
  return { events, readModel: { ...c.readModel, seq: events.length, status: 'processing' as const, outcome: null, concludedAt: null, onTime: null, deadline } };
}

describe("lists in Chromium: the clerk's worklists and the supervisor's board", { timeout: 240_000 }, () => {
  let stack: WebStack;
  let waiting: string;
  let accepted: string;
  beforeAll(async () => {
    stack = await WebStack.start();
    const admin = await stack.api.adminToken();
    await stack.api.call('/departments', { token: admin, body: { code: DEPARTMENT, name: DEPARTMENT_NAME } });
    await stack.api.holders(admin, fixture);
    const draft = await stack.api.call(`/definitions/${ITEM}/draft`, { method: 'PUT', token: admin, body: { definition: fixture } });
    expect((await stack.api.call(`/definitions/${ITEM}/publish`, { token: admin, body: { revision: draft.body.revision } })).status).toBe(201);
    const t = await stack.api.people(admin, [
      { username: 'clerk-zhao', roles: ['clerk'], department: DEPARTMENT, positions: ['acceptor'] },
      { username: 'supervisor-qian', roles: ['supervisor'] },
    ]);
    const start = async (name: string) => {
      const form = { applicantName: name, creditCode: '91330100MA2B3C4D5E', premisesAddress: '杭州市西湖区文三路 1 号', businessType: 'hotel' };
      const answer = await stack.api.call('/cases', { token: t['clerk-zhao'], body: { itemCode: ITEM, applicant: { name }, data: form } });
      expect(answer.status).toBe(201);
      return answer.body.caseNo as string;
    };
    waiting = await start('钱塘江大酒店');
    accepted = await start('西湖宾馆有限公司');
    const accept = await stack.api.call(`/cases/${accepted}/actions/accept`, { token: t['clerk-zhao'], body: {}, headers: { 'idempotency-key': 'e2e-lists-accept' } });
    expect(accept.status).toBe(200);
    const now = Date.now();
    for (const c of [
      recorded('SL2026090001', ['warning'], now + DAY),
      recorded('SL2026090002', ['warning', 'yellowCard', 'redCard'], now - 5 * DAY),
      recorded('SL2026090003', ['warning', 'yellowCard'], now - DAY),
      recorded('SL2026090004', [], now, false),
    ]) {
      await recordCaseEvents({ db: stack.api.db, utcOffsetMinutes: 480 }, c);
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const rows = (page: Page, table: string) => page.locator(`[data-testid="${table}"] tbody tr`);
  const caseNos = async (page: Page, table: string) => (await rows(page, table).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case'))));

  it('a clerk finds a case in each worklist by part of its number and by its applicant', async () => {
    const { page, errors } = await stack.page();
    await stack.signIn(page, 'clerk-zhao', PASSWORD);
    await eventually(() => page.url()).toContain('/workbench');
    await eventually(() => page.title()).toBe('我的待办 - Sunlight 阳光电子监察');
    await eventually(() => page.getByTestId('worklist-todo-count').textContent(), { timeout: 20_000 }).toBe('1');
    expect(await page.getByTestId('worklist-done-count').textContent()).toBe('1');
    expect(await page.getByTestId('worklist-department-count').textContent()).toBe('5');
    expect(await page.getByTestId('worklist-concluded-count').textContent()).toBe('1');

    const search = page.getByTestId('tasks-search');
    const findIn = async (list: string, byNumber: string, byApplicant: string, expected: string) => {
      await page.getByTestId(`worklist-${list}`).click();
      for (const q of [byNumber, byApplicant]) {
        await search.fill(q);
        await eventually(() => caseNos(page, 'my-tasks'), { timeout: 20_000 }).toEqual([expected]);
      }
    };
    await findIn('todo', waiting.slice(4), '钱塘', waiting);
    // Accepted, the case has left 待办 for the next position, and is found under 已办.
    await findIn('done', accepted.slice(3), '西湖宾馆', accepted);
    await findIn('department', accepted.slice(4), '宾馆有限', accepted);
    await findIn('concluded', '0900', 'applicant', 'SL2026090004');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'worklists-concluded.png'), fullPage: true });
    // The tab counts follow the search.
    await search.fill('钱塘');
    await eventually(() => page.getByTestId('worklist-todo-count').textContent()).toBe('1');
    await eventually(() => page.getByTestId('worklist-done-count').textContent()).toBe('0');
    expect(errors).toEqual([]);
  });

  it('a supervisor sorts and filters the board, acknowledges alerts in bulk and exports statistics', async () => {
    const { page, errors } = await stack.page();
    await stack.signIn(page, 'supervisor-qian', PASSWORD);
    await eventually(() => page.url()).toContain('/console');
    await eventually(() => page.title()).toBe('监察台 - Sunlight 阳光电子监察');

    // Most urgent first: red, yellow, warning, then the nearest deadline; the concluded case last.
    await eventually(() => caseNos(page, 'case-board'), { timeout: 20_000 }).toEqual(
      expect.arrayContaining(['SL2026090002', 'SL2026090003', 'SL2026090001', 'SL2026090004']),
    );
    const board = await caseNos(page, 'case-board');
    expect(board.slice(0, 3)).toEqual(['SL2026090002', 'SL2026090003', 'SL2026090001']);
    expect(board.at(-1)).toBe('SL2026090004');
    // Concluded cases are counted at no level.
    expect(await page.getByTestId('level-red').textContent()).toContain('1');
    await eventually(() => page.getByTestId('level-normal').textContent()).toContain('2');
    await page.getByTestId('board-sort').selectOption('newest');
    await eventually(async () => (await caseNos(page, 'case-board'))[0]).not.toBe('SL2026090002');

    // Filters by department, item and step: names shown, codes sent.
    await page.getByTestId('board-department').selectOption({ label: DEPARTMENT_NAME });
    await page.getByTestId('board-item').selectOption({ label: fixture.item.name });
    await page.getByTestId('board-step').selectOption({ label: acceptStep?.name ?? '' });
    await eventually(() => caseNos(page, 'case-board')).toEqual([waiting]);
    await page.getByTestId('board-step').selectOption('');
    await page.getByTestId('board-search').fill(accepted.slice(5));
    await eventually(() => caseNos(page, 'case-board')).toEqual([accepted]);
    expect(await rows(page, 'case-board').first().textContent()).toContain(DEPARTMENT_NAME);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'board-filtered.png'), fullPage: true });

    // Bulk acknowledgement: each alert its own logged acknowledgement.
    const feed = page.locator('[data-testid="alert-feed"] li');
    await eventually(() => feed.count()).toBe(6);
    await eventually(() => page.locator('[data-testid="alert-department"]').first().textContent()).toContain(DEPARTMENT_NAME);
    await page.getByTestId('feed-level').selectOption('red');
    await eventually(() => feed.count()).toBe(1);
    await page.getByTestId('feed-level').selectOption('');
    await page.getByTestId('feed-sort').selectOption('oldest');
    await eventually(() => feed.count()).toBe(6);
    await page.getByTestId('select-all').click();
    await page.getByTestId('acknowledge-selected').click();
    await eventually(() => page.getByTestId('bulk-result').textContent()).toContain('已签收 6 条');
    await eventually(() => page.locator('[data-testid="alert-feed"] .is-acknowledged').count()).toBe(6);
    const supervisor = await stack.api.login('supervisor-qian', PASSWORD);
    const log = await stack.api.call('/supervision-log?action=alert.acknowledge&limit=50', { token: supervisor });
    expect(log.status).toBe(200);
    expect((log.body.records as unknown[]).length).toBe(6);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'board-acknowledged.png'), fullPage: true });

    // Statistics from the page, as CSV and as XLSX.
    await page.getByRole('link', { name: '统计分析' }).click();
    await eventually(() => page.title()).toBe('统计分析 - Sunlight 阳光电子监察');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/^statistics-department-.+\.csv$/);
    const text = await readFile(await csv.path(), 'utf8');
    expect(text).toContain(DEPARTMENT);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect((await readFile(await xlsx.path())).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(errors).toEqual([]);
  });
});
