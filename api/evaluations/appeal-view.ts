import type { AppealDoc } from '../../db/models/appeal';

/** An appeal as the API answers it. */
export function appealView(doc: AppealDoc, extra: Record<string, unknown> = {}) {
  return {
    appealId: doc._id, evaluationId: doc.evaluationId, department: doc.department, caseNo: doc.caseNo, ref: doc.ref, reason: doc.reason,
    status: doc.status, filedBy: doc.filedBy, filedAt: doc.filedAt.toISOString(),
    decision: doc.decision && { ...doc.decision, at: new Date(doc.decision.at).toISOString() }, ...extra,
  };
}
