import { describe, expect, it } from 'vitest';
import { matching, type CaseSummary } from '../../designer/src/api/cases';
import { byUrgency, isMine } from '../../designer/src/workbench/WorkbenchPage';

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

  it('lists a case for a clerk whose position and department match an active step', () => {
    const clerk = { positions: ['reviewer'], department: 'market' };
    const step = (role: string, department = 'market') => ({ nodeId: 'n', name: 'n', role, department });
    expect(isMine(summary('A', { position: [step('reviewer')] }), clerk)).toBe(true);
    expect(isMine(summary('B', { position: [step('approver')] }), clerk)).toBe(false);
    expect(isMine(summary('C', { position: [step('reviewer', 'fire')] }), clerk)).toBe(false);
    expect(isMine(summary('D', { status: 'submitted' }), clerk)).toBe(true);
    expect(isMine(summary('E', { status: 'concluded' }), clerk)).toBe(false);
  });

  it('searches case numbers, items and applicants without regard to case', () => {
    const cases = [
      summary('SL2026000001', { itemName: '公共场所卫生许可', applicantName: '某某酒店' }),
      summary('county-X1', { itemName: '施工许可', itemCode: 'XK-JS-31' }),
    ];
    expect(matching(cases, '酒店').map((c) => c.caseNo)).toEqual(['SL2026000001']);
    expect(matching(cases, 'xk-js').map((c) => c.caseNo)).toEqual(['county-X1']);
    expect(matching(cases, '  ')).toHaveLength(2);
  });
});
