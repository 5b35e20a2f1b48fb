import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_LEASE_MS } from '../../db/queries/creation-claims';
import { alertModel } from '../../db/models/alert';
import { counterModel } from '../../db/models/counter';
import { creationRequestModel } from '../../db/models/creation-request';
import { supervisionLogModel } from '../../db/models/supervision-log';
import { definitionFixtures } from '../fixtures/definitions';
import { type Answer, ApiHarness, eventually, problem } from './harness';

const licence = definitionFixtures['sequential-licence'];
const itemCode = licence.item.code;
const form = { applicantName: '杭州西湖宾馆有限公司', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州市西湖区曙光路 1 号', businessType: 'hotel' };
const applicant = { name: '杭州西湖宾馆有限公司', kind: 'organisation' };


describe('idempotent supervision actions', () => {
  let api: ApiHarness;
  let t: Record<string, string>;
  const logged = (action: string, targetId: string) => supervisionLogModel(api.db).countDocuments({ action, targetId });
  const start = async (): Promise<string> => {
    const answer = await api.call('/cases', { token: t['clerk'], body: { itemCode, applicant, data: form } });
    expect(answer.status).toBe(201);
    return answer.body.caseNo as string;
  };

  beforeAll(async () => {
    api = await ApiHarness.start();
    const admin = await api.adminToken();
    await api.holders(admin, licence);
    await api.call(`/definitions/${itemCode}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    expect((await api.call(`/definitions/${itemCode}/publish`, { token: admin, body: { revision: 1 } })).status).toBe(201);
    t = await api.people(admin, [
      { username: 'clerk', roles: ['clerk'], department: 'health-commission', positions: ['acceptor'] },
      { username: 'supervisor', roles: ['supervisor'] },
    ]);
  });
  afterAll(() => api?.stop());

  it('urges once for a replayed Idempotency-Key: one notice, one log entry, the same answer', async () => {
    const caseNo = await start();
    const headers = { 'idempotency-key': randomUUID() };
    const urge = () => api.call(`/cases/${caseNo}/urge`, { token: t['supervisor'], body: { message: '请加快办理' }, headers });
    const first = await urge();
    const replay = await urge();
    expect(first.status).toBe(202);
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual(first.body);
    expect(await logged('case.urge', caseNo)).toBe(1);
    const detail = await eventually(
      () => api.call(`/cases/${caseNo}`, { token: t['supervisor'] }),
      (a: Answer) => a.body?.timeline?.some((e: { type: string }) => e.type === 'urge'),
    );
    expect(detail.body.live.notices.filter((n: { kind: string }) => n.kind === 'urge')).toHaveLength(1);
    expect(detail.body.timeline.filter((e: { type: string }) => e.type === 'urge')).toHaveLength(1);

    // Another key is another urge.
    const other = await api.call(`/cases/${caseNo}/urge`, { token: t['supervisor'], body: { message: '再次催办' }, headers: { 'idempotency-key': randomUUID() } });
    expect(other.body.urgeId).not.toBe(first.body.urgeId);
    expect(await logged('case.urge', caseNo)).toBe(2);
  });

  it('acknowledges an alert once for a replayed request: one log entry, the same answer', async () => {
    const caseNo = await start();
    const alertId = `${caseNo}:yellowCard`;
    const now = new Date();
    await alertModel(api.db).create({
      _id: alertId, caseNo, itemCode, department: 'health-commission', key: 'yellowCard', kind: 'yellowCard', level: 'yellow',
      reason: 'overdue by one working day', thresholdAt: now, raisedAt: now, provisional: false,
    });
    const headers = { 'idempotency-key': randomUUID() };
    const acknowledge = () => api.call(`/alerts/${encodeURIComponent(alertId)}/acknowledge`, { token: t['supervisor'], body: { note: '已核实' }, headers });
    const first = await acknowledge();
    const replay = await acknowledge();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ handled: true, acknowledgedBy: 'supervisor', note: '已核实' });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect(await logged('alert.acknowledge', alertId)).toBe(1);
  });
  describe('a creation claim left pending by a process that died', () => {
    const register = (key: string) =>
      api.call('/cases', { token: t['clerk'], body: { itemCode, applicant, data: form }, headers: { 'idempotency-key': key } });
    /** The claim id of a key: `case-start:<the clerk's user id>:<key>`, read off a registration's claim. */
    const claimIdOf = async (key: string) => {
      const first = randomUUID();
      expect((await register(first)).status).toBe(201);
      const claim = await creationRequestModel(api.db).findOne({ _id: { $regex: `:${first}$` } }).lean();
      return `${(claim?._id ?? '').slice(0, -first.length)}${key}`;
    };
    const numbersTaken = () => counterModel(api.db).countDocuments({ _id: { $regex: '^case:.*#' } });
    const expired = () => new Date(Date.now() - CLAIM_LEASE_MS - 1000);

    it('holds the key while its lease runs, then lets the retry register the case', async () => {
      const key = randomUUID();
      const _id = await claimIdOf(key);
      // Claimed just now by another process: the key is busy.
      await creationRequestModel(api.db).collection.insertOne({ _id: _id as never, status: 'pending', result: null, createdAt: new Date() });
      const busy = await register(key);
      expect(busy.status).toBe(409);
      expect(problem(busy).code).toBe('request-in-progress');
      // The process died before it started anything; once the lease has run out the retry goes through.
      await creationRequestModel(api.db).collection.updateOne({ _id: _id as never }, { $set: { createdAt: expired() } });
      const retried = await register(key);
      expect(retried.status).toBe(201);
      expect(retried.body.caseNo).toMatch(/^SL\d{14}$/);
      const replay = await register(key);
      expect(replay.body).toEqual(retried.body);
    });

    it('answers the case a dead process started under the key rather than starting a second one', async () => {
      const key = randomUUID();
      const _id = await claimIdOf(key);
      const first = await register(key);
      expect(first.status).toBe(201);
      // As if the process had died after starting the case and before keeping its answer.
      await creationRequestModel(api.db).updateOne({ _id }, { $set: { status: 'pending', result: null, claimedAt: expired() } });
      const taken = await numbersTaken();
      const retried = await register(key);
      expect(retried.status).toBe(201);
      expect(retried.body).toEqual(first.body);
      expect(await numbersTaken()).toBe(taken);
      expect((await creationRequestModel(api.db).findById(_id).lean())?.status).toBe('done');
    });
  });
});
