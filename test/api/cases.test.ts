import { randomUUID } from 'node:crypto';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseWorkflowId } from '../../config/temporal';
import { calendarSince, defaultCalendar, localDateOf } from '../../domain/index';
import type { CaseStartInput } from '../../workflows/case/contract';
import { definitionFixtures } from '../fixtures/definitions';
import { type Answer, ApiHarness, eventually, problem } from './harness';

const licence = definitionFixtures['sequential-licence'];
const itemCode = licence.item.code;
const form = { applicantName: '杭州西湖宾馆有限公司', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州市西湖区曙光路 1 号', businessType: 'hotel' };
const applicant = { name: '杭州西湖宾馆有限公司', kind: 'organisation' };


describe('cases', () => {
  let api: ApiHarness;
  let t: Record<string, string>;
  const key = () => randomUUID();
  const act = (caseNo: string, action: string, token: string, body: object = {}, idem: string | null = key()): Promise<Answer> =>
    api.call(`/cases/${caseNo}/actions/${action}`, { token, body, headers: idem === null ? {} : { 'idempotency-key': idem } });
  /** Every case this file starts: the read model records each a moment after its start, in no set order. */
  const startedCases: string[] = [];
  const start = async (token = t['clerk'] as string) => {
    const answer = await api.call('/cases', { token, body: { itemCode, applicant, data: form } });
    expect(answer.status).toBe(201);
    startedCases.push(answer.body.caseNo);
    return answer.body as { caseNo: string; queryCode: string };
  };

  beforeAll(async () => {
    api = await ApiHarness.start();
    const admin = await api.adminToken();
    await api.holders(admin, licence);
    await api.call(`/definitions/${itemCode}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
    expect((await api.call(`/definitions/${itemCode}/publish`, { token: admin, body: { revision: 1 } })).status).toBe(201);
    t = await api.people(admin, [
      { username: 'clerk', roles: ['clerk'], department: 'health-commission', positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] },
      { username: 'window', roles: ['clerk'], department: 'health-commission', positions: ['acceptor'] },
      { username: 'other', roles: ['clerk'], department: 'market', positions: ['acceptor', 'undertaker'] },
      { username: 'supervisor', roles: ['supervisor'] },
      { username: 'auditor', roles: ['auditor'] },
    ]);
  });
  afterAll(() => api?.stop());

  it('starts a case with its search attributes and its set of rules named in its input: no marker, no upsert before its acceptance', async () => {
    const { caseNo } = await start();
    const handle = api.temporal.workflow.getHandle(caseWorkflowId(caseNo));
    expect((await act(caseNo, 'accept', t['clerk'] as string)).status).toBe(200);
    const described = await handle.describe();
    expect(described.searchAttributes).toMatchObject({ SunlightCaseNo: [caseNo], SunlightItemCode: [itemCode], SunlightDepartment: ['health-commission'] });
    const events = (await handle.fetchHistory()).events ?? [];
    expect(events.filter((e) => e.markerRecordedEventAttributes)).toEqual([]);
    const accepted = events.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    const upserts = events.flatMap((e, i) => (e.upsertWorkflowSearchAttributesEventAttributes ? [i] : []));
    expect(upserts.length).toBeGreaterThan(0);
    expect(upserts.every((i) => i > accepted)).toBe(true);
    await expect.poll(async () => (await handle.describe()).searchAttributes['SunlightStatus']).toEqual(['processing']);
  });

  it('starts a case with the calendar from the year before its submission, the part it can read', async () => {
    const { caseNo } = await start();
    const started = (await api.temporal.workflow.getHandle(caseWorkflowId(caseNo)).fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes;
    const input = await decodeFromPayloadsAtIndex<CaseStartInput>(api.temporal.options.loadedDataConverter, 0, started?.input?.payloads);
    const year = Number(localDateOf(input.calendar, input.submittedAt).slice(0, 4));
    expect(input.calendar.years.map((y) => y.year)).toEqual(defaultCalendar().years.map((y) => y.year).filter((y) => y >= year - 1));
    expect(input.calendar).toEqual(calendarSince(defaultCalendar(), input.submittedAt));
  });

  it('starts a case with a case number and query code; validates the form against the item', async () => {
    const started = await start();
    expect(started.caseNo).toMatch(/^SL\d{8}\d{6}$/);
    expect(started.queryCode).toMatch(/^[A-Z2-9]{8}$/);

    const key = { 'idempotency-key': randomUUID() };
    const once = await api.call('/cases', { token: t['clerk'], body: { itemCode, applicant, data: form }, headers: key });
    const twice = await api.call('/cases', { token: t['clerk'], body: { itemCode, applicant, data: form }, headers: key });
    expect(once.status).toBe(201);
    startedCases.push(once.body.caseNo);
    expect(twice.body.caseNo).toBe(once.body.caseNo);

    const badForm = await api.call('/cases', { token: t['clerk'], body: { itemCode, applicant, data: { ...form, creditCode: 'bad', premisesArea: 'big' } } });
    expect(badForm.status).toBe(400);
    expect(problem(badForm).errors?.map((e) => e.pointer).sort()).toEqual(['/data/creditCode', '/data/premisesArea']);
    const missing = await api.call('/cases', { token: t['clerk'], body: { itemCode, applicant: {}, data: form, extra: 1 } });
    expect(problem(missing).errors?.map((e) => e.pointer).sort()).toEqual(['/applicant/name', '/extra']);
    expect((await api.call('/cases', { token: t['clerk'], body: { itemCode: 'NO-ITEM', applicant, data: form } })).status).toBe(404);
    expect((await api.call('/cases', { token: t['other'], body: { itemCode, applicant, data: form } })).status).toBe(403);
    expect((await api.call('/cases', { token: t['supervisor'], body: { itemCode, applicant, data: form } })).status).toBe(403);
  });

  it('moves a case through clerk actions with idempotency keys and answers refusals with codes', async () => {
    const { caseNo } = await start();
    const k = key();
    const accepted = await act(caseNo, 'accept', t['clerk'] as string, {}, k);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ caseNo, idempotencyKey: k, status: 'processing', position: ['undertake'] });
    const replay = await act(caseNo, 'accept', t['clerk'] as string, {}, k);
    expect(replay.status).toBe(200);
    expect(replay.body.eventSeq).toBe(accepted.body.eventSeq);
    const reused = await act(caseNo, 'suspend', t['clerk'] as string, { reason: 'x' }, k);
    expect(reused.status).toBe(422);
    expect(problem(reused).code).toBe('IDEMPOTENCY_KEY_REUSED');

    const noKey = await act(caseNo, 'accept', t['clerk'] as string, {}, null);
    expect(noKey.status).toBe(400);
    expect(problem(noKey).errors?.[0]).toMatchObject({ in: 'header', pointer: '/Idempotency-Key' });

    const again = await act(caseNo, 'accept', t['clerk'] as string);
    expect(again.status).toBe(409);
    expect(problem(again).code).toBe('NOT_AT_ACCEPTANCE');
    expect(again.body.reason).toBeTruthy();

    const wrongRole = await act(caseNo, 'complete-step', t['window'] as string, { action: 'complete' });
    expect(wrongRole.status).toBe(403);
    expect(problem(wrongRole).code).toBe('ROLE_NOT_ALLOWED');

    const badBody = await act(caseNo, 'complete-step', t['clerk'] as string, { action: 'fly', extra: 1 });
    expect(problem(badBody).errors?.map((e) => e.pointer).sort()).toEqual(['/action', '/extra']);
    expect((await act(caseNo, 'accept', t['supervisor'] as string)).status).toBe(403);

    const detail = await eventually(
      () => api.call(`/cases/${caseNo}`, { token: t['clerk'] }),
      (a) => a.body?.live?.anomalies?.some((x: { kind: string }) => x.kind === 'outside-rights'),
    );
    expect(detail.status).toBe(200);
    expect(detail.body.live.position[0]).toMatchObject({ nodeId: 'undertake' });
    expect(typeof detail.body.live.submittedAt).toBe('string');
    expect(detail.body.live.anomalies.some((x: { kind: string }) => x.kind === 'outside-rights')).toBe(true);
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toContain('submitted');
  });

  it('answers the same 404 for another department’s case as for none, and records the attempt', async () => {
    const { caseNo } = await start();
    const foreign = await api.call(`/cases/${caseNo}`, { token: t['other'] });
    const none = await api.call('/cases/SL20990101999999', { token: t['other'] });
    expect(foreign.status).toBe(404);
    expect(none.status).toBe(404);
    expect(problem(foreign).code).toBe(problem(none).code);
    expect(problem(foreign).detail.replace(caseNo, 'X')).toBe(problem(none).detail.replace('SL20990101999999', 'X'));
    const foreignAct = await act(caseNo, 'accept', t['other'] as string);
    expect(foreignAct.status).toBe(404);
    // Recorded against the actor's own department, not on the case it could not see.
    const seen = await api.call(`/anomalies?department=market&caseNo=${caseNo}`, { token: t['supervisor'] });
    expect(seen.body[0]).toMatchObject({ kind: 'outside-rights', department: 'market' });
    expect((await api.call('/cases/bad!', { token: t['clerk'] })).status).toBe(400);
  });

  it('lets exactly one of two concurrent actions on a case through', async () => {
    const { caseNo } = await start();
    expect((await act(caseNo, 'accept', t['clerk'] as string)).status).toBe(200);
    const [a, b] = await Promise.all([
      act(caseNo, 'complete-step', t['clerk'] as string, { nodeId: 'undertake', action: 'complete' }),
      act(caseNo, 'complete-step', t['clerk'] as string, { nodeId: 'undertake', action: 'complete' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(problem(a.status === 409 ? a : b).code).toBe('STEP_NOT_ACTIVE');
  });

  it('lists cases from the read model with filters and cursor pagination', async () => {
    await start();
    // Every case started so far, not only this one: a case started earlier may be recorded after it.
    const all = await eventually(
      () => api.call('/cases?limit=200', { token: t['clerk'] }),
      (a) => startedCases.every((no) => a.body.items?.some((c: { caseNo: string }) => c.caseNo === no)),
    );
    expect(all.status).toBe(200);
    const total = all.body.items.length;
    expect(total).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Answer = await api.call(`/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: t['supervisor'] });
      seen.push(...page.body.items.map((c: { caseNo: string }) => c.caseNo));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((c: { caseNo: string }) => c.caseNo));

    const processing = await api.call(`/cases?status=processing&itemCode=${itemCode}&department=health-commission`, { token: t['auditor'] });
    expect(processing.body.items.every((c: { status: string }) => c.status === 'processing')).toBe(true);
    const notOverdue = await api.call('/cases?overdue=false&alertLevel=normal', { token: t['clerk'] });
    expect(notOverdue.body.items.length).toBe(total);
    const overdue = await api.call('/cases?overdue=true', { token: t['clerk'] });
    expect(overdue.body.items).toEqual([]);
    const future = await api.call('/cases?submittedFrom=2099-01-01T00:00:00Z', { token: t['clerk'] });
    expect(future.body.items).toEqual([]);
    expect((await api.call('/cases', { token: t['other'] })).body.items).toEqual([]);

    expect((await api.call('/cases?cursor=garbage', { token: t['clerk'] })).status).toBe(400);
    expect((await api.call('/cases?limit=1000', { token: t['clerk'] })).status).toBe(400);
    expect((await api.call('/cases?status=lost', { token: t['clerk'] })).status).toBe(400);
    expect((await api.call('/cases')).status).toBe(401);
  });

  it('lets supervisors urge a case and tells running cases of a new calendar', async () => {
    const { caseNo } = await start();
    const urged = await api.call(`/cases/${caseNo}/urge`, { token: t['supervisor'], body: { message: '请加快办理' } });
    expect(urged.status).toBe(202);
    expect((await api.call(`/cases/${caseNo}/urge`, { token: t['clerk'], body: { message: 'x' } })).status).toBe(403);
    expect((await api.call('/cases/SL20990101999999/urge', { token: t['supervisor'], body: { message: 'x' } })).status).toBe(404);
    const notice = await eventually(
      () => api.call(`/cases/${caseNo}`, { token: t['supervisor'] }),
      (a) => a.body?.live?.notices?.length > 0,
    );
    expect(notice.body.live.notices[0]).toMatchObject({ kind: 'urge', message: '请加快办理' });

    const admin = await api.adminToken();
    const year = { year: 2031, holidays: ['2031-01-01'], workdays: [], published: true, source: 'test' };
    const published = await eventually(
      () => api.call('/calendar/years/2031', { method: 'PUT', token: admin, body: year }),
      (a) => a.body.runningCases >= 5,
    );
    expect(published.body.failed).toBe(0);
    expect(published.body.signalled).toBe(published.body.runningCases);
  });
});
