import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * The supervision log (监察日志): one document per link of the hash chain, `_id` being the
 * sequence number, so two writers that read the same head cannot both append after it
 * (the second insert fails with a duplicate key and retries on the new head). `content`
 * is the canonical JSON that `hash` covers; the other fields copy parts of it for queries
 * and are checked against it when the chain is verified.
 */
const supervisionLogSchema = new Schema(
  {
    _id: { type: Number, required: true },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
    content: { type: String, required: true },
    at: { type: Date, required: true },
    action: { type: String, required: true },
    actorId: { type: String, required: true },
    actorName: { type: String, required: true },
    targetKind: { type: String, required: true },
    targetId: { type: String, required: true },
    requestId: { type: String, default: null },
    /** The intent the record completes (also in the hashed details): a second append of it is recognised. */
    intentId: { type: String, default: null },
  },
  { bufferCommands: false, versionKey: false },
);
supervisionLogSchema.index({ at: 1 });
supervisionLogSchema.index({ action: 1, _id: -1 });
supervisionLogSchema.index({ targetKind: 1, targetId: 1, _id: -1 });
supervisionLogSchema.index({ actorId: 1, _id: -1 });
supervisionLogSchema.index({ intentId: 1 });
supervisionLogSchema.index({ actorName: 1, _id: -1 });

export type SupervisionLogDoc = InferSchemaType<typeof supervisionLogSchema>;

interface SupervisionLogHeadDoc {
  _id: string;
  seq: number;
  hash: string;
}

const headSchema = new Schema<SupervisionLogHeadDoc>(
  { _id: { type: String, required: true }, seq: { type: Number, required: true }, hash: { type: String, required: true } },
  { bufferCommands: false, versionKey: false },
);

/**
 * A pointer to the newest record (`_id` 'head'), moved forward after each append, so a
 * writer finds the head in a one-document collection instead of sorting the log. Only a
 * hint: a writer that finds its place taken looks at the log itself.
 */
export function supervisionLogHeadModel(db: Connection): Model<SupervisionLogHeadDoc> {
  return (db.models['SupervisionLogHead'] as Model<SupervisionLogHeadDoc> | undefined) ??
    db.model<SupervisionLogHeadDoc>('SupervisionLogHead', headSchema, 'supervision_log_head');
}

export function supervisionLogModel(db: Connection): Model<SupervisionLogDoc> {
  return (db.models['SupervisionLog'] as Model<SupervisionLogDoc> | undefined) ??
    db.model<SupervisionLogDoc>('SupervisionLog', supervisionLogSchema, 'supervision_log');
}
