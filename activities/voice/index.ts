import type { ActivityDeps } from '../deps';
import type { OversightEventRecord } from '../contract/oversight-records';
import { recordConsultation, recordFollowUp } from './record';
import type { ConsultationRecord, FollowUpRecord } from './records';

/** The activities of consultations and rating follow-ups; `createActivities` spreads them in. */
export function voiceActivities(deps: ActivityDeps) {
  const recordDeps = { db: deps.db, ...(deps.afterWrite && { afterWrite: deps.afterWrite }) };
  return {
    /** Appends a consultation's events (alerts and inbox notices with them) and its document. */
    async recordConsultation(batch: { events: OversightEventRecord[]; consultation: ConsultationRecord }): Promise<void> {
      await recordConsultation(recordDeps, batch);
    },
    /** Appends a rating's events, its document with the follow-up, and its satisfaction fact. */
    async recordFollowUp(batch: { events: OversightEventRecord[]; followUp: FollowUpRecord }): Promise<void> {
      await recordFollowUp(recordDeps, batch);
    },
  };
}
