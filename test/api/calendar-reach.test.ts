import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCaseEvents } from '../../activities/record';
import { caseModel } from '../../db/models/case';
import { definitionFixtures } from '../fixtures/definitions';
import { recordedCase } from '../support/case-records';
import { ApiHarness, eventually } from './harness';

const licence = definitionFixtures['sequential-licence'];
const itemCode = licence.item.code;
const dept = licence.item.department;
const HOUR = 3_600_000;
/** The local (+08:00) date of the last moment before an instant: the last working day of a limit ending at 24:00. */
const lastDayBefore = (at: string) => new Date(Date.parse(at) - 1 + 8 * HOUR).toISOString().slice(0, 10);

describe('running consultations and rating follow-ups: a published calendar reaches them, their messages link to them', () => {
  let api: ApiHarness;
  let admin: string;
  let officer: string;
  const opened: { consultationNo?: string; caseNo?: string } = {};

  beforeAll(async () => {
    api = await ApiHarness.start({ trustProxy: 'loopback' });
    admin = await api.adminToken();
    await api.holders(admin, licence);
    const draft = await api.call(`/definitions/${itemCode}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    await api.call(`/definitions/${itemCode}/publish`, { token: admin, body: { revision: draft.body.revision } });
    // The ladders address the officer as the position 'department-officer' (domain/oversight/order-rules.ts officerOf).
    officer = (await api.people(admin, [{ username: 'officer', roles: ['clerk'], department: dept, positions: ['department-officer'] }]))['officer'] as string;
  });
  afterAll(() => api?.stop());

  it('moves the answer limit and the follow-up limit when their last working day becomes a day off', async () => {
    const asked = await api.call('/public/consultations', { body: { itemCode, asker: { name: '王五' }, question: '分店需要单独办理吗?' } });
    expect(asked.status).toBe(201);
    const { consultationNo, queryCode } = asked.body as { consultationNo: string; queryCode: string };
    opened.consultationNo = consultationNo;
    const consultation = () => api.call(`/public/consultations/${consultationNo}?queryCode=${queryCode}`);

    const caseNo = `SL-C-${randomUUID().slice(0, 8)}`;
    opened.caseNo = caseNo;
    await recordCaseEvents({ db: api.db, utcOffsetMinutes: 480 }, recordedCase({ caseNo, department: dept, itemCode, at: Date.now() - HOUR }));
    await caseModel(api.db).updateOne({ _id: caseNo }, { $set: { queryCode: 'CLDR2345' } });
    const rated = await api.call(`/public/cases/${caseNo}/rating`, { body: { queryCode: 'CLDR2345', level: 'dissatisfied', reasons: ['slow'] } });
    expect(rated.status).toBe(201);
    const rating = () => api.call(`/public/cases/${caseNo}/rating?queryCode=CLDR2345`);

    const answerBy = (await eventually(consultation, (a) => a.status === 200)).body.answerDeadline as string;
    const followUpBy = (await eventually(rating, (a) => typeof a.body.rating?.deadline === 'string')).body.rating.deadline as string;

    // The last working day of each limit becomes a local day off: each limit ends one working day later.
    for (const day of new Set([lastDayBefore(answerBy), lastDayBefore(followUpBy)])) {
      const published = await api.call(`/calendar/adjustments/${day}`, { method: 'PUT', token: admin, body: { working: false, reason: '地方性假日', source: '市政府通知' } });
      expect(published.status, JSON.stringify(published.body)).toBe(200);
    }
    const moved = await eventually(consultation, (a) => a.body.answerDeadline !== answerBy);
    expect(Date.parse(moved.body.answerDeadline)).toBeGreaterThanOrEqual(Date.parse(answerBy) + 24 * HOUR);
    expect(lastDayBefore(moved.body.answerDeadline) > lastDayBefore(answerBy)).toBe(true);
    const later = await eventually(rating, (a) => a.body.rating?.deadline !== followUpBy);
    expect(Date.parse(later.body.rating.deadline)).toBeGreaterThanOrEqual(Date.parse(followUpBy) + 24 * HOUR);
  });

  it('links the officer\'s messages to the consultation and the follow-up, not to a case', async () => {
    const subjects = async () => ((await api.call('/inbox', { token: officer })).body.items as { subject: { kind: string; id: string } }[]).map((m) => m.subject);
    const seen = await eventually(subjects, (s) => s.some((x) => x.kind === 'follow-up') && s.some((x) => x.kind === 'consultation'));
    expect(seen).toContainEqual({ kind: 'consultation', id: opened.consultationNo });
    expect(seen).toContainEqual({ kind: 'follow-up', id: opened.caseNo });
    expect(seen).not.toContainEqual({ kind: 'case', id: opened.caseNo });
  });
});
