import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCaseEvents } from '../../activities/record';
import { recordDepartmentFact } from '../../activities/rollups';
import { SCREENSHOT_DIR } from '../support/browser';
import { recordedCase } from '../support/case-records';
import { eventually, PASSWORD, WebStack } from './web-stack';

const march = (day: number, hour = 2) => Date.UTC(2026, 2, day, hour);
const EVALUATION = 'efficiency:2026-03';

describe('performance evaluation in Chromium: ranking, appeal of a red card, decision, publication', { timeout: 240_000 }, () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await WebStack.start();
    const admin = await stack.api.adminToken();
    for (const [code, name] of [['health', '市卫生健康委'], ['police', '市公安局']]) {
      expect((await stack.api.call('/departments', { token: admin, body: { code, name } })).status).toBe(201);
    }
    await stack.api.people(admin, [
      { username: 'inspector-zhao', roles: ['supervisor'] },
      { username: 'health-officer', roles: ['department-officer'], department: 'health' },
    ]);
    // March 2026, closed: health has a case concluded late with a yellow and a red card and one concluded early;
    // police one case and a complaint, upheld and rated 4 of 5.
    const deps = { db: stack.api.db, utcOffsetMinutes: 480 };
    await recordCaseEvents(deps, recordedCase({ caseNo: 'H-1', department: 'health', at: march(10), late: true, cards: ['yellowCard', 'redCard'], workingDaysUsed: 25 }));
    await recordCaseEvents(deps, recordedCase({ caseNo: 'H-2', department: 'health', at: march(11), workingDaysUsed: 4 }));
    await recordCaseEvents(deps, recordedCase({ caseNo: 'P-1', department: 'police', at: march(12), workingDaysUsed: 6 }));
    await recordDepartmentFact(stack.api.db, { id: 'C-1:registered', at: march(13), department: 'police', counters: ['complaints'] });
    await recordDepartmentFact(stack.api.db, { id: 'C-1:responded', at: march(13, 5), department: 'police', counters: ['complaintsRespondedInTime'] });
    await recordDepartmentFact(stack.api.db, { id: 'C-1:concluded', at: march(20), department: 'police', counters: ['complaintsConcluded', 'complaintsUpheld'] });
    await recordDepartmentFact(stack.api.db, { id: 'C-1:rated', at: march(21), department: 'police', counters: ['ratings'], sums: { satisfaction: 4 } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a supervisor evaluates March, the department appeals its red card, the upheld appeal raises its score, and the ranking is published', async () => {
    const { page, errors } = await stack.page({ width: 1360, height: 900 });
    await stack.signIn(page, 'inspector-zhao', PASSWORD);
    await page.getByRole('link', { name: '绩效测评', exact: true }).click();
    await eventually(() => page.url()).toContain('/evaluations');

    // An empty period is refused next to the field.
    await page.getByTestId('evaluation-month').fill('');
    await page.getByTestId('start-evaluation').click();
    await eventually(() => page.getByTestId('start-outcome').getAttribute('data-status')).toBe('400');
    await eventually(() => page.locator('.eval-start small.error-text').first().textContent()).toMatch(/pattern|match/);

    await page.getByTestId('evaluation-month').fill('2026-03');
    await page.getByTestId('start-evaluation').click();
    await eventually(() => decodeURIComponent(page.url()), { timeout: 60_000 }).toContain(`/evaluations/${EVALUATION}`);

    // The ranking: police 80.35 first; health 55.5 (late case, yellow and red card) second; indicators with nothing to measure left out and reweighted.
    const ranking = page.getByTestId('ranking');
    await eventually(() => ranking.locator('tbody tr').count()).toBe(2);
    expect(await ranking.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-department')))).toEqual(['police', 'health']);
    expect(await page.getByTestId('score-police').textContent()).toBe('80.35');
    expect(await page.getByTestId('score-health').textContent()).toBe('55.5');
    await expect(ranking.textContent()).resolves.toContain('市卫生健康委');

    // Health's indicators, and the case behind the red card's five points.
    await page.getByTestId('open-health').click();
    const breakdown = page.getByTestId('department-breakdown');
    await eventually(() => breakdown.getAttribute('data-department')).toBe('health');
    expect(await breakdown.locator('[data-testid="indicators"] tbody tr[data-indicator]').count()).toBe(14);
    expect(await page.getByTestId('points-redCards').textContent()).toBe('−5');
    // Half the rated weight had nothing to measure, so the measured indicators count double: 30 of 60.
    expect(await page.getByTestId('points-onTimeRate').textContent()).toBe('30 / 60');
    expect(await page.getByTestId('department-score').textContent()).toBe('55.5');
    await page.getByTestId('cases-redCards').click();
    await eventually(() => page.getByTestId('case-list-redCards').textContent()).toBe('H-1红牌−5');
    await eventually(() => page.locator('[data-testid="indicator-chart"] .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'evaluation-ranking.png'), fullPage: true });

    // The health department's officer appeals the red card; a refusal keeps what was chosen and typed.
    const officer = await stack.page({ width: 1360, height: 900 });
    await stack.signIn(officer.page, 'health-officer', PASSWORD);
    await officer.page.getByRole('link', { name: '绩效测评', exact: true }).click();
    await officer.page.locator(`[data-evaluation="${EVALUATION}"] a`).click();
    await eventually(() => officer.page.getByTestId('department-breakdown').getAttribute('data-department')).toBe('health');
    expect(await officer.page.getByTestId('open-police').count()).toBe(0);
    const card = officer.page.getByTestId('appeal-card');
    expect(await card.locator('option:checked').textContent()).toBe('H-1');
    await officer.page.getByTestId('file-appeal').click();
    await eventually(() => officer.page.getByTestId('appeal-outcome').getAttribute('data-status')).toBe('400');
    expect(await officer.page.locator('.eval-appeal-form .field').nth(1).locator('small.error-text').textContent()).toMatch(/fewer than 1|must NOT have fewer/);
    const reason = '申请人于 3 月 12 日书面申请中止,补交材料期间不应计时。';
    await officer.page.getByTestId('appeal-reason').fill(reason);
    await officer.page.getByTestId('file-appeal').click();
    await eventually(() => officer.page.getByTestId('appeal-outcome').textContent()).toBe('已对 H-1 的红牌提出申诉,等待监察人员处理。');
    await eventually(() => officer.page.getByTestId('evaluation-appeals').locator('tr[data-case="H-1"]').count()).toBe(1);
    await officer.page.getByTestId('appeal-reason').fill('再次申诉');
    await officer.page.getByTestId('file-appeal').click();
    await eventually(() => officer.page.getByTestId('appeal-outcome').getAttribute('data-status')).toBe('409');
    expect(await officer.page.getByTestId('appeal-outcome').textContent()).toContain('这张红牌已经申诉过');
    expect(await officer.page.getByTestId('appeal-reason').inputValue()).toBe('再次申诉');
    expect(officer.errors).toEqual([]);

    // The supervisor opens the appeal from the worklist and reads the clock's evidence.
    await page.getByRole('link', { name: '申诉', exact: true }).click();
    const appealRow = page.getByTestId('appeals').locator('tr[data-case="H-1"]');
    await appealRow.waitFor();
    await appealRow.getByRole('link', { name: 'H-1', exact: true }).click();
    await eventually(() => page.getByTestId('appeal-reason-text').textContent()).toBe(reason);
    expect(await page.getByTestId('evidence-days').textContent()).toBe('25');
    expect(await page.getByTestId('evidence-on-time').textContent()).toBe('否');
    const clock = page.getByTestId('clock-timeline');
    expect(await clock.locator('li').evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')))).toEqual(
      expect.arrayContaining(['event', 'alert', 'deadline']),
    );
    const labels = await clock.locator('.eval-clock-label').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['申请', '受理', '发出黄牌', '发出红牌', '办结', '承诺期限届满', '法定期限届满']));
    expect(labels.indexOf('受理')).toBeLessThan(labels.indexOf('发出红牌'));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'evaluation-appeal.png'), fullPage: true });

    // Deciding without a choice is refused next to the choice and keeps the comment; then upheld.
    await page.getByTestId('decision-comment').fill('中止申请有书面记录,红牌不应计入。');
    await page.getByTestId('decide-appeal').click();
    await eventually(() => page.getByTestId('decision-outcome').getAttribute('data-status')).toBe('400');
    expect(await page.getByTestId('decision-comment').inputValue()).toBe('中止申请有书面记录,红牌不应计入。');
    await page.getByTestId('decision-upheld').check();
    await page.getByTestId('decide-appeal').click();
    await eventually(() => page.getByTestId('appeal-status').textContent()).toBe('申诉成立');
    expect(await page.getByTestId('score-before').textContent()).toBe('55.5');
    expect(await page.getByTestId('score-after').textContent()).toBe('92.5');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'evaluation-appeal-upheld.png'), fullPage: true });

    const evaluation = await stack.api.call(`/evaluations/${EVALUATION}`, { token: await stack.api.login('inspector-zhao', PASSWORD) });
    expect(evaluation.body.finalRanking).toEqual([
      // The upheld appeal takes out every effect of H-1's lateness: its late count (now on time) and both cards.
      expect.objectContaining({ department: 'health', score: 92.5, rank: 1, adjusted: true, original: 55.5 }),
      expect.objectContaining({ department: 'police', score: 80.35, rank: 2, adjusted: false }),
    ]);

    // Back on the evaluation: the raised score, what it was, then publication after a confirmation.
    await page.getByRole('link', { name: EVALUATION, exact: true }).click();
    await eventually(() => page.getByTestId('score-health').textContent()).toBe('92.5申诉后调整,原 55.5');
    expect(await page.getByTestId('adjustments').textContent()).toContain('55.5 → 92.5');
    await page.getByTestId('publish-evaluation').click();
    await expect(page.getByTestId('evaluation-status').textContent()).resolves.toBe('草稿');
    await page.getByTestId('confirm-publish').click();
    await eventually(() => page.getByTestId('evaluation-status').textContent()).toBe('已发布');
    expect(await page.getByTestId('publish-evaluation').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'evaluation-published.png'), fullPage: true });
    expect(errors).toEqual([]);

    // The published ranking, after the appeal, is public (through the web app's own /api).
    const publicRanking = await fetch(new URL('/api/v1/public/rankings?period=2026-03', stack.url));
    expect(publicRanking.status).toBe(200);
    const body = (await publicRanking.json()) as { evaluationId: string; ranking: { department: string; name: string; score: number; rank: number }[] };
    expect(body.evaluationId).toBe(EVALUATION);
    expect(body.ranking.map((r) => [r.department, r.name, r.score, r.rank])).toEqual([['health', '市卫生健康委', 92.5, 1], ['police', '市公安局', 80.35, 2]]);
  });

  it('shows the scoring standard and saves a new version only when the API accepts it, keeping the text of a refused one', async () => {
    const { page, errors } = await stack.page();
    await stack.signIn(page, 'inspector-zhao', PASSWORD);
    await page.goto(new URL('/scoring-standards', stack.url).href);
    const indicators = page.getByTestId('standard-indicators');
    await eventually(() => indicators.locator('tbody tr').count()).toBe(14);
    expect(await indicators.locator('tr[data-indicator="redCards"] td').last().textContent()).toBe('每件「红牌」扣 5 分,最多扣 30 分');
    expect(await indicators.locator('tr[data-indicator="onTimeRate"] td').last().textContent()).toContain('30 分 × 按时办结 ÷ (按时办结 + 超期办结 + 超期未办结)');

    await page.getByTestId('edit-standard').click();
    const json = page.getByTestId('standard-json');
    const standard = JSON.parse(await json.inputValue()) as { indicators: { id: string }[] };
    const duplicated = JSON.stringify({ ...standard, indicators: [standard.indicators[0], standard.indicators[0]] }, null, 2);
    await json.fill(duplicated);
    await page.getByTestId('save-standard').click();
    await eventually(() => page.getByTestId('standard-outcome').getAttribute('data-status')).toBe('422');
    expect(await page.getByTestId('standard-problems').textContent()).toBe('/indicators/1/id duplicate indicator id onTimeRate');
    expect(await json.inputValue()).toBe(duplicated);

    await json.fill(JSON.stringify({ ...standard, indicators: standard.indicators.slice(0, 3) }));
    await page.getByTestId('save-standard').click();
    await eventually(() => page.getByTestId('standard-created').textContent()).toBe('已保存 efficiency 第 2 版。');
    await eventually(() => page.getByTestId('standard-versions').locator('li').count()).toBe(2);
    await eventually(() => indicators.locator('tbody tr').count()).toBe(3);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'evaluation-standards.png'), fullPage: true });

    // In English, the same page from the English texts.
    await page.getByTestId('language-switch').click();
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Scoring standards');
    await page.getByRole('button', { name: 'v1', exact: true }).click();
    await eventually(() => indicators.locator('tr[data-indicator="redCards"] td').last().textContent()).toBe('5 off for each "red cards", at most 30');
    expect(errors).toEqual([]);
  });
});
