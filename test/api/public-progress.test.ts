import { randomUUID } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCaseEvents } from '../../activities/record';
import { caseModel } from '../../db/models/case';
import { definitionFixtures } from '../fixtures/definitions';
import { recordedCase } from '../support/case-records';
import { type Answer, ApiHarness, eventually, problem } from './harness';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule);
const licence = definitionFixtures['sequential-licence'];
const itemCode = licence.item.code;
const form = { applicantName: '某宾馆', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州', businessType: 'hotel' };


describe('public case progress: the clock, one 404, and a limit on failed look-ups', () => {
  let api: ApiHarness;
  let clerk: string;
  let progressSchema: object;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  /** Each test looks up from an address of its own (X-Forwarded-For through the trusted loopback proxy). */
  const lookup = (caseNo: string, code: string, address: string) =>
    api.call(`/public/cases/${caseNo}?queryCode=${code}`, { headers: { 'x-forwarded-for': address } });
  const act = async (caseNo: string, action: string, body: object = {}) => {
    const answer = await api.call(`/cases/${caseNo}/actions/${action}`, { token: clerk, body, headers: { 'idempotency-key': randomUUID() } });
    expect(answer.status, `${action}: ${JSON.stringify(answer.body)}`).toBe(200);
  };
  /** Registers an application and waits until the read model (which holds the query code) has it. */
  const register = async () => {
    const started = await api.call('/cases', { token: clerk, body: { itemCode, applicant: { name: '张三', idNumber: '330102199001011234' }, data: form } });
    expect(started.status).toBe(201);
    const { caseNo, queryCode } = started.body as { caseNo: string; queryCode: string };
    await eventually(() => caseModel(api.db).exists({ _id: caseNo }), (found) => found !== null);
    return { caseNo, queryCode };
  };
  const conforms = (answer: Answer) => {
    const validate = ajv.compile(progressSchema);
    expect(validate(answer.body), ajv.errorsText(validate.errors)).toBe(true);
  };

  beforeAll(async () => {
    api = await ApiHarness.start({ publicLookupFailuresPerHour: 3, trustProxy: 'loopback' });
    const admin = await api.adminToken();
    await api.holders(admin, licence);
    const draft = await api.call(`/definitions/${itemCode}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    await api.call(`/definitions/${itemCode}/publish`, { token: admin, body: { revision: draft.body.revision } });
    const t = await api.people(admin, [{ username: 'clerk', roles: ['clerk'], department: licence.item.department, positions: ['acceptor', 'undertaker'] }]);
    clerk = t['clerk'] as string;
    const doc = await api.call('/openapi.json');
    progressSchema = doc.body.paths['/api/v1/public/cases/{caseNo}'].get.responses['200'].content['application/json'].schema;
  });
  afterAll(() => api?.stop());

  it('shows the clock paused for a supplement, then running again, with the figures of the staff view', async () => {
    const address = '203.0.113.10';
    const { caseNo, queryCode } = await register();
    const before = await lookup(caseNo, queryCode, address);
    expect(before.status).toBe(200);
    expect(before.body.clock).toMatchObject({ source: 'live', state: 'not-started', workingDaysUsed: null, pauses: [], promisedDays: 10, statutoryDays: 20 });

    await act(caseNo, 'accept', { comment: '材料齐全' });
    await act(caseNo, 'supplement-notice', { materials: ['公共场所卫生检测报告'] });
    const paused = await lookup(caseNo, queryCode, address);
    expect(paused.status).toBe(200);
    conforms(paused);
    const clock = paused.body.clock;
    expect(paused.body).toMatchObject({ caseNo, status: 'supplementing', outcome: null, currentSteps: ['承办(材料审查)'] });
    expect(clock).toMatchObject({ source: 'live', state: 'paused', pausedFor: ['supplement'], promisedDays: 10, statutoryDays: 20, stoppedAt: null });
    expect(clock.pauses).toHaveLength(1);
    expect(clock.pauses[0]).toMatchObject({ reason: 'supplement', to: null });
    expect(Date.parse(clock.pauses[0].from)).toBeGreaterThanOrEqual(Date.parse(clock.startedAt));
    // Accepted and paused the same day: no working day has passed on the clock.
    expect(clock.workingDaysUsed).toBe(0);
    expect(clock.workingDaysRemaining).toBe(10);
    // A pause leaves the deadlines open until the clock runs again.
    expect(clock.deadline).toBeNull();
    expect(clock.statutoryDeadline).toBeNull();
    // The same figures as the staff case detail, which reads the same live view.
    const staff = await api.call(`/cases/${caseNo}`, { token: clerk });
    expect(staff.body.live.clocks.workingDaysUsed).toBe(clock.workingDaysUsed);
    expect(staff.body.live.clocks.workingDaysRemaining).toBe(clock.workingDaysRemaining);
    expect(staff.body.live.clocks.processing.pauses[0].from).toBe(clock.pauses[0].from);
    // No personal data.
    expect(JSON.stringify(paused.body)).not.toMatch(/张三|3301021990|某宾馆|clerk/);

    await act(caseNo, 'supplement-received');
    const running = await lookup(caseNo, queryCode, address);
    conforms(running);
    expect(running.body.clock).toMatchObject({ state: 'running', pausedFor: [] });
    expect(running.body.clock.pauses[0].to).not.toBeNull();
    expect(Date.parse(running.body.clock.deadline)).toBeLessThan(Date.parse(running.body.clock.statutoryDeadline));
    expect(running.body.promisedBy).toBe(running.body.clock.deadline);
  });

  it('answers from the read model when the workflow cannot be asked', async () => {
    // A case known only to the read model (its workflow gone): concluded after 6 of 10 promised working days.
    const at = Date.UTC(2026, 2, 10, 2);
    await recordCaseEvents({ db: api.db, utcOffsetMinutes: 480 }, recordedCase({ caseNo: 'OLD-0001', department: licence.item.department, itemCode, at, workingDaysUsed: 6 }));
    await caseModel(api.db).updateOne({ _id: 'OLD-0001' }, { $set: { queryCode: 'OLDCODE1' } });
    const answer = await lookup('OLD-0001', 'OLDCODE1', '203.0.113.40');
    expect(answer.status).toBe(200);
    conforms(answer);
    expect(answer.body).toMatchObject({ status: 'concluded', outcome: 'approved', concludedAt: new Date(at).toISOString() });
    expect(answer.body.clock).toMatchObject({
      source: 'record', state: 'stopped', pausedFor: [], pauses: [], workingDaysUsed: 6, workingDaysRemaining: 4, promisedDays: 10, statutoryDays: 20,
    });
  });

  it('answers one 404 for a wrong code and an unknown case', async () => {
    const address = '203.0.113.20';
    const { caseNo, queryCode } = await register();
    const wrong = await lookup(caseNo, 'AAAAAAAA', address);
    const unknown = await lookup('SL20990101000001', queryCode, address);
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect(problem(wrong).code).toBe(problem(unknown).code);
    expect(problem(wrong).detail).not.toContain(queryCode);
    // The right code in lower case is the same code.
    expect((await lookup(caseNo, queryCode.toLowerCase(), address)).status).toBe(200);
  });

  it('limits failed look-ups per address: successes do not count, the next failure answers 429 with Retry-After', async () => {
    const address = '203.0.113.30';
    const { caseNo, queryCode } = await register();
    for (let i = 0; i < 5; i++) expect((await lookup(caseNo, queryCode, address)).status).toBe(200);
    const guesses: number[] = [];
    for (const guess of ['AAAAAAAA', 'BBBBBBBB', 'CCCCCCCC', 'DDDDDDDD']) guesses.push((await lookup(caseNo, guess, address)).status);
    expect(guesses).toEqual([404, 404, 404, 429]);
    const limited = await lookup(caseNo, queryCode, address);
    expect(limited.status).toBe(429);
    expect(problem(limited).code).toBe('rate-limited');
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address keeps its own budget.
    expect((await lookup(caseNo, queryCode, '203.0.113.31')).status).toBe(200);
  });

  it('limits failed complaint-status look-ups per address the same way', async () => {
    const address = '203.0.113.40';
    const headers = { 'x-forwarded-for': address };
    const filed = await api.call('/public/complaints', { body: { complainant: { name: '李四' }, content: 'the window closed early twice' }, headers });
    expect(filed.status).toBe(201);
    const { complaintNo, queryCode } = filed.body as { complaintNo: string; queryCode: string };
    const status = (code: string, from = address) => api.call(`/public/complaints/${complaintNo}?queryCode=${code}`, { headers: { 'x-forwarded-for': from } });
    for (let i = 0; i < 4; i++) expect((await status(queryCode)).status).toBe(200);
    const guesses: number[] = [];
    for (const guess of ['AAAAAAAA', 'BBBBBBBB', 'CCCCCCCC', 'DDDDDDDD']) guesses.push((await status(guess)).status);
    expect(guesses).toEqual([404, 404, 404, 429]);
    const limited = await status(queryCode);
    expect(limited.status).toBe(429);
    expect(problem(limited).detail).toContain('failed complaint look-ups');
    expect((await status(queryCode, '203.0.113.41')).status).toBe(200);
  });
});
