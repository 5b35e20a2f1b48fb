import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * A logged administrative action, written before its effect (api/supervision-log/intents.ts):
 * what to do (`action`, `args` as JSON), who asked, and whether the effect and its log record
 * are both done. A pending intent older than its lease is completed by the sweeper.
 */
const logIntentSchema = new Schema(
  {
    _id: { type: String, required: true },
    action: { type: String, required: true },
    /** The effect's arguments as JSON while pending; dropped once done (they may hold a password hash). */
    args: { type: String, default: null },
    /** SHA-256 of the arguments: a repeated key with other arguments is refused. */
    argsHash: { type: String, required: true },
    actor: { userId: String, username: String, roles: [String] },
    requestId: { type: String, default: null },
    /** Named by the caller's idempotency key: kept when done, to answer a repeat. */
    keyed: { type: Boolean, required: true },
    state: { type: String, required: true, enum: ['pending', 'done'] },
    createdAt: { type: Date, required: true },
    /** The first answer (JSON), kept for a request repeated under an idempotency key. */
    result: { type: String, default: null },
  },
  { bufferCommands: false, versionKey: false },
);
logIntentSchema.index({ state: 1, createdAt: 1 });

export type LogIntentDoc = InferSchemaType<typeof logIntentSchema>;

export function logIntentModel(db: Connection): Model<LogIntentDoc> {
  return (db.models['LogIntent'] as Model<LogIntentDoc> | undefined) ??
    db.model<LogIntentDoc>('LogIntent', logIntentSchema, 'log_intents');
}

/**
 * Who is completing an intent right now: generation `gen` of the claims on `intentId`, its
 * `_id` `<intentId>:<gen>`. Only an insert takes a claim (the unique `_id` decides between
 * processes, on FerretDB as on MongoDB); a claim older than the lease may be superseded by
 * the next generation, and a claim is dropped when its holder finishes or fails.
 */
const logIntentClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    intentId: { type: String, required: true },
    gen: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { bufferCommands: false, versionKey: false },
);
logIntentClaimSchema.index({ intentId: 1, gen: -1 });

export type LogIntentClaimDoc = InferSchemaType<typeof logIntentClaimSchema>;

export function logIntentClaimModel(db: Connection): Model<LogIntentClaimDoc> {
  return (db.models['LogIntentClaim'] as Model<LogIntentClaimDoc> | undefined) ??
    db.model<LogIntentClaimDoc>('LogIntentClaim', logIntentClaimSchema, 'log_intent_claims');
}
