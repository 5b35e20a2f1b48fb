import type { Server } from 'node:http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRecord, CaseEventRecord, CaseReadModel } from '../../activities/contract/case-records';
import { recordCaseEvents } from '../../activities/record';
import { createApp, createContext } from '../../api/server';
import type { HashAlgorithm } from '../../api/supervision-log/chain';
import { completePendingIntents } from '../../api/supervision-log/intents';
import { verifyStoredLog } from '../../api/supervision-log/service';
import { supervisionLogModel } from '../../db/models/supervision-log';
import type { StepHolder } from '../../domain/ladder/holder';
import { recordedCase } from '../support/case-records';
import { ApiHarness } from './harness';

const april = (day: number, hour = 2) => Date.UTC(2026, 3, day, hour);
const PERIOD = '/evaluations/efficiency:2026-04';
const PERSONS = `${PERIOD}/persons`;
const STATS = '/statistics?from=2026-04-01&to=2026-04-30&groupBy=department';
const HOLDERS = '/statistics/holders?from=2026-04-01&to=2026-04-30';

type Row = { department: string; userId: string | null; name: string | null; position: string; counts: Record<string, number>; cases: string[] };

/**
 * A case as its workflow records it under claims (签收): each step overdue and card names the
 * holder of the step it is charged to; `late` concludes it past its deadline, else it stays open.
 */
function heldCase(caseNo: string, department: string, at: number, alerts: { kind: 'stepOverdue' | 'yellowCard'; holder: StepHolder }[], late?: boolean) {
  const base = recordedCase({ caseNo, department, at, late: late ?? false });
  const events: CaseEventRecord[] = base.events.slice(0, 2);
  for (const { kind, holder } of alerts) {
    const key = kind === 'stepOverdue' ? `stepOverdue:${holder.nodeId}#1` : kind;
    const alert: AlertRecord = {
      id: `${caseNo}:${key}`, caseNo, itemCode: base.readModel.itemCode, department, key, kind, level: kind === 'stepOverdue' ? 'step' : 'yellow',
      thresholdAt: at, raisedAt: at, provisional: false, reason: kind, audience: [{ kind: 'supervision-office' }], holder,
      ...(kind === 'stepOverdue' && { ref: holder.nodeId }),
    };
    events.push({ id: `${caseNo}:${events.length + 1}`, caseNo, seq: events.length + 1, type: 'alert', at, summary: 'alert', payload: { alert } });
  }
  if (late !== undefined) {
    events.push({ id: `${caseNo}:${events.length + 1}`, caseNo, seq: events.length + 1, type: 'concluded', at, summary: 'concluded', payload: { outcome: 'approved' } });
    return { events, readModel: { ...base.readModel, seq: events.length } };
  }
  const readModel: CaseReadModel = {
    ...base.readModel, seq: events.length, status: 'processing', outcome: null, concludedAt: null, onTime: null, deadline: Date.UTC(2026, 4, 29, 16),
  };
  return { events, readModel };
}

describe('accountability to the person (超时责任倒查) and appeals that take lateness back', () => {
  let api: ApiHarness;
  let t: Record<string, string>;
  const ids: Record<string, string> = {};
  let broken: { url: string; server: Server };
  const logger = pino({ level: 'silent' });
  const sweep = () => completePendingIntents(createContext({ db: api.db, temporal: api.temporal, logger, settings: { taskQueue: api.taskQueue } }), 0);
  const countsOf = async (department: string) => {
    const stats = await api.call(STATS, { token: t['inspector'] });
    return (stats.body.rows as { department: string; counts: Record<string, number>; derived: { onTimeRate: number | null } }[]).find((r) => r.department === department);
  };

  beforeAll(async () => {
    const secret = 'accountability-test-secret-0123456789abcdef';
    api = await ApiHarness.start({ jwtSecret: secret });
    const admin = await api.adminToken();
    for (const [code, parent] of [['city', undefined], ['fire', 'city'], ['county', 'city'], ['county-water', 'county']] as const) {
      const created = await api.call('/departments', { token: admin, body: { code, name: `${code}局`, ...(parent && { parent }) } });
      expect(created.status).toBe(201);
    }
    t = await api.people(admin, [
      { username: 'fire-a', roles: ['clerk'], department: 'fire', positions: ['fire-reviewer'] },
      { username: 'fire-b', roles: ['clerk'], department: 'fire', positions: ['fire-reviewer'] },
      { username: 'cw-clerk', roles: ['clerk'], department: 'county-water', positions: ['reviewer'] },
      { username: 'fire-officer', roles: ['department-officer'], department: 'fire' },
      { username: 'cw-officer', roles: ['department-officer'], department: 'county-water' },
      { username: 'county-supervisor', roles: ['supervisor'], department: 'county' },
      { username: 'inspector', roles: ['supervisor'] },
    ]);
    for (const name of ['fire-a', 'cw-clerk']) ids[name] = (await api.call('/auth/me', { token: t[name] })).body.userId;
    const deps = { db: api.db, utcOffsetMinutes: 480 };
    const claimed = (userId: string, department: string, position: string): StepHolder => ({ nodeId: 'review', department, position, since: april(2), userId });
    // fire-a had claimed the review; it went overdue, caused the yellow card, and the case concluded late.
    const a1 = claimed(ids['fire-a'] as string, 'fire', 'fire-reviewer');
    await recordCaseEvents(deps, heldCase('A-1', 'fire', april(6), [{ kind: 'stepOverdue', holder: a1 }, { kind: 'yellowCard', holder: a1 }], true));
    // nobody had claimed the review; the position held it when it went overdue.
    await recordCaseEvents(deps, heldCase('A-2', 'fire', april(7), [{ kind: 'stepOverdue', holder: { nodeId: 'review', department: 'fire', position: 'fire-reviewer', since: april(3) } }]));
    // B-1, in the county: cw-clerk's claimed step went overdue; the case concluded on time.
    await recordCaseEvents(deps, heldCase('B-1', 'county-water', april(8), [{ kind: 'stepOverdue', holder: claimed(ids['cw-clerk'] as string, 'county-water', 'reviewer') }], false));
    expect((await api.call('/evaluations', { token: t['inspector'], body: { period: '2026-04', wait: true } })).status).toBe(202);

    // The same API over the same database whose log appends fail: each effect is taken, its record is not.
    const app = createApp({ db: api.db, temporal: api.temporal, logger, settings: { taskQueue: api.taskQueue, jwtSecret: secret, logHashAlgorithm: 'no-such-hash' as HashAlgorithm } });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    broken = { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1`, server };
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => broken?.server.close(resolve));
    await api?.stop();
  });

  it('reads overdue steps and cards by the clerk who had claimed the step, else by the position, with names', async () => {
    const rows = (await api.call(HOLDERS, { token: t['inspector'] })).body as Row[];
    const fire = rows.filter((r) => r.department === 'fire');
    expect(fire).toHaveLength(2);
    expect(fire.find((r) => r.userId === ids['fire-a'])).toMatchObject({
      name: 'fire-a', position: 'fire-reviewer', departmentName: 'fire局', counts: { stepsOverdue: 1, yellowCards: 1 }, cases: ['A-1'],
    });
    expect(fire.find((r) => r.userId === null)).toMatchObject({ name: null, counts: { stepsOverdue: 1 }, cases: ['A-2'], holders: ['fire-a', 'fire-b'] });
    expect(rows.find((r) => r.department === 'county-water')).toMatchObject({ userId: ids['cw-clerk'], name: 'cw-clerk', counts: { stepsOverdue: 1 } });
  });

  it('lets a department officer read their own department only, and a supervisor the departments they oversee', async () => {
    const own = (await api.call(HOLDERS, { token: t['fire-officer'] })).body as Row[];
    expect(new Set(own.map((r) => r.department))).toEqual(new Set(['fire']));
    expect((await api.call(`${HOLDERS}&department=county-water`, { token: t['fire-officer'] })).status).toBe(403);
    const county = (await api.call(HOLDERS, { token: t['county-supervisor'] })).body as Row[];
    expect(county.map((r) => r.department)).toEqual(['county-water']);
    expect((await api.call(`${HOLDERS}&department=fire`, { token: t['county-supervisor'] })).status).toBe(403);
    expect((await api.call(HOLDERS, { token: t['fire-a'] })).status).toBe(403);

    expect((await api.call(`${PERSONS}?department=county-water`, { token: t['fire-officer'] })).status).toBe(403);
    expect((await api.call(`${PERSONS}?department=fire`, { token: t['county-supervisor'] })).status).toBe(403);
    expect((await api.call(`${PERSONS}?department=county-water`, { token: t['county-supervisor'] })).status).toBe(200);
    expect((await api.call(PERSONS, { token: t['cw-officer'] })).body).toMatchObject({ department: 'county-water', departmentName: 'county-water局' });
    expect((await api.call(PERSONS, { token: t['fire-a'] })).status).toBe(403);
  });

  it("reads an evaluation's detail of a department by person: the yellow card fire-a held cost 2 points", async () => {
    const answer = await api.call(PERSONS, { token: t['fire-officer'] });
    expect(answer.status).toBe(200);
    const persons = answer.body.persons as { userId: string | null; name: string | null; position: string | null; points: number; counts: Record<string, number> }[];
    expect(persons.find((p) => p.userId === ids['fire-a'])).toMatchObject({ name: 'fire-a', position: 'fire-reviewer', points: -2, counts: { stepsOverdue: 1, yellowCards: 1 } });
    expect(persons.find((p) => p.userId === null && p.position === 'fire-reviewer')).toMatchObject({ counts: { stepsOverdue: 1 } });
    // The late conclusion had no step to blame: it is the department's own.
    expect(persons.find((p) => p.userId === null && p.position === null)).toMatchObject({ counts: { concludedLate: 1 } });
  });

  it("upholds an appeal of a yellow card with its record as one unit, and takes every effect of the case's lateness back", async () => {
    const before = await countsOf('fire');
    expect(before?.counts).toMatchObject({ stepsOverdue: 2, yellowCards: 1, concludedLate: 1, concludedOnTime: 0 });
    const filed = await api.call(`${PERIOD}/appeals`, { token: t['fire-officer'], body: { caseNo: 'A-1', ref: 'A-1:yellowCard', reason: '申请人书面申请暂停,不应计时' } });
    expect(filed.status).toBe(201);
    expect(filed.body.ref).toBe('A-1:yellowCard');

    // The decision is taken and its effect applied, but its record cannot be appended: the sweep completes it once.
    const failed = await fetch(`${broken.url}/appeals/${filed.body.appealId}/decision`, {
      method: 'POST', body: JSON.stringify({ decision: 'upheld', comment: '书面申请属实' }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t['inspector']}` },
    });
    expect(failed.status).toBe(500);
    expect(await supervisionLogModel(api.db).countDocuments({ action: 'appeal.upheld' })).toBe(0);
    expect(await sweep()).toBe(1);
    expect(await sweep()).toBe(0);
    const records = await supervisionLogModel(api.db).find({ action: 'appeal.upheld', targetId: filed.body.appealId }).lean();
    expect(records).toHaveLength(1);
    const details = JSON.parse(records[0]?.content ?? '{}').details;
    expect(details).toMatchObject({ caseNo: 'A-1', department: 'fire', before: expect.any(Number), after: expect.any(Number) });
    expect([...details.withdrawn].sort()).toEqual(['A-1:3:stepsOverdue', 'A-1:4:yellowCards', 'A-1:5:concludedLate']);
    expect((await verifyStoredLog(api.db)).valid).toBe(true);

    // A second decision, by anyone, is refused and logs nothing.
    const again = await api.call(`/appeals/${filed.body.appealId}/decision`, { token: t['inspector'], body: { decision: 'rejected', comment: '再议' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('appeal-decided');
    expect(await supervisionLogModel(api.db).countDocuments({ targetId: filed.body.appealId })).toBe(1);

    // Statistics: the overdue step, the card and the late conclusion are gone; the case concluded on time.
    const after = await countsOf('fire');
    expect(after?.counts).toMatchObject({ stepsOverdue: 1, yellowCards: 0, concludedLate: 0, concludedOnTime: 1 });
    expect(after?.derived.onTimeRate).toBe(1);
    // Per person: fire-a holds nothing any more; the unclaimed step of A-2 stays.
    const fire = ((await api.call(`${HOLDERS}&department=fire`, { token: t['inspector'] })).body as Row[]);
    expect(fire).toEqual([expect.objectContaining({ userId: null, counts: { stepsOverdue: 1 }, cases: ['A-2'] })]);
    const persons = (await api.call(PERSONS, { token: t['fire-officer'] })).body;
    expect(persons.persons.find((p: { userId: string | null }) => p.userId === ids['fire-a'])).toBeUndefined();
    // The score: the yellow card's 2 points and the lost on-time rate come back.
    const evaluation = (await api.call(PERIOD, { token: t['inspector'] })).body;
    const adjustment = evaluation.adjustments.find((a: { appealId: string }) => a.appealId === filed.body.appealId);
    expect(adjustment.after).toBeGreaterThan(adjustment.before);
    expect(persons.score).toBe(adjustment.after);
  });

  it('keeps an upheld appeal as an adjustment when the draft is evaluated again, counting the case once', async () => {
    const first = (await api.call(PERIOD, { token: t['inspector'] })).body;
    const fireBefore = first.adjustments.find((a: { department: string }) => a.department === 'fire');
    expect((await api.call('/evaluations', { token: t['inspector'], body: { period: '2026-04', wait: true } })).status).toBe(202);
    const again = (await api.call(PERIOD, { token: t['inspector'] })).body;
    expect(again.adjustments.find((a: { department: string }) => a.department === 'fire')).toMatchObject({ before: fireBefore.before, after: fireBefore.after });
    const fire = again.departments.find((d: { department: string }) => d.department === 'fire');
    expect(fire.counts).toMatchObject({ yellowCards: 1, concludedLate: 1 });
  });
});
