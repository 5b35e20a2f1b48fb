import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/** An anomaly (异常监察) flagged for supervisors: `_id` is `<caseNo>:anomaly:<n>`. */
const anomalySchema = new Schema(
  {
    _id: { type: String, required: true },
    caseNo: { type: String, required: true },
    itemCode: { type: String, required: true },
    department: { type: String, required: true },
    kind: { type: String, required: true },
    at: { type: Date, required: true },
    reason: { type: String, required: true },
    nodeId: { type: String, default: null },
    actorId: { type: String, default: null },
    handled: { type: Boolean, default: false },
    /** The disposition workflow's view (activities/oversight/anomaly.ts), written with `seq` so an older write never wins. */
    status: { type: String, default: 'open' },
    disposition: { type: Schema.Types.Mixed, default: null },
    objection: { type: Schema.Types.Mixed, default: null },
    decision: { type: Schema.Types.Mixed, default: null },
    dispositionDeadline: { type: Date, default: null },
    objectionClosesAt: { type: Date, default: null },
    findingFinal: { type: Boolean, default: false },
    level: { type: String, default: 'normal' },
    seq: { type: Number, default: 0 },
  },
  { bufferCommands: false, versionKey: false },
);
anomalySchema.index({ department: 1, kind: 1, at: -1 });
anomalySchema.index({ caseNo: 1, at: 1 });
anomalySchema.index({ status: 1, at: -1 });

export type AnomalyDoc = InferSchemaType<typeof anomalySchema>;

export function anomalyModel(db: Connection): Model<AnomalyDoc> {
  return (db.models['Anomaly'] as Model<AnomalyDoc> | undefined) ?? db.model<AnomalyDoc>('Anomaly', anomalySchema, 'anomalies');
}
