import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ROOT } from '../../scripts/lib/embedded';
import { freePort, spawnManaged, waitFor, type Managed } from '../../scripts/lib/processes';
import { launchChromium } from '../support/browser';

/**
 * The product as a new user starts it: `npm start` on an empty data directory with nothing
 * configured (only ports, as other runs share this machine), then the printed password.
 */
describe('npm start on an empty data directory', () => {
  let dataDir: string;
  let start: Managed;
  let browser: Browser;
  let web: string;
  const output: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sunlight-first-run-'));
    const [api, temporal, ui, mongo] = [await freePort(), await freePort(), await freePort(), await freePort()];
    web = `http://127.0.0.1:${api}/`;
    start = spawnManaged({
      name: 'npm-start', command: 'npm', args: ['start'], cwd: ROOT, onLine: (_name, line) => output.push(line), group: true,
      env: {
        PATH: process.env['PATH'], HOME: process.env['HOME'], SUNLIGHT_DATA_DIR: dataDir, API_PORT: String(api),
        TEMPORAL_ADDRESS: `127.0.0.1:${temporal}`, TEMPORAL_UI_PORT: String(ui), MONGODB_URI: `mongodb://127.0.0.1:${mongo}/sunlight`,
      },
    });
    await waitFor('npm start to report running', async () => output.some((l) => l.includes('Press Ctrl-C to stop.')), 300_000);
    browser = await launchChromium();
  }, 320_000);

  afterAll(async () => {
    await browser?.close();
    await start?.stop('SIGINT', 30_000); // Ctrl-C: the whole group, so no server outlives the test
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the generated password once, keeps it in a file only its user reads, and asks for a new one', async () => {
    const printed = output.map((l) => /sign in as "admin" with the password (\S+)/.exec(l)?.[1]).find(Boolean);
    expect(printed).toBeTruthy();
    const file = join(dataDir, 'initial-admin-password');
    expect(readFileSync(file, 'utf8').trim()).toBe(printed);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dataDir, 'logs/sunlight.log'), 'utf8')).not.toContain(printed);
    expect(output.join('\n')).toContain('SUNLIGHT_DEMO=true npm start');

    const api = (path: string, init: { token?: string; body?: unknown } = {}) => fetch(`${web}api/v1${path}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: { ...(init.token && { authorization: `Bearer ${init.token}` }), ...(init.body !== undefined && { 'content-type': 'application/json' }) },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
    const login = await api('/auth/login', { body: { username: 'admin', password: printed } });
    expect(login.status).toBe(200);
    const { token, user } = (await login.json()) as { token: string; user: { mustChangePassword?: boolean } };
    expect(user.mustChangePassword).toBe(true);
    const refused = await api('/users', { token });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('password-change-required');

    // The web app is the production build on the API's own server, and it asks for the new password.
    const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const noise: string[] = [];
    page.on('console', (m) => noise.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => noise.push(e.message));
    const home = await page.goto(web);
    expect(await home?.text()).not.toContain('/@vite/client');
    expect((await fetch(`${web}favicon.svg`)).headers.get('content-type')).toContain('image/svg+xml');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(printed!);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '修改初始密码' }).waitFor();
    await page.getByLabel('当前密码').fill(printed!);
    await page.getByLabel(/^新密码/).fill('a new password of mine');
    await page.getByLabel('再次输入新密码').fill('a new password of mine');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByTestId('user-name').waitFor();
    expect(noise).toEqual([]);

    expect((await api('/users', { token })).status).toBe(401);
    const again = await api('/auth/login', { body: { username: 'admin', password: 'a new password of mine' } });
    const fresh = (await again.json()) as { token: string; user: { mustChangePassword?: boolean } };
    expect(fresh.user.mustChangePassword).toBeUndefined();
    expect((await api('/users', { token: fresh.token })).status).toBe(200);
  });
});
