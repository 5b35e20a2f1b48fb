import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anomalyModel } from '../../db/models/anomaly';
import { supervisionLogModel } from '../../db/models/supervision-log';
import { userModel } from '../../db/models/user';
import { type Answer, ApiHarness, eventually, problem } from './harness';

const dept = 'market-supervision';

describe('anomaly disposition API', () => {
  let api: ApiHarness;
  let t: Record<string, string>;
  const act = (id: string, step: 'disposition' | 'objection' | 'objection-decision', token: string | undefined, body: unknown, key: string | null = randomUUID()): Promise<Answer> =>
    api.call(`/anomalies/${encodeURIComponent(id)}/${step}`, { token, body, headers: key === null ? {} : { 'idempotency-key': key } });
  const raise = async (kind = 'fee-mismatch') => {
    const id = `SL-${randomUUID().slice(0, 8)}:anomaly:1`;
    await anomalyModel(api.db).create({ _id: id, caseNo: id.split(':')[0], itemCode: 'licence', department: dept, kind, at: new Date(), reason: 'fee charged 20 differs from the standard 0' });
    return id;
  };
  const confirm = { outcome: 'confirmed', text: 'charged without a basis', responsibility: { kind: 'department', measure: '责令整改' } };

  beforeAll(async () => {
    api = await ApiHarness.start();
    const admin = await api.adminToken();
    t = await api.people(admin, [
      { username: 'clerk', roles: ['clerk'], department: dept, positions: ['acceptor'] },
      { username: 'officer', roles: ['department-officer'], department: dept },
      { username: 'other-officer', roles: ['department-officer'], department: 'tax-bureau' },
      { username: 'supervisor', roles: ['supervisor'] },
    ]);
  });
  afterAll(() => api?.stop());

  it('refuses bad dispositions with the field named, and acts on none of them', async () => {
    const id = await raise();
    const cases: [unknown, number, string][] = [
      [{ outcome: 'confirmed', text: 'x' }, 422, 'INVALID_ARGUMENT'],
      [{ outcome: 'forgotten', text: 'x' }, 400, 'validation-failed'],
      [{ outcome: 'explained', text: '   ' }, 400, 'validation-failed'],
      [{ outcome: 'explained', text: 'x', extra: 1 }, 400, 'validation-failed'],
      [{ outcome: 'explained', text: 'x\uD800' }, 400, 'validation-failed'],
      [{ ...confirm, responsibility: { kind: 'person', userId: '000000000000000000000000', measure: 'm' } }, 422, 'unknown-person'],
      [{ outcome: 'dismissed', text: 'x', responsibility: { kind: 'department', measure: 'm' } }, 422, 'INVALID_ARGUMENT'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await act(id, 'disposition', t['supervisor'], body);
      expect([answer.status, problem(answer).code], JSON.stringify(body)).toEqual([status, code]);
    }
    const other = await userModel(api.db).findOne({ username: 'other-officer' }).lean();
    const elsewhere = await act(id, 'disposition', t['supervisor'], { ...confirm, responsibility: { kind: 'person', userId: String(other?._id), measure: 'm' } });
    expect(problem(elsewhere).errors?.[0]?.pointer).toBe('/responsibility/userId');
    expect((await act(id, 'disposition', t['supervisor'], confirm, null)).status).toBe(400);
    expect((await act(id, 'disposition', t['officer'], confirm)).status).toBe(403);
    expect((await act(id, 'disposition', t['clerk'], confirm)).status).toBe(403);
    expect((await act('SL-none:anomaly:1', 'disposition', t['supervisor'], confirm)).status).toBe(404);
    expect((await api.call(`/anomalies/${encodeURIComponent(id)}`, { token: t['supervisor'] })).body.status).toBe('open');
  });

  it('takes one objection from the anomaly\'s department within its limit, and the supervisor decides', async () => {
    const id = await raise();
    expect((await act(id, 'objection', t['officer'], { grounds: 'nothing to object to yet' })).status).toBe(409);
    const key = randomUUID();
    const first = await act(id, 'disposition', t['supervisor'], confirm, key);
    expect(first.status).toBe(200);
    expect((await act(id, 'disposition', t['supervisor'], confirm, key)).body).toEqual(first.body);
    const again = await act(id, 'disposition', t['supervisor'], { outcome: 'dismissed', text: 'changed my mind' });
    expect([again.status, problem(again).code]).toEqual([409, 'ALREADY_CONCLUDED']);

    // Another department neither sees the anomaly nor objects to it.
    expect((await act(id, 'objection', t['other-officer'], { grounds: 'not ours' })).status).toBe(404);
    expect((await api.call(`/anomalies?department=${dept}`, { token: t['other-officer'] })).body).toEqual([]);
    const objected = await act(id, 'objection', t['officer'], { grounds: 'the fee is in the catalogue' });
    expect(objected.body).toMatchObject({ status: 'objected' });
    const twice = await act(id, 'objection', t['officer'], { grounds: 'and again' });
    expect([twice.status, problem(twice).code]).toEqual([409, 'ALREADY_OBJECTED']);
    expect((await act(id, 'objection-decision', t['officer'], { outcome: 'upheld', reason: 'x' })).status).toBe(403);
    const decided = await act(id, 'objection-decision', t['supervisor'], { outcome: 'rejected', reason: 'the catalogue lists no fee' });
    expect(decided.body).toMatchObject({ status: 'confirmed' });

    const detail = await eventually(() => api.call(`/anomalies/${encodeURIComponent(id)}`, { token: t['supervisor'] }), (a) => a.body.timeline?.some((e: { type: string }) => e.type === 'findingFinal'));
    expect(detail.body).toMatchObject({ status: 'confirmed', departmentName: dept, findingFinal: true, decision: { outcome: 'rejected' } });
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['disposed', 'objected', 'objectionDecided', 'findingFinal']));
    // Closed: a late objection finds the disposition over.
    const late = await act(id, 'objection', t['officer'], { grounds: 'late' });
    expect([late.status, problem(late).code]).toEqual([409, 'DISPOSITION_CLOSED']);
    const logged = await supervisionLogModel(api.db).find({ targetKind: 'anomaly', targetId: id }).lean();
    // The repeated disposition is recorded too, under the same key (as every logged workflow action is).
    expect(logged.map((r) => JSON.parse(r.content).action).sort()).toEqual(['anomaly.decide-objection', 'anomaly.dispose', 'anomaly.dispose', 'anomaly.object']);

    const listed = await api.call(`/anomalies?status=confirmed&kind=fee-mismatch`, { token: t['supervisor'] });
    expect(listed.body.find((a: { anomalyId: string }) => a.anomalyId === id)).toMatchObject({ departmentName: dept, status: 'confirmed' });
  });
});
