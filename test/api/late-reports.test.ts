import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionFixtures } from '../fixtures/definitions';
import { ApiHarness, eventually } from './harness';

const licence = definitionFixtures['sequential-licence'];
const itemCode = licence.item.code;
const MINUTE = 60_000;
const DAY = 86_400_000;

describe('external events reported late or from the future', () => {
  let api: ApiHarness;
  let supervisor: string;
  let apiKey: string;
  const push = (events: unknown[]) => api.call('/ingest/events', { body: { events }, headers: { 'x-api-key': apiKey } });
  const iso = (at: number) => new Date(at).toISOString();
  const event = (eventId: string, type: string, at: number, extra: object = {}) => ({ eventId, caseNo: 'L-1', itemCode, type, occurredAt: iso(at), ...extra });

  beforeAll(async () => {
    api = await ApiHarness.start();
    const admin = await api.adminToken();
    await api.holders(admin, licence);
    await api.call(`/definitions/${itemCode}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    await api.call(`/definitions/${itemCode}/publish`, { token: admin, body: { revision: 1 } });
    supervisor = (await api.people(admin, [{ username: 'supervisor', roles: ['supervisor'] }]))['supervisor'] as string;
    const system = await api.call('/external-systems', { token: admin, body: { systemId: 'late-sys', name: '迟报系统', departments: ['health-commission'] } });
    apiKey = system.body.apiKey;
  });
  afterAll(() => api?.stop());

  it('refuses an occurredAt beyond a minute ahead of the receipt, naming the field; within the skew it counts at receipt', async () => {
    const sent = Date.now();
    const ahead = await push([
      event('f1', 'submitted', Date.now() + 5 * MINUTE, { applicant: { name: '某宾馆' } }),
      event('f2', 'submitted', Date.now() + 20_000, { caseNo: 'L-0', applicant: { name: '某宾馆' } }),
    ]);
    expect(ahead.status).toBe(200);
    expect(ahead.body).toMatchObject({ accepted: 1, rejected: 1 });
    expect(ahead.body.results[0]).toMatchObject({ status: 'rejected', code: 'occurred-in-future' });
    expect(ahead.body.results[0].errors).toEqual([expect.objectContaining({ in: 'body', pointer: '/events/0/occurredAt' })]);
    // Refused, its id is not taken: the same event with a corrected time goes through.
    const corrected = await push([event('f1', 'submitted', Date.now() - 20 * MINUTE, { applicant: { name: '某宾馆' } })]);
    expect(corrected.body.results[0].status).toBe('accepted');
    const early = await eventually(() => api.call('/cases/late-sys-L-0', { token: supervisor }), (r) => r.status === 200);
    expect(Date.parse(early.body.case.submittedAt)).toBeLessThan(sent + 20_000);
  });

  it('takes a step reported within the tolerance at its time, and one reported later at receipt with a late-report anomaly', async () => {
    const acceptedAt = Date.now() - 10 * MINUTE;
    const timely = await push([event('a1', 'accepted', acceptedAt, { sequence: 2 })]);
    expect(timely.body.accepted).toBe(1);
    const before = Date.now();
    const late = await push([event('a2', 'stepCompleted', acceptedAt + MINUTE - 9 * DAY, { sequence: 3, nodeId: 'undertake' })]);
    expect(late.body.accepted).toBe(1);
    const anomalies = await eventually(() => api.call('/anomalies?kind=late-report', { token: supervisor }), (r) => r.body.length > 0);
    expect(anomalies.body).toHaveLength(1);
    expect(anomalies.body[0]).toMatchObject({ caseNo: 'late-sys-L-1', kind: 'late-report', nodeId: 'undertake' });
    expect(Date.parse(anomalies.body[0].at)).toBeGreaterThanOrEqual(before);
    const completedUndertake = (e: { type: string; nodeId?: string }) => e.type === 'stepCompleted' && e.nodeId === 'undertake';
    const view = await eventually(() => api.call('/cases/late-sys-L-1', { token: supervisor }), (r) => r.body.timeline?.some(completedUndertake));
    const accepted = view.body.timeline.find((e: { type: string }) => e.type === 'accepted');
    expect(Date.parse(accepted.at)).toBe(acceptedAt);
    const completed = view.body.timeline.find(completedUndertake);
    expect(Date.parse(completed.at)).toBeGreaterThanOrEqual(before);
  });
});
