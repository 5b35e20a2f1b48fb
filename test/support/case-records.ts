import type { AlertRecord, CaseEventRecord, CaseReadModel } from '../../activities/contract/case-records';

export interface RecordedCase {
  caseNo: string;
  department: string;
  itemCode?: string;
  category?: string;
  /** When everything happened (one instant is enough for day rollups). */
  at: number;
  late?: boolean;
  cards?: ('warning' | 'yellowCard' | 'redCard')[];
  workingDaysUsed?: number;
  statutoryDays?: number;
}

const LEVEL = { warning: 'warning', yellowCard: 'yellow', redCard: 'red' } as const;

/** The batch a case workflow would record for a case submitted, accepted, carded and concluded. */
export function recordedCase(c: RecordedCase): { events: CaseEventRecord[]; readModel: CaseReadModel } {
  const itemCode = c.itemCode ?? `${c.department}-licence`;
  let seq = 0;
  const event = (type: string, payload: Record<string, unknown> = {}): CaseEventRecord => {
    seq += 1;
    return { id: `${c.caseNo}:${seq}`, caseNo: c.caseNo, seq, type, at: c.at, summary: type, payload };
  };
  const alert = (kind: 'warning' | 'yellowCard' | 'redCard'): AlertRecord => ({
    id: `${c.caseNo}:${kind}`, caseNo: c.caseNo, itemCode, department: c.department, key: kind, kind, level: LEVEL[kind],
    thresholdAt: c.at, raisedAt: c.at, provisional: false, reason: kind, audience: [{ kind: 'supervision-office' }],
  });
  const events = [event('submitted'), event('accepted'), ...(c.cards ?? []).map((k) => event('alert', { alert: alert(k) })), event('concluded', { outcome: 'approved' })];
  const alertLevel = c.cards?.includes('redCard') ? 'red' : c.cards?.includes('yellowCard') ? 'yellow' : c.cards?.length ? 'warning' : 'normal';
  return {
    events,
    readModel: {
      caseNo: c.caseNo, seq, mode: 'native', definitionId: itemCode, definitionVersion: 1, itemCode, itemName: itemCode,
      category: c.category ?? 'administrative-licence', department: c.department, applicantName: 'applicant', status: 'concluded',
      outcome: 'approved', alertLevel, position: [], submittedAt: c.at, acceptedAt: c.at, concludedAt: c.at,
      deadline: c.late ? c.at - 1 : c.at + 1, statutoryDeadline: c.at + 1, provisional: false, workingDaysUsed: c.workingDaysUsed ?? 5,
      statutoryDays: c.statutoryDays ?? 20, onTime: !c.late, anomalyCount: 0, alertCount: c.cards?.length ?? 0, updatedAt: c.at,
    },
  };
}
