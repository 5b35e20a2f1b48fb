import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const externalSystemSchema = new Schema(
  {
    systemId: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    /** SHA-256 of the API key; the key itself is shown once, when the system is registered. */
    keyHash: { type: String, required: true, unique: true },
    /** Departments whose cases the system may report. */
    departments: { type: [String], required: true },
    active: { type: Boolean, default: true },
    /** The logged action that created it (api/supervision-log/intents.ts): a repeat of that action finds it. */
    intent: { type: String, default: null },
  },
  { timestamps: true, bufferCommands: false },
);

export type ExternalSystemDoc = InferSchemaType<typeof externalSystemSchema>;

/** External approval systems allowed to push case events (数据采集). */
export function externalSystemModel(db: Connection): Model<ExternalSystemDoc> {
  return (db.models['ExternalSystem'] as Model<ExternalSystemDoc> | undefined) ??
    db.model<ExternalSystemDoc>('ExternalSystem', externalSystemSchema, 'external_systems');
}

const ingestedEventSchema = new Schema(
  {
    /** `${systemId}:${eventId}`: an event id is unique per source system. */
    key: { type: String, required: true, unique: true },
    systemId: { type: String, required: true },
    caseNo: { type: String, required: true },
    receivedAt: { type: Date, required: true },
  },
  { bufferCommands: false },
);

export type IngestedEventDoc = InferSchemaType<typeof ingestedEventSchema>;

/** Event ids already handed to a case workflow, so a re-sent batch is answered 'duplicate'. */
export function ingestedEventModel(db: Connection): Model<IngestedEventDoc> {
  return (db.models['IngestedEvent'] as Model<IngestedEventDoc> | undefined) ??
    db.model<IngestedEventDoc>('IngestedEvent', ingestedEventSchema, 'ingested_events');
}
