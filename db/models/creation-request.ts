import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * Idempotency keys of requests that create something (an order, a complaint): `_id` is
 * `<scope>:<key>`, `result` the first answer, kept so that a repeated request answers it.
 */
const creationRequestSchema = new Schema(
  {
    _id: { type: String, required: true },
    status: { type: String, required: true, enum: ['pending', 'done'] },
    result: { type: Schema.Types.Mixed, default: null },
    createdAt: { type: Date, required: true },
  },
  { bufferCommands: false, versionKey: false },
);

export type CreationRequestDoc = InferSchemaType<typeof creationRequestSchema>;

export function creationRequestModel(db: Connection): Model<CreationRequestDoc> {
  return (db.models['CreationRequest'] as Model<CreationRequestDoc> | undefined) ??
    db.model<CreationRequestDoc>('CreationRequest', creationRequestSchema, 'creation_requests');
}
