import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One counted attempt (a sign-in, a public filing, a failed look-up) under a limit. The
 * `_id` is `<key hash>:<epoch ms, 15 digits>:<random>`, so the attempts of one key within a
 * window are one `_id` range: inserting and counting never update a shared document (on
 * FerretDB concurrent `$inc` on one document loses updates), and two API processes on one
 * database see each other's attempts.
 */
export interface LimitAttemptDoc {
  _id: string;
  /** When the attempt no longer counts under any window; older ones are deleted. */
  expiresAt: Date;
}

const limitAttemptSchema = new Schema<LimitAttemptDoc>(
  { _id: { type: String, required: true }, expiresAt: { type: Date, required: true } },
  { bufferCommands: false, versionKey: false },
);

export function limitAttemptModel(db: Connection): Model<LimitAttemptDoc> {
  return (db.models['LimitAttempt'] as Model<LimitAttemptDoc> | undefined) ??
    db.model<LimitAttemptDoc>('LimitAttempt', limitAttemptSchema, 'limit_attempts');
}
