import type { RecordOutcome } from '../contract/case-records';
import type { ActivityDeps } from '../deps';
import { recordOutcome } from '../notify/channels';
import type { OversightEventRecord } from '../contract/oversight-records';
import { recordConsultation, recordFollowUp } from './record';
import type { ConsultationRecord, FollowUpRecord } from './records';

/** The activities of consultations and rating follow-ups; `createActivities` spreads them in. */
export function voiceActivities(deps: ActivityDeps) {
  const recordDeps = { db: deps.db, ...(deps.afterWrite && { afterWrite: deps.afterWrite }) };
  return {
    /** Appends a consultation's events (alerts and inbox notices with them) and its document. */
    async recordConsultation(batch: { events: OversightEventRecord[]; consultation: ConsultationRecord }): Promise<RecordOutcome> {
      await recordConsultation(recordDeps, batch);
      return recordOutcome(deps.channels);
    },
    /** Appends a rating's events, its document with the follow-up, and its satisfaction fact. */
    async recordFollowUp(batch: { events: OversightEventRecord[]; followUp: FollowUpRecord }): Promise<RecordOutcome> {
      await recordFollowUp(recordDeps, batch);
      return recordOutcome(deps.channels);
    },
  };
}
