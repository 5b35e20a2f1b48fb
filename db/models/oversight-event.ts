import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * Append-only events of supervision orders and complaints: `_id` is `<subjectId>:<seq>`,
 * fixed by the workflow, so a retried recording inserts nothing twice.
 */
const oversightEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    subject: { type: String, required: true, enum: ['supervision-order', 'complaint', 'consultation', 'follow-up', 'anomaly'] },
    subjectId: { type: String, required: true },
    seq: { type: Number, required: true },
    type: { type: String, required: true },
    at: { type: Date, required: true },
    summary: { type: String, required: true },
    actorId: { type: String, default: null },
    payload: { type: Schema.Types.Mixed, default: {} },
    recordedAt: { type: Date, required: true },
  },
  { bufferCommands: false, versionKey: false, minimize: false },
);
oversightEventSchema.index({ subjectId: 1, seq: 1 });

export type OversightEventDoc = InferSchemaType<typeof oversightEventSchema>;

export function oversightEventModel(db: Connection): Model<OversightEventDoc> {
  return (db.models['OversightEvent'] as Model<OversightEventDoc> | undefined) ??
    db.model<OversightEventDoc>('OversightEvent', oversightEventSchema, 'oversight_events');
}
