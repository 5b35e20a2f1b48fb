import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCaseEvents } from '../../activities/record';
import { caseModel } from '../../db/models/case';
import { definitionFixtures } from '../fixtures/definitions';
import { recordedCase } from '../support/case-records';
import { type Answer, ApiHarness, eventually, problem } from './harness';

const licence = definitionFixtures['sequential-licence'];
const itemCode = licence.item.code;
const DEPARTMENT = licence.item.department;
const form = { applicantName: '杭州某某酒店有限公司', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州市西湖区曙光路 1 号', businessType: 'hotel' };
const DAY = 86_400_000;

const numbers = (a: Answer) => (a.body.items as { caseNo: string }[]).map((c) => c.caseNo);

describe("clerks' worklists and the board's order: counts, search, urgency and scope", () => {
  let api: ApiHarness;
  let t: Record<string, string>;
  const list = (query: string, token = t['front']) => api.call(`/cases?${query}`, { token });
  const counts = (query = '', token = t['front']) => api.call(`/worklists?${query}`, { token });
  let westLake: string;
  let riverside: string;
  let accepted: string;

  beforeAll(async () => {
    api = await ApiHarness.start();
    const admin = await api.adminToken();
    await api.holders(admin, licence);
    await api.call(`/definitions/${itemCode}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    expect((await api.call(`/definitions/${itemCode}/publish`, { token: admin, body: { revision: 1 } })).status).toBe(201);
    t = await api.people(admin, [
      { username: 'front', roles: ['clerk'], department: DEPARTMENT, positions: ['acceptor'] },
      { username: 'front-2', roles: ['clerk'], department: DEPARTMENT, positions: ['acceptor'] },
      { username: 'back', roles: ['clerk'], department: DEPARTMENT, positions: ['undertaker', 'reviewer', 'approver'] },
      { username: 'other', roles: ['clerk'], department: 'market', positions: ['acceptor', 'undertaker'] },
      { username: 'supervisor', roles: ['supervisor'] },
    ]);
    const start = async (name: string) => {
      const answer = await api.call('/cases', { token: t['front'], body: { itemCode, applicant: { name }, data: form } });
      expect(answer.status).toBe(201);
      return answer.body.caseNo as string;
    };
    westLake = await start('西湖宾馆有限公司');
    riverside = await start('钱塘江酒店');
    accepted = await start('湿地旅舍');
    const accept = await api.call(`/cases/${accepted}/actions/accept`, { token: t['front'], body: {}, headers: { 'idempotency-key': randomUUID() } });
    expect(accept.status).toBe(200);
    // A concluded case of the department, and one of another department, recorded as the workflow records them.
    for (const c of [recordedCase({ caseNo: 'SL2026000001', department: DEPARTMENT, at: Date.now() - DAY }), recordedCase({ caseNo: 'SL2026000002', department: 'market', at: Date.now() })]) {
      await recordCaseEvents({ db: api.db, utcOffsetMinutes: 480 }, c);
    }
    // Each case is recorded by its own activity, in no fixed order: wait for all three.
    await eventually(() => list('list=done'), (a) => numbers(a).includes(accepted));
    await eventually(() => list('list=todo'), (a) => numbers(a).length === 2);
  });
  afterAll(() => api?.stop());

  it('keeps an accepted case findable: it leaves the acceptor\'s 待办 for 已办 and the next position\'s 待办', async () => {
    expect(numbers(await list('list=todo')).sort()).toEqual([westLake, riverside].sort());
    expect(numbers(await list('list=done'))).toEqual([accepted]);
    expect(numbers(await list('list=todo', t['back']))).toEqual([accepted]);
    // Open to the position: every clerk holding it has the case to do, and has acted on none.
    expect(numbers(await list('list=todo', t['front-2'])).sort()).toEqual([westLake, riverside].sort());
    expect(numbers(await list('list=done', t['front-2']))).toEqual([]);
    expect(numbers(await list('list=department')).sort()).toEqual([westLake, riverside, accepted].sort());
    expect(numbers(await list('list=concluded'))).toEqual(['SL2026000001']);
  });

  it('counts each worklist, with the search applied', async () => {
    const all = await counts();
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ todo: 2, done: 1, department: 3, concluded: 1 });
    expect((await counts('', t['back'])).body).toEqual({ todo: 1, done: 0, department: 3, concluded: 1 });
    expect((await counts(`q=${encodeURIComponent('酒店')}`)).body).toEqual({ todo: 1, done: 0, department: 1, concluded: 0 });
  });

  it('finds a case in its worklist by any part of its number and by part of the applicant', async () => {
    const middle = accepted.slice(3, -1);
    expect(numbers(await list(`list=done&q=${middle}`))).toEqual([accepted]);
    expect(numbers(await list(`list=done&q=${encodeURIComponent('湿地')}`))).toEqual([accepted]);
    expect(numbers(await list(`list=todo&q=${encodeURIComponent('宾馆')}`))).toEqual([westLake]);
    expect(numbers(await list(`list=todo&q=${westLake.slice(-4)}`))).toEqual([westLake]);
    expect(numbers(await list(`list=concluded&q=000001`))).toEqual(['SL2026000001']);
    // Regular-expression characters are taken literally.
    expect(numbers(await list(`list=department&q=${encodeURIComponent('.*')}`))).toEqual([]);
  });

  it('never shows a clerk another department\'s cases, in any list, count or search', async () => {
    for (const l of ['todo', 'done', 'department', 'concluded']) {
      expect(numbers(await list(`list=${l}`, t['other'])), l).toEqual(l === 'concluded' ? ['SL2026000002'] : []);
    }
    expect((await counts(`q=${encodeURIComponent('酒店')}`, t['other'])).body).toEqual({ todo: 0, done: 0, department: 0, concluded: 0 });
    expect(numbers(await list(`q=${accepted.slice(2)}`, t['other']))).toEqual([]);
    expect(numbers(await list(`q=SL2026000002`))).toEqual([]);
    // A department asked for by name or id cannot widen the scope.
    expect(numbers(await list(`department=market`))).toEqual([]);
  });

  it('sorts by urgency: red, yellow, warning, then the nearest deadline, concluded last', async () => {
    const now = Date.now();
    const open = (caseNo: string, alertLevel: 'normal' | 'warning' | 'yellow' | 'red', deadline: number | null) => {
      const c = recordedCase({ caseNo, department: 'urgency-dept', at: now });
      return { events: c.events.slice(0, 2), readModel: { ...c.readModel, seq: 2, status: 'processing' as const, outcome: null, concludedAt: null, onTime: null, alertLevel, deadline } };
    };
    const cases = [
      open('SL2026100001', 'normal', now + 5 * DAY),
      open('SL2026100002', 'red', now + 9 * DAY),
      open('SL2026100003', 'warning', now + DAY),
      open('SL2026100004', 'normal', now + 2 * DAY),
      open('SL2026100005', 'yellow', now - DAY),
      open('SL2026100006', 'normal', null),
      recordedCase({ caseNo: 'SL2026100007', department: 'urgency-dept', at: now - 20 * DAY, cards: ['redCard'] }),
      open('SL2026100008', 'red', now + DAY),
    ];
    for (const c of cases) await recordCaseEvents({ db: api.db, utcOffsetMinutes: 480 }, c);
    const expected = ['SL2026100008', 'SL2026100002', 'SL2026100005', 'SL2026100003', 'SL2026100004', 'SL2026100001', 'SL2026100006', 'SL2026100007'];
    const first = await list('department=urgency-dept&sort=urgency', t['supervisor']);
    expect(numbers(first)).toEqual(expected);
    // Page by page with the cursor, the same order.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Answer = await list(`department=urgency-dept&sort=urgency&limit=3${cursor ? `&cursor=${cursor}` : ''}`, t['supervisor']);
      expect(page.status).toBe(200);
      seen.push(...numbers(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    // A newest-first cursor is not an urgency cursor.
    const newest = await list('department=urgency-dept&limit=1', t['supervisor']);
    const mixed = await list(`department=urgency-dept&sort=urgency&cursor=${newest.body.nextCursor}`, t['supervisor']);
    expect(mixed.status).toBe(400);
    expect(problem(mixed).errors?.[0]?.pointer).toBe('/cursor');
    // The board's counts: open cases only, so the concluded red case is neither red nor normal.
    const levels = await api.call('/case-levels?department=urgency-dept', { token: t['supervisor'] });
    expect(levels.body).toEqual({ red: 2, yellow: 1, warning: 1, normal: 3 });
    expect((await caseModel(api.db).findById('SL2026100007').lean())?.urgency).toMatch(/^4:/);
  });

  it('filters the board by item and step', async () => {
    expect(numbers(await list(`itemCode=${itemCode}&step=undertake`, t['supervisor']))).toEqual([accepted]);
    expect(numbers(await list(`itemCode=${itemCode}&step=accept&sort=urgency`, t['supervisor'])).sort()).toEqual([westLake, riverside].sort());
  });

  it('answers 400 naming the search for 10,000 characters or a lone surrogate', async () => {
    const long = await list(`q=${'x'.repeat(10_000)}`);
    expect(long.status).toBe(400);
    expect(problem(long).errors).toEqual([expect.objectContaining({ in: 'query', pointer: '/q' })]);
    const lone = await counts('q=%ED%A0%80');
    expect(lone.status).toBe(400);
    expect(problem(lone).errors).toEqual([expect.objectContaining({ in: 'query', pointer: '/q' })]);
    const bad = await list('list=everything');
    expect(bad.status).toBe(400);
    expect(problem(bad).errors?.[0]?.pointer).toBe('/list');
  });
});
