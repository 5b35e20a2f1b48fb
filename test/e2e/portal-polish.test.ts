import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCaseEvents } from '../../activities/record';
import { caseModel } from '../../db/models/case';
import { definitionFixtures } from '../fixtures/definitions';
import { SCREENSHOT_DIR } from '../support/browser';
import { recordedCase } from '../support/case-records';
import { eventually, PASSWORD, WebStack } from './web-stack';

const fixture = definitionFixtures['parallel-approval'];
const ITEM = fixture.item.code;
const DEPARTMENTS = { 'housing-construction': '市住房和城乡建设局', 'fire-rescue': '市消防救援支队', 'civil-air-defence': '市人防办' } as const;
/** Codes the public must never read: department and position ids, pause reason codes. */
const CODES = /housing-construction|fire-rescue|civil-air-defence|acceptor|undertaker|reviewer|approver|materials-incomplete|applicant-request|one-time-notice/;

/** The published definition as a designer may write it: nodes in the order they were added, 办结 before the parallel region. */
const shuffled = {
  ...fixture,
  nodes: ['conclude', 'approve', 'end-approved', 'join', 'quality-safety', 'air-defence', 'fire-review', 'fire-check', 'split', 'accept', 'start', 'end-refused', 'end-disapproved']
    .map((id) => fixture.nodes.find((n) => n.id === id)),
};

describe('portal polish in Chromium: names not codes, the guide in flow order, the progress page\'s steps and pauses, empty rankings', { timeout: 240_000 }, () => {
  let stack: WebStack;
  let tokens: Record<string, string>;
  const act = async (who: string, caseNo: string, action: string, body: object = {}) => {
    const answer = await stack.api.call(`/cases/${caseNo}/actions/${action}`, { token: tokens[who], body, headers: { 'idempotency-key': randomUUID() } });
    expect(answer.status, `${action}: ${JSON.stringify(answer.body)}`).toBe(200);
  };

  beforeAll(async () => {
    stack = await WebStack.start();
    const admin = await stack.api.adminToken();
    for (const [code, name] of Object.entries(DEPARTMENTS)) {
      expect((await stack.api.call('/departments', { token: admin, body: { code, name } })).status).toBe(201);
    }
    tokens = await stack.api.people(admin, [
      { username: 'window-hc', roles: ['clerk'], department: 'housing-construction', positions: ['acceptor', 'undertaker', 'approver'] },
      { username: 'fire-clerk', roles: ['clerk'], department: 'fire-rescue', positions: ['undertaker', 'reviewer'] },
      { username: 'air-clerk', roles: ['clerk'], department: 'civil-air-defence', positions: ['reviewer'] },
      { username: 'hc-officer', roles: ['department-officer'], department: 'housing-construction' },
      // The ladders of consultations and follow-ups address the officer as this position (domain/oversight/order-rules.ts officerOf).
      { username: 'hc-desk', roles: ['clerk'], department: 'housing-construction', positions: ['department-officer'] },
    ]);
    const draft = await stack.api.call(`/definitions/${ITEM}/draft`, { method: 'PUT', token: admin, body: { definition: shuffled } });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect((await stack.api.call(`/definitions/${ITEM}/publish`, { token: admin, body: { revision: draft.body.revision } })).status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('lists the guide\'s steps in the order of the flow, the parallel branches together before 办结, each with its department\'s name', async () => {
    const { page, errors } = await stack.page();
    await page.goto(`${stack.url}public/items`);
    const entry = page.locator(`[data-testid="catalogue"] [data-item="${ITEM}"]`);
    await eventually(() => entry.count(), { timeout: 20_000 }).toBe(1);
    expect(await entry.textContent()).toContain('市住房和城乡建设局');
    const options = await page.getByTestId('filter-department').locator('option').allTextContents();
    expect(options).toContain('市住房和城乡建设局');
    await page.getByTestId('filter-department').selectOption({ label: '市住房和城乡建设局' });
    await eventually(() => entry.count()).toBe(1);
    await entry.getByRole('link').click();

    const guide = page.getByTestId('item-guide');
    await eventually(() => guide.locator('h1').textContent(), { timeout: 20_000 }).toBe(fixture.item.name);
    expect(await page.getByTestId('guide-department').textContent()).toBe('市住房和城乡建设局');
    const stages = page.locator('[data-testid="guide-steps"] > li');
    expect(await stages.count()).toBe(4);
    expect(await stages.nth(0).textContent()).toContain('综合窗口受理');
    const parallel = stages.nth(1);
    expect(await parallel.getAttribute('data-parallel')).toBe('true');
    expect(await parallel.textContent()).toContain('并联审批');
    const branches = await parallel.locator('li').allTextContents();
    expect(branches).toHaveLength(3);
    expect(branches.find((b) => b.includes('消防初审'))).toMatch(/消防初审.*市消防救援支队.* → 消防复核.*市消防救援支队/);
    expect(branches.find((b) => b.includes('人防审查'))).toContain('市人防办');
    expect(await stages.nth(2).textContent()).toContain('牵头部门批准');
    expect(await stages.nth(3).textContent()).toContain('办结(发证)');
    expect(await guide.textContent()).not.toMatch(CODES);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'portal-guide-flow-order.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('shows a bookmarked case\'s steps with their departments and every pause with its reason, the one-time notice too', async () => {
    const started = await stack.api.call('/cases', {
      token: tokens['window-hc'],
      body: { itemCode: ITEM, applicant: { name: '某建设单位' }, data: { projectName: '某工程', builder: '某建设单位', contractPrice: 500, floorArea: 3000 } },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const { caseNo, queryCode } = started.body as { caseNo: string; queryCode: string };
    await act('window-hc', caseNo, 'supplement-notice', { materials: ['建设工程规划许可证'], reasonCode: 'materials-incomplete' });
    await act('window-hc', caseNo, 'supplement-received');
    await act('window-hc', caseNo, 'accept');
    // Civil air defence reads the case once the read model has the parallel steps.
    await eventually(async () => (await stack.api.call(`/cases/${caseNo}`, { token: tokens['air-clerk'] })).status, { timeout: 20_000 }).toBe(200);
    await act('air-clerk', caseNo, 'complete-step', { nodeId: 'air-defence', action: 'complete' });
    await act('window-hc', caseNo, 'suspend', { reason: '申请人书面申请暂停', reasonCode: 'applicant-request' });

    // The receipt's QR code and a bookmark open the number's own address: the number is filled in, the code is asked.
    const { page, errors } = await stack.page();
    await page.goto(`${stack.url}public/cases/${caseNo}`);
    await eventually(() => page.getByLabel('办件编号').inputValue()).toBe(caseNo);
    expect(await page.getByLabel('查询码').inputValue()).toBe('');
    await page.getByLabel('查询码').fill(queryCode);
    await page.getByTestId('lookup-submit').click();
    const progress = page.getByTestId('case-progress');
    await eventually(() => page.getByTestId('public-clock').getAttribute('data-state'), { timeout: 20_000 }).toBe('paused');
    expect(new URL(page.url()).pathname).toBe(`/public/cases/${caseNo}`);
    expect(page.url()).not.toContain(queryCode);
    expect(await page.getByTestId('progress-department').textContent()).toBe('市住房和城乡建设局');

    const pauses = page.getByTestId('clock-pauses').locator('li');
    await eventually(() => pauses.count()).toBe(2);
    expect(await pauses.nth(0).textContent()).toMatch(/^一次性告知\(材料不齐全\).\d{4}.+ 至 \d{4}.+$/);
    expect(await pauses.nth(1).textContent()).toMatch(/^中止\(申请人申请\).\d{4}.+ 至 至今$/);

    const rows = page.getByTestId('step-history').locator('tbody tr');
    await eventually(() => rows.count(), { timeout: 20_000 }).toBe(4);
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const byStep = new Map(cells.map((c) => [c[0], c]));
    expect(cells[0]?.slice(0, 2)).toEqual(['综合窗口受理', '市住房和城乡建设局']);
    expect(cells[0]?.[3]).toMatch(/\d{4}/);
    expect(byStep.get('人防审查')?.[1]).toBe('市人防办');
    expect(byStep.get('人防审查')?.[3]).toMatch(/\d{4}/);
    expect(byStep.get('消防初审')?.slice(1)).toEqual(['市消防救援支队', expect.stringMatching(/\d{4}/), '办理中']);
    expect(byStep.get('质量安全监督登记')?.[3]).toBe('办理中');
    const text = (await progress.textContent()) ?? '';
    expect(text).not.toMatch(CODES);
    expect(text).not.toMatch(/某建设单位|window-hc|air-clerk|申请人书面申请暂停/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'portal-progress-history.png'), fullPage: true });

    // The number typed on /public/cases moves to the address, never the code.
    await page.goto(`${stack.url}public/cases`);
    await page.getByLabel('办件编号').fill(caseNo);
    await page.getByLabel('查询码').fill(queryCode);
    await page.getByTestId('lookup-submit').click();
    await eventually(() => new URL(page.url()).pathname, { timeout: 20_000 }).toBe(`/public/cases/${caseNo}`);
    expect(page.url()).not.toContain(queryCode);
    expect(errors).toEqual([]);
  });

  it('says in Chinese that no ranking is published, as the API answers an empty list', async () => {
    const answer = await stack.api.call('/public/rankings?period=2026-03');
    expect(answer.status).toBe(200);
    expect(answer.body.ranking).toEqual([]);
    const { page, errors } = await stack.page();
    await page.goto(`${stack.url}public/rankings`);
    await eventually(() => page.getByTestId('rankings-empty').textContent(), { timeout: 20_000 }).toBe('暂无已公布的测评结果。');
    await page.getByLabel('测评期间').fill('2026-03');
    await page.getByRole('button', { name: '查看' }).click();
    await eventually(() => page.getByTestId('rankings-empty').textContent()).toBe('2026-03 暂无已公布的测评结果。');
    expect(await page.getByTestId('ranking').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('leads staff from the case page to its follow-up and from inbox messages to the consultation and the follow-up', async () => {
    const caseNo = `SL-P-${randomUUID().slice(0, 8)}`;
    await recordCaseEvents({ db: stack.api.db, utcOffsetMinutes: 480 }, recordedCase({ caseNo, department: 'housing-construction', itemCode: ITEM, at: Date.now() - 3_600_000 }));
    await caseModel(stack.api.db).updateOne({ _id: caseNo }, { $set: { queryCode: 'LINK2345' } });
    expect((await stack.api.call(`/public/cases/${caseNo}/rating`, { body: { queryCode: 'LINK2345', level: 'dissatisfied', reasons: ['slow'] } })).status).toBe(201);
    const asked = await stack.api.call('/public/consultations', { body: { itemCode: ITEM, asker: { name: '王五' }, question: '需要人防审查吗?' } });
    expect(asked.status).toBe(201);
    const consultationNo = asked.body.consultationNo as string;
    await eventually(async () => (await stack.api.call(`/follow-ups/${caseNo}`, { token: tokens['hc-officer'] })).status, { timeout: 20_000 }).toBe(200);

    const { page, errors } = await stack.page();
    await stack.signIn(page, 'hc-officer', PASSWORD);
    await page.goto(`${stack.url}cases/${caseNo}`);
    await eventually(() => page.getByTestId('case-follow-up').textContent(), { timeout: 20_000 }).toContain('不满意');
    await page.getByTestId('case-follow-up-link').click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/follow-ups/${caseNo}`);

    const desk = await stack.page();
    await stack.signIn(desk.page, 'hc-desk', PASSWORD);
    await desk.page.goto(`${stack.url}inbox`);
    const consultationLink = desk.page.getByRole('link', { name: new RegExp(`^咨询 ${consultationNo}`) });
    await eventually(() => consultationLink.count(), { timeout: 30_000 }).toBe(1);
    expect(await desk.page.getByRole('link', { name: new RegExp(`^差评回访 ${caseNo}`) }).count()).toBeGreaterThan(0);
    await consultationLink.click();
    await eventually(() => new URL(desk.page.url()).pathname).toBe(`/consultations/${consultationNo}`);
    expect([...errors, ...desk.errors]).toEqual([]);
  });
});
