import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionFixtures } from '../fixtures/definitions';
import { SCREENSHOT_DIR } from '../support/browser';
import { eventually, PASSWORD, WebStack } from './web-stack';

const fixture = definitionFixtures['sequential-licence'];
const ITEM = fixture.item.code;
const DEPARTMENT = fixture.item.department;

/** The text of a PDF, page by page joined, as pdf.js reads it. */
async function pdfText(data: Buffer): Promise<string> {
  // pdf.js expects Promise.withResolvers (Node 22); this Node 20 gets it here.
  if (!('withResolvers' in Promise)) {
    Object.assign(Promise, {
      withResolvers<T>() {
        let resolve!: (value: T) => void;
        let reject!: (reason: unknown) => void;
        const promise = new Promise<T>((yes, no) => { resolve = yes; reject = no; });
        return { promise, resolve, reject };
      },
    });
  }
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: true }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    parts.push(content.items.map((i) => ('str' in i ? i.str : '')).join(''));
  }
  // Embedded CJK fonts may map glyphs to Kangxi radicals (⼯ for 工); NFKC folds them back.
  return parts.join('\n').normalize('NFKC').replace(/\s+/g, '');
}

/** Issues a notice on the case's notice page and answers the printed PDF's text and the notice's number. */
async function issueAndPrint(page: Page, kind: string, fill: () => Promise<void> = async () => undefined): Promise<{ text: string; number: string }> {
  await page.getByTestId('notice-kind').selectOption(kind);
  await fill();
  await page.getByTestId('issue-notice').click();
  const sheet = page.getByTestId(`notice-${kind}`);
  await sheet.waitFor({ timeout: 20_000 });
  const number = (await sheet.getAttribute('data-number')) ?? '';
  await page.emulateMedia({ media: 'print' });
  const text = await pdfText(await page.pdf({ format: 'A4', printBackground: true }));
  await page.emulateMedia({ media: 'screen' });
  return { text, number };
}

describe('the front desk in Chromium: registration, receipt, the application, notices', { timeout: 240_000 }, () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await WebStack.start();
    const admin = await stack.api.adminToken();
    expect((await stack.api.call('/departments', { token: admin, body: { code: DEPARTMENT, name: '市卫生健康委员会' } })).status).toBe(201);
    await stack.api.holders(admin, fixture);
    const draft = await stack.api.call(`/definitions/${ITEM}/draft`, { method: 'PUT', token: admin, body: { definition: fixture } });
    expect((await stack.api.call(`/definitions/${ITEM}/publish`, { token: admin, body: { revision: draft.body.revision } })).status).toBe(201);
    await stack.api.people(admin, [
      { username: 'window-zhao', roles: ['clerk'], department: DEPARTMENT, positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] },
    ]);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('registers an application, prints the receipt whose query code opens the public page, shows the application on the case', async () => {
    const { page, errors } = await stack.page();
    await stack.signIn(page, 'window-zhao', PASSWORD);
    await page.goto(new URL('/workbench/new', stack.url).href);
    await page.getByTestId('application-item').selectOption(ITEM);
    await page.getByTestId('applicant-name').fill('杭州某某宾馆有限公司');
    await page.getByTestId('form-applicantName').fill('杭州某某宾馆有限公司');
    await page.getByTestId('form-creditCode').fill('bad code');
    // Enum values are offered by their labels.
    await page.getByTestId('form-businessType').selectOption({ label: '宾馆、旅店' });
    await page.getByTestId('material-0').check();
    await page.getByTestId('material-1').check();
    await page.getByTestId('submit-application').click();
    // Errors stand beside their fields, in Chinese, and nothing is sent.
    await eventually(() => page.getByTestId('error-creditCode').textContent()).toMatch(/应当匹配模式/);
    expect(await page.getByTestId('error-premisesAddress').textContent()).toBe('必填');
    expect(await page.locator('form').textContent()).not.toContain('/data/');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'front-desk-form-errors.png'), fullPage: true });

    await page.getByTestId('form-creditCode').fill('91330100MA2B3C4D5E');
    await page.getByTestId('form-premisesAddress').fill('杭州市西湖区文三路 1 号');
    await page.getByTestId('submit-application').click();
    await eventually(() => page.url()).toMatch(/\/cases\/SL\d+\/receipt$/);
    const caseNo = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-2) ?? '');
    const code = page.getByTestId('receipt-query-code');
    await eventually(() => code.textContent(), { timeout: 20_000 }).toMatch(/^[A-Z2-9]{8}$/);
    const queryCode = (await code.textContent()) ?? '';
    const receipt = page.getByTestId('receipt');
    const text = (await receipt.textContent()) ?? '';
    for (const part of ['受理回执', '市卫生健康委员会', caseNo, '公共场所卫生许可证核发', '承诺 10 个工作日,法定 20 个工作日', '公共场所卫生许可申请表']) expect(text).toContain(part);
    expect(await page.getByTestId('receipt-deadline').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日/);
    expect(await page.getByTestId('receipt-qr').locator('svg').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'front-desk-receipt.png'), fullPage: true });
    // It prints on one A4 sheet.
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // The case page shows the application with the item's titles and labels, and reprints the receipt.
    await page.goto(new URL(`/cases/${caseNo}`, stack.url).href);
    const application = page.getByTestId('application');
    await eventually(() => page.getByTestId('application-businessType').textContent(), { timeout: 20_000 }).toBe('宾馆、旅店');
    const shown = (await application.textContent()) ?? '';
    expect(shown).toContain('统一社会信用代码');
    expect(shown).not.toContain('hotel');
    expect(await page.getByTestId('application-materials').locator('li.is-received').count()).toBe(2);
    await page.getByTestId('reprint-receipt').click();
    await eventually(() => page.getByTestId('receipt-query-code').textContent()).toBe(queryCode);

    // The receipt's link (the QR code's address) opens the public page with the number; the code is asked there.
    const publicPage = (await stack.page()).page;
    const href = (await page.getByTestId('receipt-link').getAttribute('href')) ?? '';
    expect(href).not.toContain(queryCode);
    await publicPage.goto(new URL(href, stack.url).href);
    expect(await publicPage.getByLabel('办件编号').inputValue()).toBe(caseNo);
    await publicPage.getByLabel('查询码').fill(queryCode);
    await publicPage.getByTestId('lookup-submit').click();
    await eventually(() => publicPage.getByTestId('progress-case-no').textContent()).toBe(caseNo);
    expect(publicPage.url()).toContain(`/public/cases/${caseNo}`);
    await publicPage.screenshot({ path: join(SCREENSHOT_DIR, 'front-desk-public-progress.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('issues and prints each notice; the PDF says what the standard form says', async () => {
    const clerk = await stack.api.login('window-zhao', PASSWORD);
    const start = async () => {
      const started = await stack.api.call('/cases', { token: clerk, body: { itemCode: ITEM, applicant: { name: '西湖浴场' }, data: { applicantName: '西湖浴场', creditCode: '91330100MA2B3C4D5E', premisesAddress: '文三路 2 号', businessType: 'bathhouse' } } });
      expect(started.status).toBe(201);
      return started.body.caseNo as string;
    };
    const act = (caseNo: string, action: string, body: object = {}) =>
      stack.api.call(`/cases/${caseNo}/actions/${action}`, { token: clerk, body, headers: { 'idempotency-key': crypto.randomUUID() } });
    const { page, errors } = await stack.page();
    await stack.signIn(page, 'window-zhao', PASSWORD);

    const caseNo = await start();
    expect((await act(caseNo, 'supplement-notice', { materials: ['公共场所卫生检测或评价报告'] })).status).toBe(200);
    await page.goto(new URL(`/cases/${caseNo}/notices`, stack.url).href);
    const supplement = await issueAndPrint(page, 'supplement', async () => {
      await page.getByTestId('missing-3').waitFor({ timeout: 5000 }).catch(async () => {
        throw new Error(`no checklist: ${await page.locator('main').textContent()}`);
      });
      await page.getByTestId('missing-3').check();
      await page.getByTestId('supplement-days').fill('5');
    });
    for (const part of ['市卫生健康委员会', '补正材料通知书', supplement.number, '西湖浴场', '一次性告知', '公共场所卫生检测或评价报告', '5个工作日内']) expect(supplement.text).toContain(part.replace(/\s+/g, ''));

    expect((await act(caseNo, 'supplement-received')).status).toBe(200);
    expect((await act(caseNo, 'accept')).status).toBe(200);
    const acceptance = await issueAndPrint(page, 'acceptance');
    for (const part of ['受理通知书', acceptance.number, '予以受理', '10个工作日内', '法定时限20个工作日']) expect(acceptance.text).toContain(part);

    for (const [nodeId, action] of [['undertake', 'complete'], ['review', 'complete'], ['approve', 'approve']] as const) {
      expect((await act(caseNo, 'complete-step', { nodeId, action })).status).toBe(200);
    }
    expect((await act(caseNo, 'conclude', {})).status).toBe(200);
    const conclusion = await issueAndPrint(page, 'conclusion');
    for (const part of ['办结通知书', conclusion.number, '已于', '办结', '准予']) expect(conclusion.text).toContain(part);

    const refusedNo = await start();
    expect((await act(refusedNo, 'refuse', { reason: '不属于本机关职权范围' })).status).toBe(200);
    await page.goto(new URL(`/cases/${refusedNo}/notices`, stack.url).href);
    const refusal = await issueAndPrint(page, 'refusal', () => page.getByTestId('notice-reason').fill('申请事项不属于本机关职权范围'));
    for (const part of ['不予受理决定书', refusal.number, '申请事项不属于本机关职权范围', '申请行政复议', '提起行政诉讼', '60日内', '6个月内']) expect(refusal.text).toContain(part);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'front-desk-refusal-notice.png'), fullPage: true });

    // Each notice is on its case's timeline with its number.
    await page.goto(new URL(`/cases/${caseNo}`, stack.url).href);
    await eventually(() => page.getByTestId('timeline').textContent(), { timeout: 20_000 }).toContain(acceptance.number);
    expect(await page.getByTestId('timeline').textContent()).toContain(supplement.number);
    expect(errors).toEqual([]);
  });

  it('a notice whose answer is lost, issued again, keeps its one number', async () => {
    const clerk = await stack.api.login('window-zhao', PASSWORD);
    const started = await stack.api.call('/cases', { token: clerk, body: { itemCode: ITEM, applicant: { name: '文三浴场' }, data: { applicantName: '文三浴场', creditCode: '91330100MA2B3C4D5E', premisesAddress: '文三路 3 号', businessType: 'bathhouse' } } });
    const caseNo = started.body.caseNo as string;
    expect((await stack.api.call(`/cases/${caseNo}/actions/accept`, { token: clerk, body: {}, headers: { 'idempotency-key': crypto.randomUUID() } })).status).toBe(200);
    const { page, errors } = await stack.page();
    await stack.signIn(page, 'window-zhao', PASSWORD);
    await page.goto(new URL(`/cases/${caseNo}/notices`, stack.url).href);
    // The notice is issued and numbered; its answer is lost on the way back.
    let issued: string | null = null;
    await page.route(`**/api/v1/cases/${caseNo}/notices`, async (route) => {
      if (issued !== null || route.request().method() !== 'POST') return route.continue();
      const answer = await route.fetch();
      issued = ((await answer.json()) as { number: string }).number;
      return route.abort('connectionreset');
    });
    await page.getByTestId('notice-kind').selectOption('acceptance');
    await page.getByTestId('issue-notice').click();
    await eventually(() => page.locator('main').textContent()).toContain('未收到服务器答复');
    expect(issued).not.toBeNull();
    // Issued again: the same notice, the same number, and no second one.
    await page.getByTestId('issue-notice').click();
    const sheet = page.getByTestId('notice-acceptance');
    await sheet.waitFor({ timeout: 20_000 });
    expect(await sheet.getAttribute('data-number')).toBe(issued);
    const notices = (await stack.api.call(`/cases/${caseNo}/notices`, { token: clerk })).body as { number: string }[];
    expect(notices.map((n) => n.number)).toEqual([issued]);
    expect(errors).toEqual([]);
  });
});
