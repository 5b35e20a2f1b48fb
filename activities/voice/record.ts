import { caseRatingModel } from '../../db/models/case-rating';
import { consultationModel } from '../../db/models/consultation';
import { satisfactionScore } from '../../domain/voice/rating-rules';
import type { OversightEventRecord } from '../contract/oversight-records';
import { recordEvents, writeWhole, type OversightRecordDeps } from '../oversight/record';
import { rollUpOversight } from '../oversight-facts';
import type { DepartmentFact } from '../rollups';
import type { ConsultationRecord, FollowUpRecord } from './records';

const date = (at: number | null | undefined) => (at === null || at === undefined ? null : new Date(at));

/** Records a consultation's events (alerts and inbox notices with them) and its document. */
export async function recordConsultation(deps: OversightRecordDeps, batch: { events: OversightEventRecord[]; consultation: ConsultationRecord }) {
  const { db } = deps;
  const c = batch.consultation;
  await recordEvents(db, batch.events, null, c.department);
  await writeWhole(consultationModel(db), c.consultationNo, c.seq, {
    queryCode: c.queryCode, channel: c.channel, asker: c.asker, itemCode: c.itemCode, itemName: c.itemName, department: c.department,
    question: c.question, askedAt: new Date(c.askedAt), registeredBy: c.registeredBy?.userId ?? null, answerDays: c.answerDays,
    answerDeadline: new Date(c.answerDeadline), provisional: c.provisional, status: c.status, answer: c.answer,
    answeredAt: date(c.answer?.at), answeredOnTime: c.answer?.onTime ?? null, level: c.level, alertCount: c.alerts.length,
    updatedAt: new Date(c.updatedAt),
  });
  deps.afterWrite?.('recordConsultation');
}

/**
 * The rating as a department fact: it counts in the same `ratings` and `satisfaction` sums
 * as a complaint's rating (1–5), so the evaluation's satisfaction indicator reads both.
 */
export function ratingFacts(r: FollowUpRecord): DepartmentFact[] {
  const { rating } = r;
  return [{
    id: `${rating.caseNo}:case-rated`, at: rating.ratedAt, department: rating.department, itemCode: rating.itemCode,
    counters: ['ratings'], sums: { satisfaction: satisfactionScore(rating.level) },
  }];
}

/** Records a rating's events, its document (with the follow-up) and its department fact (once). */
export async function recordFollowUp(deps: OversightRecordDeps, batch: { events: OversightEventRecord[]; followUp: FollowUpRecord }) {
  const { db } = deps;
  const f = batch.followUp;
  const { rating } = f;
  await recordEvents(db, batch.events, rating.caseNo, rating.department);
  await writeWhole(caseRatingModel(db), rating.caseNo, f.seq, {
    itemCode: rating.itemCode, itemName: rating.itemName, department: rating.department, level: rating.level, reasons: rating.reasons,
    comment: rating.comment ?? null, ratedAt: new Date(rating.ratedAt), status: f.status, deadline: date(f.deadline), provisional: f.provisional,
    closure: f.closure, closedAt: date(f.closure?.at), closedOnTime: f.closure?.onTime ?? null, alertLevel: f.level, alertCount: f.alerts.length,
    updatedAt: new Date(f.updatedAt),
  });
  await rollUpOversight(db, ratingFacts(f));
  deps.afterWrite?.('recordFollowUp');
}
