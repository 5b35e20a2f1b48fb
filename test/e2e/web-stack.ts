import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ROOT } from '../../scripts/lib/embedded';
import { freePort, spawnManaged, waitFor, type Managed } from '../../scripts/lib/processes';
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
  ) {}

  static async start(): Promise<WebStack> {
    // Cases reported long after they happened are a migrated history here: accepted at the reported times.
    const api = await ApiHarness.start({ externalReportToleranceDays: BACKFILL_TOLERANCE_DAYS });
    const apiPort = new URL(api.url).port;
    const env = { ...process.env, API_PORT: apiPort, SUNLIGHT_HOST: '127.0.0.1' };
    const outDir = await builtWebApp(env);
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
    return new WebStack(api, url, await launchChromium(), preview);
  }

  /** A page at 1280 × 800 (or the given size) that records uncaught errors. */
  async page(viewport = { width: 1280, height: 800 }): Promise<{ page: Page; errors: string[] }> {
    const page = await this.browser.newPage({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
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

const VITE = `${ROOT}/node_modules/.bin/vite`;
const quiet = () => undefined;
const viteConfig = (outDir: string) => ['--config', 'designer/vite.config.ts', '--outDir', outDir];

/** What the web app's bundle is built from: its sources, the modules it imports and the lockfile. */
const BUILD_INPUTS = ['designer', 'domain', 'workflows', 'config', 'package-lock.json'];

function sourceHash(): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
  };
  for (const input of BUILD_INPUTS) {
    const path = join(ROOT, input);
    if (!existsSync(path)) continue;
    if (!input.includes('.')) {
      const files = readdirSync(path, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && !join(e.parentPath, e.name).includes(`${input}/dist`))
        .map((e) => join(e.parentPath, e.name))
        .sort();
      files.forEach(add);
    } else add(path);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The web app built once per source state and shared by every browser test file: built into a
 * fresh directory and renamed into place, so test files starting together never see half a build.
 * The bundle does not depend on the API's port (vite preview forwards /api at serve time).
 * The cache belongs to this checkout (`.data/`), not to node_modules, which checkouts may
 * share: a build of other sources is removed here, and it may be serving another run's pages.
 */
async function builtWebApp(env: NodeJS.ProcessEnv): Promise<string> {
  const cache = join(ROOT, '.data/test/web-e2e');
  const target = join(cache, sourceHash());
  if (existsSync(join(target, 'index.html'))) return target;
  mkdirSync(cache, { recursive: true });
  const scratch = mkdtempSync(join(cache, 'build-'));
  const build = spawnManaged({ name: 'vite-build', command: VITE, args: ['build', ...viteConfig(scratch), '--emptyOutDir', '--logLevel', 'error'], cwd: ROOT, env, onLine: quiet });
  if ((await build.exited) !== 0) throw new Error('vite build failed');
  try {
    renameSync(scratch, target);
  } catch {
    // Another test file finished the same build first; its copy is identical.
    rmSync(scratch, { recursive: true, force: true });
  }
  for (const old of readdirSync(cache)) if (old !== target.split('/').pop() && !old.startsWith('build-')) rmSync(join(cache, old), { recursive: true, force: true });
  return target;
}
