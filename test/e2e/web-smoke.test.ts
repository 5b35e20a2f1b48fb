import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser';
import { startWebApp, type RunningWebApp } from '../support/web-app';

describe('web app in Chromium', () => {
  let web: RunningWebApp;
  let browser: Browser;
  beforeAll(async () => {
    web = await startWebApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('loads the sign-in page and reaches the API through the same origin', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(web.url);
    await expect.poll(() => page.getByTestId('health').textContent()).toContain('ok');
    expect(await page.getByRole('button', { name: '登录' }).count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'login.png') });
    expect(errors).toEqual([]);
  });
});
