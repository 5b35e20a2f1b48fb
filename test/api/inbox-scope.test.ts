import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usersDirectory } from '../../activities/notify/directory';
import { definitionFixtures } from '../fixtures/definitions';
import { ApiHarness, BACKFILL_TOLERANCE_DAYS, eventually, PASSWORD } from './harness';

const licence = definitionFixtures['sequential-licence'];
const DAY = 86_400_000;

/** The licence of another department under another item code. */
const licenceOf = (department: string, itemCode: string) =>
  JSON.parse(JSON.stringify(licence).replaceAll(licence.item.department, department).replaceAll(licence.item.code, itemCode)) as typeof licence;

describe('the supervision office\'s messages reach the supervisors who oversee the case\'s department', () => {
  let api: ApiHarness;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    // Cases accepted two months ago: their yellow and red cards, for the supervision office, fall at once.
    api = await ApiHarness.start({ externalReportToleranceDays: BACKFILL_TOLERANCE_DAYS });
    const admin = await api.adminToken();
    const departments = [
      { code: 'city', name: '市', parent: null }, { code: 'county-a', name: '甲县', parent: 'city' }, { code: 'market-a', name: '甲县市场监管局', parent: 'county-a' },
      { code: 'county-b', name: '乙县', parent: 'city' }, { code: 'market-b', name: '乙县市场监管局', parent: 'county-b' },
    ];
    for (const d of departments) expect((await api.call('/departments', { token: admin, body: d })).status).toBe(201);
    const supervisors = [['city-supervisor', 'city'], ['supervisor-a', 'county-a'], ['supervisor-b', 'county-b']] as const;
    for (const [username, department] of supervisors) {
      const body = { username, name: username, password: PASSWORD, roles: ['supervisor'], department };
      expect((await api.call('/users', { token: admin, body })).status).toBe(201);
    }
    tokens = Object.fromEntries(await Promise.all(supervisors.map(async ([u]) => [u, await api.login(u, PASSWORD)] as const)));
    const system = await api.call('/external-systems', { token: admin, body: { systemId: 'county-sys', name: '县审批系统', departments: ['market-a', 'market-b'] } });
    for (const [department, itemCode, caseNo] of [['market-a', 'ITEM-A', 'A-1'], ['market-b', 'ITEM-B', 'B-1']] as const) {
      const definition = licenceOf(department, itemCode);
      await api.holders(admin, definition);
      await api.call(`/definitions/${itemCode}/draft`, { method: 'PUT', token: admin, body: { definition } });
      expect((await api.call(`/definitions/${itemCode}/publish`, { token: admin, body: { revision: 1 } })).status).toBe(201);
      const at = new Date(Date.now() - 60 * DAY).toISOString();
      const events = [
        { eventId: `${caseNo}-1`, caseNo, itemCode, type: 'submitted', sequence: 1, occurredAt: at, applicant: { name: '某公司' } },
        { eventId: `${caseNo}-2`, caseNo, itemCode, type: 'accepted', sequence: 2, occurredAt: at },
      ];
      expect((await api.call('/ingest/events', { body: { events }, headers: { 'x-api-key': system.body.apiKey } })).body).toMatchObject({ accepted: 2 });
    }
  }, 180_000);
  afterAll(() => api?.stop());

  const cases = async (username: string) => {
    const answer = await api.call('/inbox?kind=red', { token: tokens[username] });
    return [...new Set((answer.body.items as { subject: { id: string } }[]).map((m) => m.subject.id))].sort();
  };

  it('a county\'s supervisors read their county\'s red cards, the city\'s read every county\'s', async () => {
    expect(await eventually(() => cases('city-supervisor'), (c) => c.length === 2, 60_000)).toEqual(['county-sys-A-1', 'county-sys-B-1']);
    expect(await cases('supervisor-a')).toEqual(['county-sys-A-1']);
    expect(await cases('supervisor-b')).toEqual(['county-sys-B-1']);
    const message = (await api.call('/inbox?kind=red', { token: tokens['supervisor-a'] })).body.items[0];
    expect(message).toMatchObject({ department: 'market-a' });
    // Another county's message cannot be read or counted either.
    const other = (await api.call('/inbox?kind=red', { token: tokens['supervisor-b'] })).body.items[0];
    expect((await api.call(`/inbox/${encodeURIComponent(other.id)}/read`, { method: 'POST', token: tokens['supervisor-a'] })).status).toBe(404);
    const unread = async (u: string) => (await api.call('/inbox/unread', { token: tokens[u] })).body.unread as number;
    expect(await unread('city-supervisor')).toBe((await unread('supervisor-a')) + (await unread('supervisor-b')));
  });

  it('e-mail and SMS to the supervision office go to the same supervisors', async () => {
    const office = async (department: string) =>
      (await usersDirectory(api.db).resolve([{ kind: 'supervision-office' }], department)).map((r) => r.id).sort();
    expect(await office('market-a')).toEqual(['city-supervisor', 'supervisor-a']);
    expect(await office('market-b')).toEqual(['city-supervisor', 'supervisor-b']);
  });
});
