import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseWorkflowId } from '../../config/temporal';
import { defaultCalendar } from '../../domain/calendar/chinese-days';
import { startClock } from '../../domain/clock/transitions';
import { validateDefinition } from '../../domain/definition/validate';
import { CASE_WORKFLOW_NAME, type CaseStartInput } from '../../workflows/case/contract';
import { CLAIM } from '../../workflows/case/rules';
import type { Token } from '../../workflows/case/state';
import { ADMIN, eventually as until } from '../api/harness';
import { definitionFixtures } from '../fixtures/definitions';
import { SCREENSHOT_DIR } from '../support/browser';
import { eventually, PASSWORD, WebStack } from './web-stack';

const licence = definitionFixtures['sequential-licence'];
const definition = validateDefinition(licence).definition!;
const DEPARTMENT = licence.item.department;
const DEPARTMENT_NAME = '市卫生健康委员会';
const DAY = 86_400_000;
/** Codes a page shows by their names: the department, the positions, the people's usernames. */
const CODES = [DEPARTMENT, 'acceptor', 'undertaker', 'reviewer', 'approver', 'zhao.li', 'qian.yu', 'stepsOverdue', 'yellowCards', 'redCards'];

/** The page's text holds the names and none of the codes; a screenshot shows it. */
async function showsNames(page: Page, shot: string, names: string[]) {
  const content = page.locator('#content');
  await eventually(async () => {
    const text = await content.innerText();
    return names.filter((name) => !text.includes(name));
  }).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOT_DIR, shot), fullPage: true });
  const text = await content.innerText();
  for (const code of CODES) expect(text, `the page shows the code ${code}`).not.toMatch(new RegExp(`(^|[^A-Za-z.-])${code.replace('.', '\\.')}($|[^A-Za-z.-])`));
}

describe('accountability to the person in Chromium: 签收, 超时责任倒查 and the item clock rules', { timeout: 300_000 }, () => {
  let stack: WebStack;
  let admin: string;
  const suffix = Date.now().toString(36);
  const [open, late] = ['CLM', 'LATE'].map((p) => `${p}-${suffix}`) as [string, string];
  const ids: Record<string, string> = {};

  const user = async (body: Record<string, unknown>) => {
    const created = await stack.api.call('/users', { token: admin, body: { password: PASSWORD, positions: [], ...body } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  };

  /** A case of the licence at its undertaking step under claims, accepted `acceptedAgo` ms ago, as a run carries it on. */
  const start = async (caseNo: string, acceptedAgo: number, token: Partial<Token> = {}) => {
    const now = Date.now();
    const accepted = now - acceptedAgo;
    const startedAt = token.startedAt ?? now;
    const input: CaseStartInput = {
      caseNo, mode: 'native', definitionRef: { id: definition.item.code, version: 1 }, definition, calendar: defaultCalendar(),
      applicant: { name: '杭州西湖宾馆有限公司' }, data: {}, submittedAt: accepted,
      carried: {
        acceptedAt: accepted, supplementNoticeResolvedAt: accepted, processing: startClock(accepted), rules: [CLAIM],
        tokens: [{ nodeId: 'undertake', stepKey: 'undertake#1', ...token, startedAt }], visits: { accept: 1, undertake: 1 },
        steps: [{ key: 'undertake#1', nodeId: 'undertake', startedAt, limitDays: 3 }],
      },
    };
    await stack.api.temporal.workflow.start(CASE_WORKFLOW_NAME, { taskQueue: stack.api.taskQueue, workflowId: caseWorkflowId(caseNo), args: [input] });
    await until(() => stack.api.call(`/cases/${caseNo}`, { token: admin }), (read) => read.status === 200);
  };

  beforeAll(async () => {
    stack = await WebStack.start();
    admin = await stack.api.adminToken();
    expect((await stack.api.call('/departments', { token: admin, body: { code: DEPARTMENT, name: DEPARTMENT_NAME } })).status).toBe(201);
    // A department the officer does not oversee: the pages must not offer it to her.
    expect((await stack.api.call('/departments', { token: admin, body: { code: 'water', name: '水务局' } })).status).toBe(201);
    const positions = ['acceptor', 'undertaker', 'reviewer', 'approver'];
    await user({ username: 'zhao.li', name: '赵丽', roles: ['clerk'], department: DEPARTMENT, positions });
    await user({ username: 'qian.yu', name: '钱宇', roles: ['clerk'], department: DEPARTMENT, positions });
    await user({ username: 'sun.mei', name: '孙梅', roles: ['department-officer'], department: DEPARTMENT });
    const draft = await stack.api.call(`/definitions/${licence.item.code}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    expect(draft.status).toBe(200);
    expect((await stack.api.call(`/definitions/${licence.item.code}/publish`, { token: admin, body: { revision: draft.body.revision } })).status).toBe(201);
    ids['zhao.li'] = (await stack.api.call('/auth/me', { token: await stack.api.login('zhao.li', PASSWORD) })).body.userId;
    await start(open, 0);
    // Accepted 40 days ago; its undertaking step, claimed by 赵丽 38 days ago, went overdue and caused the cards.
    await start(late, 40 * DAY, { startedAt: Date.now() - 39 * DAY, claim: { userId: ids['zhao.li'] as string, at: Date.now() - 38 * DAY } });
  });
  afterAll(() => stack?.stop());

  it('a clerk sees who holds the open step, claims it (签收), releases it, and a colleague of the position sees her name', async () => {
    const { page, errors } = await stack.page();
    await stack.signIn(page, 'zhao.li', PASSWORD);
    await page.goto(`${stack.url}cases/${open}`);
    const holder = page.getByTestId('holder-undertake');
    // Unclaimed, the step is held by its position, named, in its department, named.
    await eventually(() => holder.innerText()).toBe(`承办(材料审查) ${DEPARTMENT_NAME} 未签收,由岗位“承办岗”承办签收`);
    await showsNames(page, 'accountability-unclaimed.png', ['承办人', '承办(材料审查)', DEPARTMENT_NAME, '签收']);

    await page.getByTestId('claim-undertake').click();
    await eventually(() => holder.innerText()).toContain('赵丽 已签收');
    expect(await page.getByTestId('claim-undertake').count()).toBe(0);
    await showsNames(page, 'accountability-claimed.png', ['赵丽 已签收', '撤回签收']);

    await page.getByTestId('release-undertake').click();
    await eventually(() => holder.innerText()).toContain('未签收');
    expect(await page.getByTestId('release-undertake').count()).toBe(0);
    await page.getByTestId('claim-undertake').click();
    await eventually(() => holder.innerText()).toContain('赵丽 已签收');
    expect(errors).toEqual([]);

    // 钱宇 holds the same position: she sees 赵丽's claim, and neither 签收 nor 撤回签收.
    const other = await stack.page();
    await stack.signIn(other.page, 'qian.yu', PASSWORD);
    await other.page.goto(`${stack.url}cases/${open}`);
    const seen = other.page.getByTestId('holder-undertake');
    await eventually(() => seen.innerText()).toContain('赵丽 已签收');
    expect(await other.page.getByTestId('claim-undertake').count()).toBe(0);
    expect(await other.page.getByTestId('release-undertake').count()).toBe(0);
    await showsNames(other.page, 'accountability-colleague.png', ['赵丽 已签收', '承办(材料审查)']);
    const detail = await stack.api.call(`/cases/${open}`, { token: await stack.api.login('qian.yu', PASSWORD) });
    expect(detail.body.live.position[0].claim).toMatchObject({ userId: ids['zhao.li'], name: '赵丽' });
    expect(other.errors).toEqual([]);
  });

  it('超时责任倒查 names the clerk who had claimed the overdue step, with its counts, from the statistics page', async () => {
    // The late case's overdue step and both cards are charged to 赵丽 once the workflow raised them.
    const officer = await stack.api.login('sun.mei', PASSWORD);
    const from = new Date(Date.now() - 60 * DAY).toISOString().slice(0, 10);
    const to = new Date(Date.now() + DAY).toISOString().slice(0, 10);
    await eventually(async () => {
      const rows = (await stack.api.call(`/statistics/holders?from=${from}&to=${to}`, { token: officer })).body as { userId: string | null; counts: Record<string, number> }[];
      return rows.find((r) => r.userId === ids['zhao.li'])?.counts ?? {};
    }, { timeout: 60_000 }).toMatchObject({ stepsOverdue: 1, yellowCards: 1, redCards: 1 });

    const { page, errors } = await stack.page({ width: 1360, height: 900 });
    await stack.signIn(page, 'sun.mei', PASSWORD);
    await page.goto(`${stack.url}statistics`);
    await page.getByTestId('persons-link').click();
    await eventually(() => new URL(page.url()).pathname).toBe('/statistics/persons');
    await eventually(() => page.title()).toBe('超时责任倒查 - Sunlight 阳光电子监察');
    // The department filter offers the officer's own scope only, by name.
    const scope = ((await stack.api.call('/auth/me', { token: officer })).body as { scope: string[] }).scope;
    const departments = (await stack.api.call('/departments', { token: officer })).body as { code: string; name: string }[];
    const options = page.getByTestId('persons-department').locator('option');
    await eventually(async () => (await options.allInnerTexts()).slice(1)).toEqual(departments.filter((d) => scope.includes(d.code)).map((d) => d.name));
    expect(departments.length).toBeGreaterThan(scope.length);
    await page.locator('input[type="date"]').first().fill(from);
    const row = page.locator(`[data-testid="persons-table"] tr[data-holder="${ids['zhao.li']}"]`);
    await eventually(() => row.count()).toBe(1);
    // Department, holder, overdue steps, yellow cards, red cards, cases.
    expect((await row.innerText()).split('\t').map((cell) => cell.trim())).toEqual([DEPARTMENT_NAME, '赵丽', '1', '1', '1', late]);
    await showsNames(page, 'accountability-persons.png', ['超时责任倒查', DEPARTMENT_NAME, '赵丽', '环节超期', '承办人']);
    await row.getByRole('link', { name: late }).click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/cases/${late}`);
    expect(errors).toEqual([]);
  });

  it("the designer's item inspector edits 流程锁定 and the 中止/补正 limits in Chinese, and the draft keeps them", async () => {
    const { page, errors } = await stack.page({ width: 1360, height: 900 });
    await stack.signIn(page, ADMIN.username, ADMIN.password);
    await page.goto(`${stack.url}designer/${licence.item.code}`);
    await eventually(() => page.locator('.react-flow__node').count()).toBe(licence.nodes.length);
    const inspector = page.getByTestId('inspector');
    await eventually(() => inspector.innerText()).toContain('流程锁定与暂停时限');
    const text = await inspector.innerText();
    for (const label of ['流程锁定', '中止时限(工作日)', '受理后补正时限(工作日)', '受理后可补正次数', '留空取默认值 30']) expect(text).toContain(label);
    for (const code of ['flowLock', 'pauseLimits', 'suspensionDays', 'supplementDays', 'red-card']) expect(text).not.toContain(code);
    expect(await page.getByTestId('item-flow-lock').locator('option').allInnerTexts()).toEqual(['默认(亮红牌时锁定)', '亮红牌时锁定', '亮黄牌时锁定(红牌时再次锁定)', '不锁定']);

    await page.getByTestId('item-flow-lock').selectOption({ label: '亮黄牌时锁定(红牌时再次锁定)' });
    await page.getByTestId('item-pause-suspensionDays').fill('45');
    await page.getByTestId('item-pause-supplementsAfterAcceptance').fill('2');
    await eventually(() => page.getByTestId('draft-state').textContent()).toBe('有未保存的修改');
    await page.getByTestId('inspector').screenshot({ path: join(SCREENSHOT_DIR, 'accountability-clock-rules.png') });
    await page.getByTestId('save-draft').click();
    await eventually(() => page.getByTestId('draft-state').textContent()).toContain('已保存');

    const saved = await stack.api.call(`/definitions/${licence.item.code}/draft`, { token: admin });
    expect(saved.status).toBe(200);
    expect(saved.body.definition.item).toMatchObject({ flowLock: 'yellow-card', pauseLimits: { suspensionDays: 45, supplementsAfterAcceptance: 2 } });
    expect(saved.body.definition.item.pauseLimits).not.toHaveProperty('supplementDays');

    // Read again, the page shows what was saved; an emptied field goes back to the default.
    await page.reload();
    await eventually(() => page.getByTestId('item-pause-suspensionDays').inputValue()).toBe('45');
    expect(await page.getByTestId('item-flow-lock').inputValue()).toBe('yellow-card');
    expect(await page.getByTestId('item-pause-supplementsAfterAcceptance').inputValue()).toBe('2');
    await page.getByTestId('item-pause-supplementsAfterAcceptance').fill('');
    // The page still says 已保存 from the save before: wait for the change to be seen first.
    await eventually(() => page.getByTestId('draft-state').textContent()).toBe('有未保存的修改');
    await page.getByTestId('save-draft').click();
    await eventually(() => page.getByTestId('draft-state').textContent()).toContain('已保存');
    const again = await stack.api.call(`/definitions/${licence.item.code}/draft`, { token: admin });
    expect(again.body.definition.item.pauseLimits).toEqual({ suspensionDays: 45 });
    expect(errors).toEqual([]);
  });
});
