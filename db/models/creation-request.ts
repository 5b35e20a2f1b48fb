import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * Idempotency keys of requests that create something (a case, an order, a complaint, an
 * urge): `_id` is `<scope>:<key>`, `result` the first answer, kept so that a repeated request
 * answers it. A pending claim is held from `claimedAt` for a lease (db/queries/creation-claims.ts).
 */
const creationRequestSchema = new Schema(
  {
    _id: { type: String, required: true },
    status: { type: String, required: true, enum: ['pending', 'done'] },
    result: { type: Schema.Types.Mixed, default: null },
    createdAt: { type: Date, required: true },
    /** When the pending claim was taken, or taken over from a process that died. */
    claimedAt: { type: Date, default: null },
    /** SHA-256 of the request's body: the same key with another body is refused. */
    bodyHash: { type: String, default: null },
  },
  { bufferCommands: false, versionKey: false },
);

export type CreationRequestDoc = InferSchemaType<typeof creationRequestSchema>;

export function creationRequestModel(db: Connection): Model<CreationRequestDoc> {
  return (db.models['CreationRequest'] as Model<CreationRequestDoc> | undefined) ??
    db.model<CreationRequestDoc>('CreationRequest', creationRequestSchema, 'creation_requests');
}

/** The number a creation request's n-th try starts under: `_id` is `<request id>#<n>` (db/queries/numbering.ts). */
const numberReservationSchema = new Schema(
  {
    _id: { type: String, required: true },
    number: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { bufferCommands: false, versionKey: false },
);

export type NumberReservationDoc = InferSchemaType<typeof numberReservationSchema>;

export function numberReservationModel(db: Connection): Model<NumberReservationDoc> {
  return (db.models['NumberReservation'] as Model<NumberReservationDoc> | undefined) ??
    db.model<NumberReservationDoc>('NumberReservation', numberReservationSchema, 'number_reservations');
}
