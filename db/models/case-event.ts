import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/** Append-only history of every case: `_id` is `<caseNo>:<seq>`, fixed by the workflow, so a retried write is a no-op. */
const caseEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    caseNo: { type: String, required: true },
    seq: { type: Number, required: true },
    type: { type: String, required: true },
    at: { type: Date, required: true },
    summary: { type: String, required: true },
    nodeId: { type: String, default: null },
    actorId: { type: String, default: null },
    payload: { type: Schema.Types.Mixed, default: {} },
    recordedAt: { type: Date, required: true },
  },
  { bufferCommands: false, versionKey: false, minimize: false },
);
caseEventSchema.index({ caseNo: 1, seq: 1 }, { unique: true });
caseEventSchema.index({ type: 1, at: -1 });

export type CaseEventDoc = InferSchemaType<typeof caseEventSchema>;

export function caseEventModel(db: Connection): Model<CaseEventDoc> {
  return (db.models['CaseEvent'] as Model<CaseEventDoc> | undefined) ?? db.model<CaseEventDoc>('CaseEvent', caseEventSchema, 'case_events');
}
