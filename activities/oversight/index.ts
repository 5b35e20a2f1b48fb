import type { RecordOutcome } from '../contract/case-records';
import type { ActivityDeps } from '../deps';
import { recordOutcome } from '../notify/channels';
import type { OversightEventRecord, OversightAlertRecord } from '../contract/oversight-records';
import type { DeliverySummary } from '../notify/deliver';
import { deliverOversightAlert } from './notify';
import { recordComplaint, recordSupervisionOrder } from './record';
import type { AnomalyDispositionRecord, ComplaintRecord, SupervisionOrderRecord } from './records';
import { recordAnomalyDisposition } from './anomaly';

/** The activities of supervision orders and complaints; `createActivities` spreads them in. */
export function oversightActivities(deps: ActivityDeps) {
  const recordDeps = { db: deps.db, ...(deps.afterWrite && { afterWrite: deps.afterWrite }) };
  return {
    /** Appends an order's events (alerts and inbox notices with them), its document and, once concluded, its conclusion. */
    async recordSupervisionOrder(batch: { events: OversightEventRecord[]; order: SupervisionOrderRecord }): Promise<RecordOutcome> {
      await recordSupervisionOrder(recordDeps, batch);
      return recordOutcome(deps.channels);
    },
    /** Appends a complaint's events (alerts and inbox notices with them) and its document. */
    async recordComplaint(batch: { events: OversightEventRecord[]; complaint: ComplaintRecord }): Promise<RecordOutcome> {
      await recordComplaint(recordDeps, batch);
      return recordOutcome(deps.channels);
    },
    /** Appends an anomaly disposition's events and writes its disposition; a finding that stands is counted once. */
    async recordAnomalyDisposition(batch: { events: OversightEventRecord[]; anomaly: AnomalyDispositionRecord }): Promise<RecordOutcome> {
      await recordAnomalyDisposition(recordDeps, batch);
      return recordOutcome(deps.channels);
    },
    /** Sends an order's or complaint's alert by e-mail and the SMS/IM webhook. */
    async deliverOversightAlert(input: { alert: OversightAlertRecord }): Promise<DeliverySummary> {
      const summary = await deliverOversightAlert({ db: deps.db, channels: deps.channels ?? {}, ...(deps.directory && { directory: deps.directory }) }, input);
      deps.logger.debug({ alertId: input.alert.id, ...summary }, 'oversight notifications delivered');
      return summary;
    },
  };
}
