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
    /** When the key was last replaced; null while it is the key given at registration. */
    keyRotatedAt: { type: Date, default: null },
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
    /** The key (claims from before it was the `_id` have an ObjectId), so a failed delivery's claim is released by `_id`. */
    _id: { type: String, required: true },
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

const ingestPushSchema = new Schema(
  {
    /** `<systemId>:<n>`, the system's n-th push (db/queries/ingest-pushes.ts); pushes from before the numbering have an ObjectId. */
    _id: { type: String, required: true },
    systemId: { type: String, required: true },
    at: { type: Date, required: true },
    accepted: { type: Number, required: true },
    duplicates: { type: Number, required: true },
    rejected: { type: Number, required: true },
    failed: { type: Number, required: true },
    /** The first rejected or failed events of the push, as answered to the system. */
    refusals: { type: [{ _id: false, index: Number, eventId: String, caseNo: String, status: String, code: String, detail: String }], default: [] },
  },
  { bufferCommands: false },
);
ingestPushSchema.index({ systemId: 1, at: -1 });

export type IngestPushDoc = InferSchemaType<typeof ingestPushSchema>;

/** One document per push of a system (inserted, never updated), so an administrator sees its last pushes and rejections. */
export function ingestPushModel(db: Connection): Model<IngestPushDoc> {
  return (db.models['IngestPush'] as Model<IngestPushDoc> | undefined) ??
    db.model<IngestPushDoc>('IngestPush', ingestPushSchema, 'ingest_pushes');
}
