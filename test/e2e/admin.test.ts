import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionFixtures } from '../fixtures/definitions';
import { SCREENSHOT_DIR } from '../support/browser';
import { eventually, PASSWORD, shiftedClock, WebStack } from './web-stack';

const licence = definitionFixtures['sequential-licence'];
const application = { applicantName: '杭州西湖宾馆有限公司', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州市西湖区曙光路 1 号', businessType: 'hotel' };

/** The same licence, of another department under another item code. */
function licenceOf(department: string, itemCode: string) {
  return JSON.parse(JSON.stringify(licence).replaceAll(licence.item.department, department).replaceAll(licence.item.code, itemCode)) as typeof licence;
}

/**
 * 杭州市 with its health commission (the licence's department) and the county 上城区 with its
 * market bureau exist; the test creates 西湖区 and its market bureau through the pages.
 */
const DEPARTMENTS = [
  { code: 'hz-city', name: '杭州市', parent: null },
  { code: licence.item.department, name: '市卫生健康委员会', parent: 'hz-city' },
  { code: 'sc-county', name: '上城区', parent: 'hz-city' },
  { code: 'sc-market', name: '上城区市场监督管理局', parent: 'sc-county' },
];
/** Department, role and enum codes: a page shows their names, never these. */
const CODES = [
  'hz-city', 'sc-county', 'sc-market', 'xh-county', 'xh-market', licence.item.department,
  'administrator', 'supervisor', 'department-officer', 'clerk', 'auditor', 'department-head', 'submitted', 'accepted', 'processing', 'unknown-item', 'forbidden', 'validation-failed',
];

/** The page's text, as its screenshot shows it once loaded, holds the names and none of the codes. */
async function showsNames(page: Page, shot: string, names: string[]) {
  const content = page.locator('#content');
  await eventually(async () => {
    const text = await content.innerText();
    return names.every((name) => text.includes(name)) && (await page.locator('.node-meta').count()) === (await nodesNamed(page));
  }).toBe(true);
  await page.screenshot({ path: join(SCREENSHOT_DIR, shot), fullPage: true });
  const text = await content.innerText();
  for (const name of names) expect(text).toContain(name);
  for (const code of CODES) expect(text, `the page shows the code ${code}`).not.toMatch(new RegExp(`(^|[^A-Za-z-])${code}($|[^A-Za-z-])`));
}

/** The drawn steps whose department reads as a name (Chinese), not a code. */
const nodesNamed = (page: Page) => page.locator('.node-meta').evaluateAll((metas) => metas.filter((m) => /·\s*\p{Script=Han}/u.test(m.textContent ?? '')).length);

/**
 * 2027's calendar is not published at this point of 2026; the API, and every page, runs on
 * the product's clock set to Monday 2026-12-21, 10:30 in Shanghai.
 */
const NOW = new Date('2026-12-21T10:30:00+08:00');
const ACCEPTED_AT = '2026-12-21T10:00:00+08:00';

/** 2027's holidays as the State Council's notice gives them, as an iCalendar file. */
const ICS_2027 = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//sunlight-test//CN',
  'BEGIN:VEVENT', 'UID:2027-yuandan@test', 'DTSTART;VALUE=DATE:20270101', 'DTEND;VALUE=DATE:20270104', 'SUMMARY:元旦', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:2027-chunjie@test', 'DTSTART;VALUE=DATE:20270206', 'DTEND;VALUE=DATE:20270214', 'SUMMARY:春节', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:2027-chunjie-ban@test', 'DTSTART;VALUE=DATE:20270220', 'SUMMARY:春节调休 上班', 'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('administration pages in Chromium', { timeout: 300_000 }, () => {
  let stack: WebStack;
  let admin: string;
  /** Creates users through the API with names, not codes, as the administrator would. */
  const user = async (body: Record<string, unknown>) => {
    const created = await stack.api.call('/users', { token: admin, body: { password: PASSWORD, positions: [], ...body } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  };
  /** Publishes the licence in a department, with a clerk holding its positions there. */
  const publish = async (definition: typeof licence, clerk: string, name: string) => {
    await user({ username: clerk, name, roles: ['clerk'], department: definition.item.department, positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] });
    const draft = await stack.api.call(`/definitions/${definition.item.code}/draft`, { method: 'PUT', token: admin, body: { definition } });
    expect(draft.status).toBe(200);
    expect((await stack.api.call(`/definitions/${definition.item.code}/publish`, { token: admin, body: { revision: draft.body.revision } })).status).toBe(201);
  };
  const push = (apiKey: string, events: unknown[]) => stack.api.call('/ingest/events', { body: { events }, headers: { 'x-api-key': apiKey } });

  beforeAll(async () => {
    stack = await WebStack.start({ now: shiftedClock(NOW) });
    admin = await stack.api.adminToken();
    for (const d of DEPARTMENTS) expect((await stack.api.call('/departments', { token: admin, body: d })).status).toBe(201);
    await user({ username: 'zhou.jian', name: '周健', roles: ['supervisor'] });
    await user({ username: 'qian.hong', name: '钱红', roles: ['department-officer'], department: 'sc-market', positions: ['department-head'] });
    await publish(licence, 'zhao.li', '赵丽');
    await publish(licenceOf('sc-market', '330102-XK-WJ-0012'), 'sun.yu', '孙玉');
  });
  afterAll(() => stack?.stop());

  it('publishes 2027 by iCalendar: a provisional deadline becomes final and the banner goes', async () => {
    const calendar = await stack.api.call('/calendar?from=2027&to=2027');
    expect(calendar.body.years, 'this test needs 2027 unpublished').toEqual([]);
    const system = await stack.api.call('/external-systems', { token: admin, body: { systemId: 'city-approval', name: '市审批系统', departments: [licence.item.department] } });
    expect(system.status).toBe(201);
    const event = (eventId: string, type: string, sequence: number) => ({ eventId, caseNo: 'C-1', itemCode: licence.item.code, type, sequence, occurredAt: ACCEPTED_AT });
    const pushed = await push(system.body.apiKey, [{ ...event('c1-1', 'submitted', 1), applicant: { name: '杭州西湖宾馆有限公司' } }, event('c1-2', 'accepted', 2)]);
    expect(pushed.body).toMatchObject({ accepted: 2 });
    const caseNo = 'city-approval-C-1';

    // Accepted Monday 2026-12-21; the promised limit is 10 working days from the next day:
    // Dec 22, 23, 24, 25, 28, 29, 30, 31 (8), then 2027 counted Monday–Friday while unpublished:
    // Fri Jan 1 (9), Mon Jan 4 (10) → 2027-01-04, provisional. Published, 元旦 takes Jan 1–3 off:
    // Mon Jan 4 (9), Tue Jan 5 (10) → 2027-01-05, final.
    const { page: supervisor, errors } = await stack.page();
    await stack.signIn(supervisor, 'zhou.jian', PASSWORD);
    const row = supervisor.locator(`[data-testid="case-board"] tr[data-case="${caseNo}"]`);
    await eventually(() => row.innerText()).toContain('2027年1月4日 暂定');
    const banner = supervisor.getByTestId('calendar-notice');
    expect(await banner.innerText()).toContain('2027 年工作日历尚未发布');
    await supervisor.goto(`${stack.url}cases/${caseNo}`);
    await eventually(() => supervisor.getByTestId('case-deadline').innerText()).toBe('2027年1月4日 暂定');
    await showsNames(supervisor, 'admin-case-provisional.png', ['市卫生健康委员会', '承办(材料审查)', '2027 年工作日历尚未发布']);
    // The banner is for the screen: a printed page leaves it out.
    await supervisor.emulateMedia({ media: 'print' });
    expect(await banner.isVisible()).toBe(false);
    await supervisor.emulateMedia({ media: 'screen' });
    expect(await banner.isVisible()).toBe(true);

    const { page, errors: adminErrors } = await stack.page();
    await stack.signIn(page, 'admin', 'admin-password-1');
    await page.getByRole('link', { name: '系统管理' }).click();
    await page.getByRole('link', { name: '工作日历' }).click();
    await eventually(() => page.title()).toBe('工作日历 - Sunlight 阳光电子监察');
    await page.getByLabel('年份').fill('2027');
    await page.getByTestId('ical-file').setInputFiles({ name: '2027.ics', mimeType: 'text/calendar', buffer: Buffer.from(ICS_2027) });
    await page.getByLabel('来源').fill('国务院办公厅关于2027年部分节假日安排的通知');
    await page.getByRole('button', { name: '导入并发布' }).click();
    await eventually(() => page.getByTestId('calendar-message').innerText()).toBe('2027 年日历已发布,运行中的办件已重算期限。');
    const year = page.locator('[data-testid="calendar-years"] tr[data-year="2027"]');
    expect((await year.innerText()).split('\t')).toEqual(['2027', '已发布', '11', '1']);
    await eventually(() => page.getByTestId('calendar-notice').count()).toBe(0);
    await showsNames(page, 'admin-calendar-published.png', ['工作日历', '已发布']);

    // The running case recomputed: final deadline, no 暂定, and no banner on the supervisor's pages.
    await supervisor.reload();
    await eventually(() => supervisor.getByTestId('case-deadline').innerText(), { timeout: 30_000 }).toBe('2027年1月5日');
    expect(await supervisor.getByTestId('provisional').count()).toBe(0);
    expect(await supervisor.getByTestId('calendar-notice').count()).toBe(0);
    await supervisor.getByRole('link', { name: '监察台' }).click();
    await eventually(() => row.innerText()).toContain('2027年1月5日');
    expect(await row.innerText()).not.toContain('暂定');
    expect([...errors, ...adminErrors]).toEqual([]);
  });

  it('creates a county with a department under it and a supervisor who sees only that subtree', async () => {
    const { page, errors } = await stack.page();
    await stack.signIn(page, 'admin', 'admin-password-1');
    await page.getByRole('link', { name: '系统管理' }).click();
    await eventually(() => page.title()).toBe('部门管理 - Sunlight 阳光电子监察');
    const create = async (name: string, code: string, parent: string) => {
      const form = page.getByTestId('department-form');
      await form.getByLabel('名称').fill(name);
      await form.getByLabel('编码').fill(code);
      await form.getByLabel('上级部门').selectOption(parent);
      await form.getByRole('button', { name: '新建部门' }).click();
      await eventually(() => page.locator(`[data-testid="department-tree"] tr[data-department="${code}"]`).count()).toBe(1);
    };
    await create('西湖区', 'xh-county', 'hz-city');
    await create('西湖区市场监督管理局', 'xh-market', 'xh-county');
    const bureau = page.locator('[data-testid="department-tree"] tr[data-department="xh-market"]');
    expect((await bureau.innerText()).split('\t').slice(0, 2)).toEqual(['西湖区市场监督管理局', '西湖区']);
    await showsNames(page, 'admin-departments.png', ['杭州市', '西湖区', '上城区市场监督管理局']);

    await page.getByRole('link', { name: '用户' }).click();
    const form = page.getByTestId('user-form');
    await form.getByLabel('用户名').fill('wang.fang');
    await form.getByLabel('姓名').fill('王芳');
    await form.getByLabel('初始密码').fill(PASSWORD);
    await form.getByLabel('监察员', { exact: true }).check();
    await form.getByLabel('所属部门').selectOption({ label: '西湖区' });
    await form.getByRole('button', { name: '新建用户' }).click();
    const created = page.locator('[data-testid="user-list"] tr[data-user="wang.fang"]');
    await eventually(() => created.count()).toBe(1);
    expect((await created.innerText()).split('\t').slice(0, 4)).toEqual(['王芳', 'wang.fang', '监察员', '西湖区']);
    await showsNames(page, 'admin-users.png', ['王芳', '周健', '系统管理员', '西湖区', '启用']);
    const officer = page.locator('[data-testid="user-list"] tr[data-user="qian.hong"]');
    expect((await officer.innerText()).split('\t').slice(0, 5)).toEqual(['钱红', 'qian.hong', '部门监察员', '上城区市场监督管理局', '部门负责人']);

    // A case in the new county's bureau and one in 上城区's.
    await publish(licenceOf('xh-market', '330106-XK-WJ-0012'), 'li.na', '李娜');
    const start = async (clerk: string, itemCode: string) => {
      const started = await stack.api.call('/cases', { token: await stack.api.login(clerk, PASSWORD), body: { itemCode, applicant: { name: '某宾馆' }, data: application } });
      expect(started.status).toBe(201);
      return started.body.caseNo as string;
    };
    const inside = await start('li.na', '330106-XK-WJ-0012');
    const outside = await start('sun.yu', '330102-XK-WJ-0012');

    // The supervisor signs in (no password change is asked of a user the administrator created).
    const { page: county, errors: countyErrors } = await stack.page();
    await stack.signIn(county, 'wang.fang', PASSWORD);
    const rows = county.locator('[data-testid="case-board"] tbody tr');
    await eventually(async () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case')))).toEqual([inside]);
    await eventually(() => rows.first().innerText()).toContain('西湖区市场监督管理局');
    await showsNames(county, 'admin-county-board.png', ['西湖区市场监督管理局', inside]);
    const board = await county.getByTestId('case-board').innerText();
    expect(board).not.toContain(outside);
    expect(board).not.toContain('city-approval-C-1');
    // The department filter offers only what she oversees.
    await eventually(() => county.getByTestId('board-department').locator('option').allInnerTexts()).toEqual(['全部', '西湖区', '西湖区市场监督管理局']);

    await county.goto(`${stack.url}cases/${outside}`);
    await eventually(() => county.getByRole('alert').innerText()).toBe('没有这个办件,或您无权查看。');
    expect(await county.locator('#content').innerText()).not.toMatch(/not found|Case /);
    await county.screenshot({ path: join(SCREENSHOT_DIR, 'admin-county-refused.png'), fullPage: true });
    await county.goto(`${stack.url}cases/${inside}`);
    await eventually(() => county.getByTestId('case-status').innerText()).toBe('已申请');
    await showsNames(county, 'admin-county-case.png', ['西湖区市场监督管理局']);
    expect([...errors, ...countyErrors]).toEqual([]);
  });

  it('registers an external system, shows its key once, rotates it, and lists the last pushes and rejections', async () => {
    const { page, errors } = await stack.page();
    page.on('dialog', (dialog) => void dialog.accept());
    await stack.signIn(page, 'admin', 'admin-password-1');
    await page.goto(`${stack.url}admin/systems`);
    await eventually(() => page.title()).toBe('外部系统 - Sunlight 阳光电子监察');
    const form = page.getByTestId('system-form');
    await form.getByLabel('名称', { exact: true }).fill('市卫健审批系统');
    await form.getByLabel('系统标识').fill('health-approval');
    await form.getByLabel('市卫生健康委员会').check();
    await form.getByRole('button', { name: '登记系统' }).click();
    const key = page.getByTestId('api-key');
    await eventually(() => key.count()).toBe(1);
    const first = await key.innerText();
    const section = page.locator('section[data-system="health-approval"]');
    expect(await section.innerText()).toContain('可报送部门:市卫生健康委员会');

    // The key is shown once: a reload does not show it again.
    await page.reload();
    await eventually(() => section.count()).toBe(1);
    expect(await page.getByTestId('api-key').count()).toBe(0);

    const submitted = (eventId: string, itemCode = licence.item.code) => ({
      eventId, caseNo: eventId, itemCode, type: 'submitted', sequence: 1, occurredAt: new Date(NOW.getTime() - 60_000).toISOString(), applicant: { name: '某宾馆' },
    });
    expect((await push(first, [submitted('h-1'), submitted('h-2', 'NO-SUCH-ITEM')])).body).toMatchObject({ accepted: 1, rejected: 1 });

    await section.getByRole('button', { name: '更换密钥' }).click();
    await eventually(async () => (await key.count()) === 1 && (await key.innerText()) !== first).toBe(true);
    const second = await key.innerText();
    const refused = await push(first, [submitted('h-3')]);
    expect(refused.status).toBe(401);
    expect((await push(second, [submitted('h-3'), submitted('h-4', 'NO-SUCH-ITEM')])).body).toMatchObject({ accepted: 1, rejected: 1 });

    await page.reload();
    const pushes = section.locator('[data-testid="push-list"] tbody tr');
    await eventually(() => pushes.count()).toBe(2);
    const cells = async (i: number) => (await pushes.nth(i).innerText()).split('\t').slice(1);
    // Newest first: received, duplicates, rejected, failed, and each rejection named in words.
    expect(await cells(0)).toEqual(['1', '0', '1', '0', 'h-4:事项未发布']);
    expect(await cells(1)).toEqual(['1', '0', '1', '0', 'h-2:事项未发布']);
    expect(await section.getByTestId('key-rotated-at').count()).toBe(1);
    await showsNames(page, 'admin-systems.png', ['市卫健审批系统', '市卫生健康委员会', '事项未发布']);
    expect(await page.locator('#content').innerText()).not.toContain(first);
    expect(errors).toEqual([]);
  });
});
