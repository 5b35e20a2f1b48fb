import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCaseEvents } from '../../activities/record';
import { consultationWorkflowId } from '../../config/temporal';
import { alertModel } from '../../db/models/alert';
import { caseModel } from '../../db/models/case';
import { defaultCalendar } from '../../domain/calendar/chinese-days';
import { CONSULTATION_WORKFLOW_NAME, type ConsultationStartInput } from '../../workflows/consultation/contract';
import { definitionFixtures } from '../fixtures/definitions';
import { SCREENSHOT_DIR } from '../support/browser';
import { recordedCase } from '../support/case-records';
import { eventually, PASSWORD, WebStack } from './web-stack';

const fixture = definitionFixtures['sequential-licence'];
const ITEM = fixture.item.code;
const DEPARTMENT = fixture.item.department;
const DAY = 86_400_000;

describe('好差评 and consultations in Chromium: a 差评 followed up and closed, questions answered in time and late', { timeout: 240_000 }, () => {
  let stack: WebStack;
  let admin: string;

  beforeAll(async () => {
    stack = await WebStack.start();
    admin = await stack.api.adminToken();
    await stack.api.holders(admin, fixture);
    const draft = await stack.api.call(`/definitions/${ITEM}/draft`, { method: 'PUT', token: admin, body: { definition: fixture } });
    expect((await stack.api.call(`/definitions/${ITEM}/publish`, { token: admin, body: { revision: draft.body.revision } })).status).toBe(201);
    await stack.api.people(admin, [
      { username: 'clerk-wang', roles: ['clerk'], department: DEPARTMENT, positions: ['acceptor'] },
      { username: 'officer-qian', roles: ['department-officer'], department: DEPARTMENT },
    ]);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('takes a 差评 on the progress page, the officer closes its follow-up, and the applicant reads the result', async () => {
    const caseNo = 'SL20261204000901';
    await recordCaseEvents({ db: stack.api.db, utcOffsetMinutes: 480 }, recordedCase({ caseNo, department: DEPARTMENT, itemCode: ITEM, at: Date.now() - 3_600_000 }));
    await caseModel(stack.api.db).updateOne({ _id: caseNo }, { $set: { queryCode: 'RATE2345' } });

    const { page, errors } = await stack.page();
    await page.goto(`${stack.url}public/cases`);
    await page.getByLabel('办件编号').fill(caseNo);
    await page.getByLabel('查询码').fill('RATE2345');
    await page.getByTestId('lookup-submit').click();
    await page.getByTestId('case-rating-form').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('case-rating-form').textContent()).toContain('评价本次办理(好差评)');
    await page.getByLabel('非常不满意').check();
    await page.getByLabel('多次跑动').check();
    await page.getByLabel('意见或建议').fill('材料退回了三次');
    await page.getByTestId('case-rating-submit').click();
    await eventually(() => page.getByTestId('follow-up-open').textContent(), { timeout: 20_000 }).toContain('整改回访');

    const { page: officer } = await stack.page();
    await stack.signIn(officer, 'officer-qian', PASSWORD);
    await officer.goto(`${stack.url}follow-ups/${caseNo}`);
    await eventually(() => officer.getByTestId('follow-up-status').textContent(), { timeout: 20_000 }).toBe('整改回访中');
    expect(await officer.getByTestId('follow-up').textContent()).toContain('多次跑动');
    await officer.getByLabel('办理结果类别').selectOption({ label: '已整改' });
    await officer.getByLabel('办理结果(申请人可见)').fill('已约谈窗口人员,一次性告知全部材料。');
    await officer.getByTestId('close-submit').click();
    await eventually(() => officer.getByTestId('follow-up-status').textContent(), { timeout: 20_000 }).toBe('已办结');

    await eventually(async () => {
      await page.getByTestId('lookup-submit').click();
      return page.getByTestId('follow-up-result').textContent({ timeout: 2_000 }).catch(() => '');
    }, { timeout: 30_000 }).toContain('已约谈窗口人员,一次性告知全部材料。');
    expect(await page.getByTestId('follow-up-result').textContent()).toContain('已整改');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'voice-follow-up-closed.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('a question asked on the portal is answered in time by the department and shown with the query code', async () => {
    const { page, errors } = await stack.page();
    await page.goto(`${stack.url}public/items/${ITEM}`);
    await page.getByTestId('ask-link').click();
    await page.getByLabel('姓名').fill('王五');
    await page.getByLabel('咨询内容').fill('分店需要单独办理许可吗?');
    await page.getByTestId('ask-submit').click();
    const no = (await page.getByTestId('consultation-no').textContent({ timeout: 20_000 })) ?? '';
    const code = (await page.getByTestId('consultation-code').textContent()) ?? '';
    expect(no).toMatch(/^ZX\d{14}$/);

    const { page: clerk } = await stack.page();
    await stack.signIn(clerk, 'clerk-wang', PASSWORD);
    await eventually(async () => {
      await clerk.goto(`${stack.url}consultations/${no}`);
      return clerk.getByTestId('consultation-status').textContent({ timeout: 3_000 }).catch(() => '');
    }, { timeout: 30_000 }).toBe('待答复');
    await clerk.getByTestId('answer-input').fill('每个经营场所单独办理。');
    await clerk.getByTestId('answer-submit').click();
    await eventually(() => clerk.getByTestId('consultation-status').textContent(), { timeout: 20_000 }).toBe('已答复');
    expect(await clerk.getByTestId('consultation').textContent()).toContain('按期');

    await page.goto(`${stack.url}public/consultations`);
    await page.getByLabel('咨询编号').fill(no);
    await page.getByLabel('查询码').fill(code);
    await page.getByTestId('consultation-lookup-submit').click();
    await eventually(() => page.getByTestId('answer-text').textContent(), { timeout: 20_000 }).toBe('每个经营场所单独办理。');
    expect(await page.getByTestId('consultation-answer').textContent()).toContain('已答复');
    expect(errors).toEqual([]);
  });

  it('a question left past its limit raises its alert, and the late answer says so', async () => {
    // Registered by phone eight days ago (two working days to answer): every rung is already due when it starts.
    const no = 'ZX20261126000901';
    const input: ConsultationStartInput = {
      consultationNo: no, queryCode: 'LATE2345', channel: 'phone', asker: { name: '赵六' }, itemCode: ITEM, itemName: fixture.item.name,
      department: DEPARTMENT, question: '营业执照地址变更后许可证要换吗?', askedAt: Date.now() - 8 * DAY, calendar: defaultCalendar(), limits: { answerDays: 2 },
    };
    await stack.api.temporal.workflow.start(CONSULTATION_WORKFLOW_NAME, { taskQueue: stack.api.taskQueue, workflowId: consultationWorkflowId(no), args: [input] });
    await eventually(async () => (await alertModel(stack.api.db).find({ subjectId: no }).lean()).map((a) => a.kind).sort(), { timeout: 30_000 })
      .toEqual(['consultationEscalated', 'consultationOverdue', 'consultationWarning']);

    const { page, errors } = await stack.page();
    await stack.signIn(page, 'officer-qian', PASSWORD);
    await eventually(async () => {
      await page.goto(`${stack.url}consultations/${no}`);
      return page.getByTestId('consultation-level').textContent({ timeout: 3_000 }).catch(() => '');
    }, { timeout: 30_000 }).toBe('红牌');
    await page.getByTestId('answer-input').fill('需要办理变更。');
    await page.getByTestId('answer-submit').click();
    await eventually(() => page.getByTestId('consultation-status').textContent(), { timeout: 20_000 }).toBe('已答复');
    expect(await page.getByTestId('consultation').textContent()).toContain('逾期');
    expect(errors).toEqual([]);
  });
});
