import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionFixtures } from '../fixtures/definitions';
import { ApiHarness, problem } from './harness';

const limits = { promisedDays: 1, statutoryDays: 2, redCardGraceDays: 1 };
/** Friday 2030-01-04 10:00 in Shanghai. */
const friday = '2030-01-04T02:00:00.000Z';

const ICS = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN',
  'BEGIN:VEVENT', 'UID:a@test', 'DTSTART;VALUE=DATE:20310203', 'DTEND;VALUE=DATE:20310206', 'SUMMARY:春节', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:b@test', 'DTSTART;VALUE=DATE:20310208', 'SUMMARY:春节调休 上班', 'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('work calendar and deadline preview', () => {
  let api: ApiHarness;
  let admin: string;
  let clerk: string;
  beforeAll(async () => {
    api = await ApiHarness.start();
    admin = await api.adminToken();
    ({ clerk } = (await api.people(admin, [{ username: 'clerk', roles: ['clerk'], department: 'dep-a' }])) as { clerk: string });
  });
  afterAll(() => api?.stop());

  const preview = (body: unknown) => api.call('/deadline-preview', { body });

  it('previews the schedule on the national calendar across a holiday', async () => {
    const answer = await preview({ limits: { promisedDays: 10, statutoryDays: 20, redCardGraceDays: 3 }, startAt: '2026-09-30T02:00:00.000Z', now: '2026-09-30T03:00:00.000Z' });
    expect(answer.status).toBe(200);
    // Monday to Friday alone would end on 2026-10-14; the National Day holiday pushes it later.
    expect(answer.body.deadlineDate > '2026-10-14').toBe(true);
    expect(answer.body.thresholds.map((t: { kind: string }) => t.kind)).toEqual(['warning', 'yellowCard', 'redCard']);
    expect(answer.body).toMatchObject({ alertLevel: 'normal', provisional: false });
  });

  it('publishes a year as JSON, makes local adjustments and imports iCalendar', async () => {
    const before = await preview({ limits, startAt: friday });
    expect(before.body).toMatchObject({ deadlineDate: '2030-01-07', provisional: true, provisionalYears: [2030] });

    const year = { year: 2030, holidays: ['2030-01-01', '2030-01-07'], workdays: [], published: true, source: '国办发明电〔2029〕1号' };
    const published = await api.call('/calendar/years/2030', { method: 'PUT', token: admin, body: year });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ changed: '2030', failed: 0 });
    const after = await preview({ limits, startAt: friday });
    expect(after.body).toMatchObject({ deadlineDate: '2030-01-08', provisional: false });

    const adjustment = { working: false, reason: '地方性假日', source: '市政府通知' };
    expect((await api.call('/calendar/adjustments/2030-01-08', { method: 'PUT', token: admin, body: adjustment })).status).toBe(200);
    expect((await preview({ limits, startAt: friday })).body.deadlineDate).toBe('2030-01-09');
    const read = await api.call('/calendar?from=2030&to=2030');
    expect(read.body.years).toHaveLength(1);
    expect(read.body.adjustments).toEqual([{ date: '2030-01-08', ...adjustment }]);
    expect((await api.call('/calendar/adjustments/2030-01-08', { method: 'DELETE', token: admin })).status).toBe(200);
    expect((await preview({ limits, startAt: friday })).body.deadlineDate).toBe('2030-01-08');

    const imported = await api.call('/calendar/years/2031/ical', { token: admin, body: { ics: ICS, source: 'ics feed' } });
    expect(imported.status).toBe(200);
    const y2031 = (await api.call('/calendar?from=2031&to=2031')).body.years[0];
    expect(y2031).toMatchObject({ holidays: ['2031-02-03', '2031-02-04', '2031-02-05'], workdays: ['2031-02-08'], source: 'ics feed' });
  });

  it('previews from an item’s published limits', async () => {
    const licence = definitionFixtures['sequential-licence'];
    await api.holders(admin, licence);
    await api.call(`/definitions/${licence.item.code}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    await api.call(`/definitions/${licence.item.code}/publish`, { token: admin, body: { revision: 1 } });
    const answer = await preview({ itemCode: licence.item.code, startAt: '2026-03-02T02:00:00.000Z' });
    expect(answer.status).toBe(200);
    expect(answer.body.limits).toMatchObject({ promisedDays: 10, statutoryDays: 20, redCardGraceDays: 3 });
    expect(answer.body.deadlineDate).toBe('2026-03-16');
    expect((await preview({ itemCode: 'UNKNOWN-1', startAt: friday })).status).toBe(404);
  });

  it('refuses bad input', async () => {
    const both = await preview({ itemCode: 'X', limits, startAt: friday });
    expect(both.status).toBe(400);
    const badInstant = await preview({ limits, startAt: 'tomorrow' });
    expect(problem(badInstant).errors).toContainEqual(expect.objectContaining({ pointer: '/startAt' }));
    const reversed = await preview({ limits, startAt: friday, pauses: [{ reason: 'supplement', from: '2030-01-01T00:00:00Z' }] });
    expect(problem(reversed).errors?.[0]?.pointer).toBe('/pauses/0');

    const asClerk = await api.call('/calendar/years/2032', { method: 'PUT', token: clerk, body: { year: 2032, holidays: [], workdays: [], published: true, source: 'x' } });
    expect(asClerk.status).toBe(403);
    const mismatch = await api.call('/calendar/years/2032', { method: 'PUT', token: admin, body: { year: 2033, holidays: [], workdays: [], published: true, source: 'x' } });
    expect(mismatch.status).toBe(422);
    const inconsistent = await api.call('/calendar/years/2032', {
      method: 'PUT', token: admin, body: { year: 2032, holidays: ['2032-02-30', '2031-05-01'], workdays: ['2032-01-05'], published: true, source: 'x' },
    });
    expect(inconsistent.status).toBe(400);
    expect(problem(inconsistent).errors?.map((e) => e.pointer)).toEqual(['/holidays/0', '/holidays/1', '/workdays/0']);
    const impossible = await api.call('/calendar/adjustments/2030-02-30', { method: 'PUT', token: admin, body: { working: true, reason: 'x', source: 'y' } });
    expect(problem(impossible).errors?.[0]).toMatchObject({ in: 'path', pointer: '/date' });
    expect((await api.call('/calendar/adjustments/2030-03-03', { method: 'DELETE', token: admin })).status).toBe(404);
    const badIcs = await api.call('/calendar/years/2033/ical', { token: admin, body: { ics: 'not a calendar', source: 'x' } });
    expect(badIcs.status).toBe(422);
    expect((await api.call('/calendar?from=year')).status).toBe(400);
  });
});
