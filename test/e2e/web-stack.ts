import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ApiSettings } from '../../api/settings';
import { ROOT } from '../../scripts/lib/embedded';
import { freePort, spawnManaged, waitFor, type Managed } from '../../scripts/lib/processes';
import { builtWebApp } from '../../scripts/lib/web-build';
import { ApiHarness, BACKFILL_TOLERANCE_DAYS, PASSWORD } from '../api/harness';
import { launchChromium } from '../support/browser';

export { PASSWORD };

/** `expect.poll` with room for a loaded machine: the app waits on the API, the API on the workflow. */
export function eventually<T>(probe: () => T | Promise<T>, options: { timeout?: number } = {}) {
  return expect.poll(probe, { timeout: 15_000, interval: 100, ...options });
}

/**
 * The whole product for a browser test: the API with a worker running the real case workflow
 * and activities (the API tests' harness), and the built web app (see {@link builtWebApp}) served
 * by `vite preview`, which forwards /api to that API.
 */
export class WebStack {
  private constructor(
    readonly api: ApiHarness,
    readonly url: string,
    readonly browser: Browser,
    private readonly preview: Managed,
    private readonly now?: () => number,
  ) {}

  /**
   * `now`: the API's clock (see {@link shiftedClock}); pages follow it with {@link WebStack.page}'s clock.
   * `settings`: the API's, over the defaults.
   */
  static async start(options: { now?: () => number; settings?: Partial<ApiSettings> } = {}): Promise<WebStack> {
    // Cases reported long after they happened are a migrated history here: accepted at the reported times.
    const api = await ApiHarness.start({ externalReportToleranceDays: BACKFILL_TOLERANCE_DAYS, ...options.settings }, options.now);
    const apiPort = new URL(api.url).port;
    const env = { ...process.env, API_PORT: apiPort, SUNLIGHT_HOST: '127.0.0.1' };
    const outDir = await builtWebApp(join(ROOT, '.data/test/web-e2e'), env);
    const port = await freePort();
    const preview = spawnManaged({
      name: 'vite-preview',
      command: VITE,
      args: ['preview', ...viteConfig(outDir), '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
      cwd: ROOT,
      env,
      onLine: quiet,
    });
    const url = `http://127.0.0.1:${port}/`;
    await waitFor('vite preview', async () => (await fetch(url)).ok, 30_000);
    return new WebStack(api, url, await launchChromium(), preview, options.now);
  }

  /** A page at 1280 × 800 (or the given size) that records uncaught errors; its clock runs from the API's. */
  async page(viewport = { width: 1280, height: 800 }): Promise<{ page: Page; errors: string[] }> {
    const page = await this.browser.newPage({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    if (this.now) await page.clock.install({ time: this.now() });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    return { page, errors };
  }

  /** Signs in through the login form. */
  async signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(this.url);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('user-name').waitFor();
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await this.preview.stop();
    await this.api.stop();
  }
}

/** A clock that reads `at` now and runs on from there at the system clock's pace. */
export function shiftedClock(at: Date): () => number {
  const offset = at.getTime() - Date.now();
  return () => Date.now() + offset;
}

const VITE = `${ROOT}/node_modules/.bin/vite`;
const quiet = () => undefined;
const viteConfig = (outDir: string) => ['--config', 'designer/vite.config.ts', '--outDir', outDir];
