import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { complaintFacts, orderFacts } from '../../activities/oversight-facts';
import type { ComplaintRecord, SupervisionOrderRecord } from '../../activities/oversight/records';
import { recordCaseEvents } from '../../activities/record';
import { recordDepartmentFact } from '../../activities/rollups';
import { isFerretDb } from '../../db/guarded-write';
import { caseFactModel } from '../../db/models/case-fact';
import { caseRollupModel } from '../../db/models/case-rollup';
import type { AlertRecord, AnomalyRecord, CaseEventRecord, CaseReadModel } from '../../activities/contract/case-records';

const at = (iso: string) => Date.parse(iso);

function readModel(caseNo: string, overrides: Partial<CaseReadModel> = {}): CaseReadModel {
  return {
    caseNo, seq: 1, mode: 'native', definitionId: 'lic-1', definitionVersion: 1, itemCode: 'lic-1', itemName: '许可',
    category: 'administrative-licence', department: 'health', applicantName: 'a', status: 'processing', outcome: null,
    alertLevel: 'normal', position: [], submittedAt: at('2026-03-02T01:00:00Z'), acceptedAt: at('2026-03-02T02:00:00Z'),
    concludedAt: null, deadline: at('2026-03-20T16:00:00Z'), statutoryDeadline: at('2026-03-30T16:00:00Z'), provisional: false,
    workingDaysUsed: null, statutoryDays: 20, onTime: null, anomalyCount: 0, alertCount: 0, updatedAt: at('2026-03-02T02:00:00Z'),
    ...overrides,
  };
}

function event(caseNo: string, seq: number, type: string, iso: string, payload: Record<string, unknown> = {}): CaseEventRecord {
  return { id: `${caseNo}:${seq}`, caseNo, seq, type, at: at(iso), summary: type, payload };
}

function alert(caseNo: string, kind: 'yellowCard' | 'redCard', iso: string): AlertRecord {
  return {
    id: `${caseNo}:${kind}`, caseNo, itemCode: 'lic-1', department: 'health', key: kind, kind, level: kind === 'redCard' ? 'red' : 'yellow',
    thresholdAt: at(iso), raisedAt: at(iso), provisional: false, reason: kind, audience: [{ kind: 'supervision-office' }],
  };
}

function anomaly(caseNo: string, n: number, iso: string): AnomalyRecord {
  return { id: `${caseNo}:anomaly:${n}`, caseNo, itemCode: 'lic-1', department: 'health', kind: 'integrity', at: at(iso), reason: 'out of order' };
}

describe('rollups kept at write time', () => {
  let db: mongoose.Connection;
  beforeAll(async () => {
    db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/rollups-${randomUUID().slice(0, 8)}`)).asPromise();
  });
  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
  });

  it('counts each recorded event once per local day, department and item, with sums and case facts', async () => {
    const deps = { db, utcOffsetMinutes: 480 };
    // 2026-03-02T17:00Z is already 3 March in Shanghai.
    const late = [
      event('C1', 1, 'submitted', '2026-03-02T01:00:00Z'),
      event('C1', 2, 'accepted', '2026-03-02T02:00:00Z'),
      event('C1', 3, 'alert', '2026-03-02T17:00:00Z', { alert: alert('C1', 'yellowCard', '2026-03-02T17:00:00Z') }),
      event('C1', 4, 'anomaly', '2026-03-02T17:30:00Z', { anomaly: anomaly('C1', 1, '2026-03-02T17:30:00Z') }),
      event('C1', 5, 'concluded', '2026-03-02T18:00:00Z', { outcome: 'approved' }),
    ];
    const lateModel = readModel('C1', { concludedAt: at('2026-03-02T18:00:00Z'), deadline: at('2026-03-02T16:00:00Z'), workingDaysUsed: 21 });
    await recordCaseEvents(deps, { events: late, readModel: lateModel });
    // A retried activity: the same batch again changes nothing.
    await recordCaseEvents(deps, { events: late, readModel: lateModel });
    const early = [event('C2', 1, 'submitted', '2026-03-03T01:00:00Z'), event('C2', 2, 'accepted', '2026-03-03T01:00:00Z'),
      event('C2', 3, 'concluded', '2026-03-03T08:00:00Z', { outcome: 'approved' })];
    await recordCaseEvents(deps, { events: early, readModel: readModel('C2', { concludedAt: at('2026-03-03T08:00:00Z'), workingDaysUsed: 4 }) });

    const rows = await caseRollupModel(db).find({ department: 'health' }).sort({ day: 1 }).lean();
    expect(rows.map((r) => r._id)).toEqual(['2026-03-02|health|lic-1', '2026-03-03|health|lic-1']);
    const [first, second] = rows;
    expect(first?.category).toBe('administrative-licence');
    expect(first?.counts).toMatchObject({ submitted: 1, accepted: 1, concluded: 0, yellowCards: 0 });
    expect(second?.counts).toMatchObject({
      submitted: 1, accepted: 1, yellowCards: 1, anomalies: 1, integrityAnomalies: 1, concluded: 2, approved: 2,
      concludedOnTime: 1, concludedLate: 1, concludedEarly: 1,
    });
    expect(second?.sums).toMatchObject({ workingDaysUsed: 25, statutoryDays: 40 });
    const facts = await caseFactModel(db).find({ department: 'health' }).sort({ _id: 1 }).lean();
    expect(facts.map((f) => [f._id, f.day, f.ref ?? null])).toEqual([
      ['C1:3:yellowCards', '2026-03-03', 'C1:yellowCard'],
      ['C1:4:anomalies', '2026-03-03', 'C1:anomaly:1'],
      ['C1:4:integrityAnomalies', '2026-03-03', 'C1:anomaly:1'],
      ['C1:5:concludedLate', '2026-03-03', null],
    ]);
  });

  it('loses no increment when many cases of one day and item are recorded at once, and counts a replay once', async () => {
    const deps = { db, utcOffsetMinutes: 480 };
    const batches = Array.from({ length: 30 }, (_, i) => ({
      events: [event(`P${i}`, 1, 'submitted', '2026-04-01T01:00:00Z')],
      readModel: readModel(`P${i}`, { itemCode: 'lic-p', definitionId: 'lic-p', submittedAt: at('2026-04-01T01:00:00Z') }),
    }));
    await Promise.all([...batches, ...batches.slice(0, 10)].map((batch) => recordCaseEvents(deps, batch)));
    const row = await caseRollupModel(db).findById('2026-04-01|health|lic-p').lean();
    expect(row?.counts).toMatchObject({ submitted: 30 });
    expect(row?.applied).toHaveLength(30);
  });

  it("charges a card of a case started before claims to the step overdue longest, reading the case's events by _id, not every alert", async () => {
    const deps = { db, utcOffsetMinutes: 480 };
    const steps = [
      { nodeId: 'fire-review', name: '消防审查', department: 'fire', role: 'fire-reviewer', startedAt: at('2026-05-01T01:00:00Z') },
      { nodeId: 'water-review', name: '水务审查', department: 'water', role: 'reviewer', startedAt: at('2026-05-01T01:00:00Z') },
    ];
    const overdue: AlertRecord = {
      ...alert('L1', 'yellowCard', '2026-05-05T16:00:00Z'), id: 'L1:stepOverdue:fire-review#1', key: 'stepOverdue:fire-review#1', kind: 'stepOverdue',
      level: 'step', ref: 'fire-review',
    };
    const filters: unknown[] = [];
    db.set('debug', (collection: string, method: string, filter: unknown) => {
      if ((collection === 'alerts' || collection === 'case_events') && method.startsWith('find')) filters.push(filter);
    });
    try {
      await recordCaseEvents(deps, {
        events: [event('L1', 1, 'submitted', '2026-05-01T01:00:00Z'), event('L1', 2, 'alert', '2026-05-05T16:00:00Z', { alert: overdue })],
        readModel: readModel('L1', { seq: 2, position: steps }),
      });
      await recordCaseEvents(deps, {
        events: [event('L1', 3, 'alert', '2026-05-08T16:00:00Z', { alert: alert('L1', 'yellowCard', '2026-05-08T16:00:00Z') })],
        readModel: readModel('L1', { seq: 3, position: steps }),
      });
    } finally {
      db.set('debug', false);
    }
    const card = await caseFactModel(db).findById('L1:3:yellowCards').lean();
    expect(card?.department).toBe('fire');
    if (await isFerretDb(db)) expect(filters.every((f) => Object.keys(f as object).join() === '_id')).toBe(true);
  });

  it('adds department facts (complaints, ratings) once each, on a row without an item', async () => {
    const fact = { id: 'complaint-7:registered', at: at('2026-03-05T03:00:00Z'), department: 'police', counters: ['complaints' as const] };
    await recordDepartmentFact(db, fact);
    await recordDepartmentFact(db, fact);
    await recordDepartmentFact(db, { id: 'complaint-7:rated', at: at('2026-03-05T04:00:00Z'), department: 'police', counters: ['ratings'], sums: { satisfaction: 4 } });
    const row = await caseRollupModel(db).findById('2026-03-05|police|-').lean();
    expect(row?.counts).toMatchObject({ complaints: 1, ratings: 1 });
    expect(row?.sums).toMatchObject({ satisfaction: 4 });
    expect(row?.applied).toEqual(['fact:complaint-7:registered', 'fact:complaint-7:rated']);
  });
});

describe('complaint and order facts', () => {
  const complaint = {
    complaintNo: 'TS-1', department: 'police', about: { itemCode: 'lic-9' }, filedAt: at('2026-03-05T01:00:00Z'),
    firstResponseAt: at('2026-03-05T05:00:00Z'), firstResponseOnTime: true,
    conclusion: { at: at('2026-03-09T05:00:00Z'), onTime: false, finding: 'partly-substantiated' },
    rating: { score: 2, at: at('2026-03-10T05:00:00Z') },
  } as unknown as ComplaintRecord;

  it('maps a complaint to registered, answered in time, concluded (upheld, late) and rated facts', () => {
    expect(complaintFacts(complaint).map((f) => [f.id, f.counters, f.sums ?? {}])).toEqual([
      ['TS-1:registered', ['complaints'], {}],
      ['TS-1:responded-in-time', ['complaintsRespondedInTime'], {}],
      ['TS-1:concluded', ['complaintsConcluded', 'complaintsUpheld'], {}],
      ['TS-1:rated', ['ratings'], { satisfaction: 2 }],
    ]);
    expect(complaintFacts({ ...complaint, department: null })).toEqual([]);
  });

  it('counts an order opened, answered, and answered on time once it is concluded', () => {
    const order = {
      orderId: 'SO-1', department: 'police', itemCode: 'lic-9', openedAt: at('2026-03-02T05:00:00Z'), answer: { at: at('2026-03-04T05:00:00Z') },
      conclusion: { at: at('2026-03-09T05:00:00Z'), responsiveness: 'on-time' },
    };
    expect(orderFacts(order as unknown as SupervisionOrderRecord).map((f) => [f.id, f.counters])).toEqual([
      ['SO-1:opened', ['supervisionOrders']], ['SO-1:answered', ['supervisionOrdersAnswered']], ['SO-1:answered-in-time', ['supervisionOrdersAnsweredInTime']],
    ]);
    const late = { ...order, conclusion: { ...order.conclusion, responsiveness: 'late' } };
    expect(orderFacts(late as unknown as SupervisionOrderRecord).map((f) => f.id)).toEqual(['SO-1:opened', 'SO-1:answered']);
    expect(orderFacts({ ...order, answer: null, conclusion: null } as unknown as SupervisionOrderRecord).map((f) => f.id)).toEqual(['SO-1:opened']);
  });
});
