import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * An alert of the ladder (预警, 黄牌, 红牌) or a step / notice threshold: `_id` is
 * `<caseNo>:<threshold key>`. `notified` lists who was told on which channel and when.
 */
const alertSchema = new Schema(
  {
    _id: { type: String, required: true },
    caseNo: { type: String, required: true },
    itemCode: { type: String, required: true },
    department: { type: String, required: true },
    key: { type: String, required: true },
    kind: { type: String, required: true },
    level: { type: String, required: true },
    reason: { type: String, required: true },
    thresholdAt: { type: Date, required: true },
    raisedAt: { type: Date, required: true },
    provisional: { type: Boolean, required: true },
    ref: { type: String, default: null },
    audience: { type: [Schema.Types.Mixed], default: [] },
    notified: [{ _id: false, channel: String, recipient: String, at: Date, status: String }],
    handled: { type: Boolean, default: false },
    /** Its cause ended (case concluded, step completed, pause ended): reminders skip it. */
    closed: { type: Boolean, default: false },
    closedAt: { type: Date, default: null },
    /** What raised it: a case's ladder, or a supervision order's or complaint's own (then `subjectId` names it). */
    subject: { type: String, default: 'case' },
    subjectId: { type: String, default: null },
    /** How far an unhandled alert was chased: null, 'reminder', then 'escalation' (activities/reminders.ts). */
    reminded: { type: String, default: null },
    /** Set when a supervisor or officer acknowledges the alert through the API. */
    acknowledgedBy: { type: String, default: null },
    acknowledgedAt: { type: Date, default: null },
    note: { type: String, default: null },
  },
  { bufferCommands: false, versionKey: false },
);
alertSchema.index({ department: 1, level: 1, raisedAt: -1 });
alertSchema.index({ caseNo: 1, raisedAt: 1 });
alertSchema.index({ handled: 1, reminded: 1, raisedAt: 1 });
// The alert list's order and cursor (api/alerts): newest first, ties broken by id.
alertSchema.index({ raisedAt: -1, _id: -1 });

export type AlertDoc = InferSchemaType<typeof alertSchema>;

export function alertModel(db: Connection): Model<AlertDoc> {
  return (db.models['Alert'] as Model<AlertDoc> | undefined) ?? db.model<AlertDoc>('Alert', alertSchema, 'alerts');
}

/**
 * The first acknowledgement of an alert, `_id` the alert's id: inserting it is the claim, so of
 * acknowledgements sent at once exactly one wins on FerretDB too (whose conditional updates
 * are read-modify-write without isolation); `intent` names the logged action that won.
 */
const alertAcknowledgementSchema = new Schema(
  {
    _id: { type: String, required: true },
    by: { type: String, required: true },
    at: { type: Date, required: true },
    note: { type: String, default: null },
    intent: { type: String, required: true },
  },
  { bufferCommands: false, versionKey: false },
);

export type AlertAcknowledgementDoc = InferSchemaType<typeof alertAcknowledgementSchema>;

export function alertAcknowledgementModel(db: Connection): Model<AlertAcknowledgementDoc> {
  return (db.models['AlertAcknowledgement'] as Model<AlertAcknowledgementDoc> | undefined) ??
    db.model<AlertAcknowledgementDoc>('AlertAcknowledgement', alertAcknowledgementSchema, 'alert_acknowledgements');
}
