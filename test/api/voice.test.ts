import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCaseEvents } from '../../activities/record';
import { caseModel } from '../../db/models/case';
import { supervisionLogModel } from '../../db/models/supervision-log';
import { definitionFixtures } from '../fixtures/definitions';
import { recordedCase } from '../support/case-records';
import { ApiHarness, eventually, problem, type Answer } from './harness';

const licence = definitionFixtures['sequential-licence'];
const itemCode = licence.item.code;
const dept = licence.item.department;
const pointers = (a: Answer) => problem(a).errors?.map((e) => e.pointer) ?? [];

describe('consultations and ratings API', () => {
  let api: ApiHarness;
  let t: Record<string, string>;
  const key = () => ({ 'idempotency-key': randomUUID() });

  beforeAll(async () => {
    api = await ApiHarness.start({ trustProxy: 'loopback' });
    const admin = await api.adminToken();
    await api.holders(admin, licence);
    const draft = await api.call(`/definitions/${itemCode}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    await api.call(`/definitions/${itemCode}/publish`, { token: admin, body: { revision: draft.body.revision } });
    t = await api.people(admin, [
      { username: 'clerk', roles: ['clerk'], department: dept },
      { username: 'officer', roles: ['department-officer'], department: dept },
      { username: 'other-officer', roles: ['department-officer'], department: 'tax-bureau' },
      { username: 'supervisor', roles: ['supervisor'] },
    ]);
  });
  afterAll(() => api?.stop());

  it('refuses bad questions with problem+json naming the field, never a 500', async () => {
    const empty = await api.call('/public/consultations', { body: { itemCode, asker: { name: ' ' }, question: '' } });
    expect(empty.status).toBe(400);
    expect(empty.headers.get('content-type')).toContain('application/problem+json');
    expect(pointers(empty)).toEqual(expect.arrayContaining(['/asker/name', '/question']));
    const unknown = await api.call('/public/consultations', { body: { itemCode: 'NO-SUCH-ITEM', asker: { name: '王五' }, question: '要什么材料?' } });
    expect(unknown.status).toBe(422);
    expect(pointers(unknown)).toEqual(['/itemCode']);
    const extra = await api.call('/public/consultations', { body: { itemCode, asker: { name: '王五' }, question: 'x', department: 'tax-bureau' } });
    expect(extra.status).toBe(400);
    expect((await api.call('/public/consultations/ZX1?queryCode=ABCD1234')).status).toBe(400);
    expect((await api.call('/public/consultations/ZX20990101000001')).status).toBe(400);
    expect((await api.call('/public/consultations/ZX20990101000001?queryCode=ABCD1234')).status).toBe(404);
    const noKey = await api.call('/consultations/ZX20990101000001/answer', { token: t['clerk'], body: { answer: 'x' } });
    expect(noKey.status).toBe(400);
    const noAnswer = await api.call('/consultations/ZX20990101000001/answer', { token: t['clerk'], body: {}, headers: key() });
    expect(noAnswer.status).toBe(400);
    expect(pointers(noAnswer)).toContain('/answer');
  });

  it('routes a question to the item\'s department, shows the answer with the query code and publishes it to the guide', async () => {
    const asked = await api.call('/public/consultations', { body: { itemCode, asker: { name: '王五', phone: '13900000000' }, question: '分店需要单独办理吗?' } });
    expect(asked.status).toBe(201);
    const { consultationNo, queryCode } = asked.body as { consultationNo: string; queryCode: string };
    expect(consultationNo).toMatch(/^ZX\d{14}$/);
    const shown = await eventually(() => api.call(`/public/consultations/${consultationNo}?queryCode=${queryCode}`), (a) => a.status === 200);
    expect(shown.body).toMatchObject({ itemCode, department: dept, status: 'open', answer: null });
    expect(JSON.stringify(shown.body)).not.toContain('13900000000');
    expect((await api.call(`/public/consultations/${consultationNo}?queryCode=WRONG123`)).status).toBe(404);

    await eventually(() => api.call(`/consultations/${consultationNo}`, { token: t['clerk'] }), (a) => a.status === 200);
    expect((await api.call(`/consultations/${consultationNo}`, { token: t['other-officer'] })).status).toBe(404);
    expect((await api.call(`/consultations/${consultationNo}/faq`, { token: t['officer'], body: {} })).status).toBe(409);
    expect((await api.call(`/consultations/${consultationNo}/answer`, { token: t['supervisor'], body: { answer: 'x' }, headers: key() })).status).toBe(403);
    expect((await api.call(`/consultations/${consultationNo}/answer`, { token: t['other-officer'], body: { answer: 'x' }, headers: key() })).status).toBe(404);
    const headers = key();
    const answered = await api.call(`/consultations/${consultationNo}/answer`, { token: t['clerk'], body: { answer: '每个经营场所单独办理。' }, headers });
    expect(answered.status).toBe(200);
    const again = await api.call(`/consultations/${consultationNo}/answer`, { token: t['clerk'], body: { answer: '每个经营场所单独办理。' }, headers });
    expect(again.body).toEqual(answered.body);
    const twice = await api.call(`/consultations/${consultationNo}/answer`, { token: t['officer'], body: { answer: '另一个答复' }, headers: key() });
    expect(twice.status).toBe(409);

    const public2 = await eventually(() => api.call(`/public/consultations/${consultationNo}?queryCode=${queryCode}`), (a) => a.body.status === 'answered');
    expect(public2.body).toMatchObject({ answer: '每个经营场所单独办理。' });
    const faq = await api.call(`/consultations/${consultationNo}/faq`, { token: t['officer'], body: { question: '分店是否需要单独办理许可?' } });
    expect(faq.status).toBe(200);
    const guide = await api.call(`/public/items/${itemCode}/faq`);
    expect(guide.body.items).toContainEqual(expect.objectContaining({ consultationNo, question: '分店是否需要单独办理许可?', answer: '每个经营场所单独办理。' }));
    const logged = await supervisionLogModel(api.db).find({ targetKind: 'consultation', targetId: consultationNo }).lean();
    expect(logged.map((r) => r.action).sort()).toEqual(['consultation.answer', 'consultation.answer', 'consultation.publish-faq']);
  });

  it('takes one rating of a concluded case, opens a follow-up on a 差评 and shows its result to the applicant', async () => {
    const caseNo = `SL-R-${randomUUID().slice(0, 8)}`;
    await recordCaseEvents({ db: api.db, utcOffsetMinutes: 480 }, recordedCase({ caseNo, department: dept, itemCode, at: Date.now() - 3_600_000 }));
    await caseModel(api.db).updateOne({ _id: caseNo }, { $set: { queryCode: 'RATE2345' } });
    const rate = (body: object) => api.call(`/public/cases/${caseNo}/rating`, { body });

    const bad = await rate({ queryCode: 'RATE2345', level: 'awful', reasons: ['slow', 'slow'] });
    expect(bad.status).toBe(400);
    expect(pointers(bad)).toEqual(expect.arrayContaining(['/level', '/reasons']));
    expect((await rate({ queryCode: 'WRONG234', level: 'satisfied' })).status).toBe(404);
    const before = await api.call(`/public/cases/${caseNo}/rating?queryCode=RATE2345`);
    expect(before.body).toMatchObject({ canRate: true, rating: null });

    const body = { queryCode: 'RATE2345', level: 'very-dissatisfied', reasons: ['repeated-visits'], comment: '跑了三趟' };
    const both = await Promise.all([rate(body), rate(body)]);
    expect(both.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(problem(both.find((a) => a.status === 409) as Answer).code).toBe('ALREADY_RATED');

    await eventually(() => api.call(`/follow-ups/${caseNo}`, { token: t['officer'] }), (a) => a.status === 200);
    expect((await api.call(`/follow-ups/${caseNo}`, { token: t['other-officer'] })).status).toBe(404);
    const noResult = await api.call(`/follow-ups/${caseNo}/close`, { token: t['officer'], body: { outcome: 'rectified' }, headers: key() });
    expect(pointers(noResult)).toContain('/result');
    expect((await api.call(`/follow-ups/${caseNo}/close`, { token: t['clerk'], body: { outcome: 'rectified', result: 'x' }, headers: key() })).status).toBe(403);
    const closed = await api.call(`/follow-ups/${caseNo}/close`, { token: t['officer'], body: { outcome: 'rectified', result: '已当面致歉并简化材料。' }, headers: key() });
    expect(closed.status).toBe(200);

    const seen = await eventually(() => api.call(`/public/cases/${caseNo}/rating?queryCode=RATE2345`), (a) => a.body.rating?.followUp === 'closed');
    expect(seen.body).toMatchObject({ canRate: false, rating: { level: 'very-dissatisfied', outcome: 'rectified', result: '已当面致歉并简化材料。' } });
    const rates = await api.call('/public/ratings');
    expect(rates.body.items).toContainEqual(expect.objectContaining({ department: dept, itemCode, bad: 1 }));
    expect(await supervisionLogModel(api.db).countDocuments({ action: 'follow-up.close', targetId: caseNo })).toBe(1);
  });

  it('refuses a rating before the conclusion', async () => {
    const caseNo = `SL-O-${randomUUID().slice(0, 8)}`;
    await recordCaseEvents({ db: api.db, utcOffsetMinutes: 480 }, recordedCase({ caseNo, department: dept, itemCode, at: Date.now() }));
    await caseModel(api.db).updateOne({ _id: caseNo }, { $set: { queryCode: 'OPEN2345', concludedAt: null, status: 'processing' } });
    const refused = await api.call(`/public/cases/${caseNo}/rating`, { body: { queryCode: 'OPEN2345', level: 'satisfied' } });
    expect(refused.status).toBe(409);
    expect(problem(refused).code).toBe('NOT_CONCLUDED');
  });
});
