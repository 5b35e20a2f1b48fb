import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionFixtures } from '../fixtures/definitions';
import { SCREENSHOT_DIR } from '../support/browser';
import { eventually, PASSWORD, WebStack } from './web-stack';

const fixture = definitionFixtures['sequential-licence'];
const ITEM = fixture.item.code;
const DEPARTMENT = fixture.item.department;

describe('the front desk in Chromium: registration, receipt, the application, notices', { timeout: 240_000 }, () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await WebStack.start();
    const admin = await stack.api.adminToken();
    const draft = await stack.api.call(`/definitions/${ITEM}/draft`, { method: 'PUT', token: admin, body: { definition: fixture } });
    expect((await stack.api.call(`/definitions/${ITEM}/publish`, { token: admin, body: { revision: draft.body.revision } })).status).toBe(201);
    expect((await stack.api.call('/departments', { token: admin, body: { code: DEPARTMENT, name: '市卫生健康委员会' } })).status).toBe(201);
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
});
