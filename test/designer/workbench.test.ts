import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../designer/src/api/cases';
import { byUrgency } from '../../designer/src/workbench/WorkbenchPage';

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
});
