import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEventModel } from '../../db/models/case-event';
import { definitionFixtures } from '../fixtures/definitions';
import { SCREENSHOT_DIR } from '../support/browser';
import { eventually, PASSWORD, WebStack } from './web-stack';

const fixture = definitionFixtures['sequential-licence'];
const ITEM = fixture.item.code;
const DEPARTMENT = fixture.item.department;
const form = { applicantName: '杭州某某酒店有限公司', creditCode: '91330100MA2B3C4D5E', premisesAddress: '杭州市西湖区文三路 1 号', businessType: 'hotel' };

/**
 * A clerk's action the case cannot answer in time (here its worker is stopped; at a midnight of
 * thousands of alerts its task waits behind theirs): the page says it is waiting and repeats the
 * action under the same key until the case answers, and the action is carried out once.
 */
describe('a clerk’s action while the case is busy, in Chromium', { timeout: 180_000 }, () => {
  let stack: WebStack;
  let clerk: string;
  beforeAll(async () => {
    stack = await WebStack.start({ settings: { temporalTimeoutMs: 2_000 } });
    const admin = await stack.api.adminToken();
    await stack.api.holders(admin, fixture);
    const draft = await stack.api.call(`/definitions/${ITEM}/draft`, { method: 'PUT', token: admin, body: { definition: fixture } });
    expect(draft.status).toBe(200);
    expect((await stack.api.call(`/definitions/${ITEM}/publish`, { token: admin, body: { revision: draft.body.revision } })).status).toBe(201);
    const tokens = await stack.api.people(admin, [
      { username: 'clerk-wang', roles: ['clerk'], department: DEPARTMENT, positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] },
    ]);
    clerk = tokens['clerk-wang'] as string;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('waits, saying so, and accepts the case once when it answers', async () => {
    const started = await stack.api.call('/cases', { token: clerk, body: { itemCode: ITEM, applicant: { name: form.applicantName, kind: 'organisation' }, data: form } });
    expect(started.status).toBe(201);
    const caseNo = started.body.caseNo as string;
    const { page, errors } = await stack.page();
    await stack.signIn(page, 'clerk-wang', PASSWORD);
    await page.goto(`${stack.url}cases/${encodeURIComponent(caseNo)}`);
    const status = page.getByTestId('case-status');
    await eventually(() => status.textContent(), { timeout: 20_000 }).toBe('已申请');
    await page.getByTestId('action-accept').waitFor();

    await stack.api.pauseWorker();
    await page.getByTestId('action-accept').click();
    const waiting = page.getByTestId('action-waiting');
    await eventually(() => waiting.textContent(), { timeout: 20_000 }).toMatch(/^系统繁忙,办件尚未答复此操作\(已等待 \d+ 秒\),正在按同一操作自动重试,不会重复办理/);
    expect(await page.getByTestId('action-accept').isDisabled()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'workbench-action-waiting.png'), fullPage: true });

    await stack.api.resumeWorker();
    await eventually(() => page.getByTestId('action-result').textContent(), { timeout: 60_000 }).toBe('受理:已完成。');
    expect(await waiting.count()).toBe(0);
    await eventually(() => status.textContent(), { timeout: 20_000 }).toBe('办理中');
    await eventually(async () => (await caseEventModel(stack.api.db).find({ caseNo, type: 'accepted' }).lean()).length, { timeout: 20_000 }).toBe(1);
    expect(errors).toEqual([]);
  });
});
