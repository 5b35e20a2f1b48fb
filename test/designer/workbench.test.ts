import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../designer/src/api/cases';
import { stepsFor } from '../../designer/src/workbench/CaseActions';
import { urgencyKey } from '../../domain/records/urgency';

/** The lists' urgency order (the API sorts on the key the recorder stores). */
const keyOf = (c: CaseSummary) => urgencyKey({ status: c.status, alertLevel: c.alertLevel, deadline: c.deadline ? Date.parse(c.deadline) : null });
const byUrgency = (a: CaseSummary, b: CaseSummary) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0);

const summary = (caseNo: string, over: Partial<CaseSummary>): CaseSummary => ({
  caseNo,
  itemCode: 'X',
  department: 'market',
  status: 'processing',
  alertLevel: 'normal',
  position: [],
  submittedAt: '2026-03-01T00:00:00.000Z',
  ...over,
});

describe('clerk workbench', () => {
  it('sorts by alert level, then by the nearest deadline', () => {
    const cases = [
      summary('A', { deadline: '2026-03-20T16:00:00.000Z' }),
      summary('B', { alertLevel: 'yellow', deadline: '2026-03-10T16:00:00.000Z' }),
      summary('C', { deadline: '2026-03-12T16:00:00.000Z' }),
      summary('D', { alertLevel: 'red', deadline: '2026-03-05T16:00:00.000Z' }),
      summary('E', { deadline: null }),
      summary('F', { alertLevel: 'warning', deadline: '2026-03-30T16:00:00.000Z' }),
    ];
    expect([...cases].sort(byUrgency).map((c) => c.caseNo)).toEqual(['D', 'B', 'F', 'C', 'A', 'E']);
  });

  it('puts a concluded case after every open one, whatever its level: it is done, not normal', () => {
    const cases = [summary('Z', { status: 'concluded', alertLevel: 'red', deadline: '2026-03-01T16:00:00.000Z' }), summary('E', { deadline: null })];
    expect([...cases].sort(byUrgency).map((c) => c.caseNo)).toEqual(['E', 'Z']);
  });
});

describe('case actions offered', () => {
  const view = {
    position: [
      { nodeId: 'review', name: '审查', stage: 'review' as const, role: 'reviewer', department: 'market-supervision', startedAt: '2026-03-01T00:00:00.000Z', stepKey: 'review#1' },
      { nodeId: 'accept', name: '受理', stage: 'accept' as const, role: 'acceptor', department: 'health-commission', startedAt: '2026-03-01T00:00:00.000Z', stepKey: 'accept#1' },
    ],
  };

  it('offers only the steps of the user’s department and positions', () => {
    // The demo's market-window holds only the acceptor position of market supervision.
    expect(stepsFor(view, { department: 'market-supervision', positions: ['acceptor'] })).toEqual([]);
    expect(stepsFor(view, { department: 'market-supervision', positions: ['acceptor', 'reviewer'] }).map((s) => s.nodeId)).toEqual(['review']);
    expect(stepsFor(view, { department: null, positions: ['reviewer', 'acceptor'] })).toEqual([]);
    expect(stepsFor(view, null)).toEqual([]);
  });
});
