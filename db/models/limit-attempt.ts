import { Schema, type Connection, type Model } from 'mongoose';

/**
 * The rate limits' counts (api/http/attempts.ts), one document a counted attempt, kept only
 * while a window still counts it. Each slice of time of a key is a sequence numbered without
 * gaps: `<key hash>:<slice>#<n>` is its n-th attempt, `<key hash>:<slice>~#<n>` its n-th
 * release (an attempt taken back), `<key hash>:<slice>` and `…~` the sequences' hints (`seq`),
 * `<key hash>:floor` the floor a cleared key set (in its `slice`, the `attempts` and
 * `released` that no longer count; earlier slices count none). Every read is by `_id`: on
 * FerretDB any other filter reads every attempt of every key. Counting inserts and never
 * updates a shared document (concurrent `$inc` on one document loses updates there), so two
 * API processes on one database share the counts.
 */
export interface LimitAttemptDoc {
  _id: string;
  /** When no window counts the document any more; older ones are deleted. */
  expiresAt: Date;
  /** On a hint: the highest number known taken. */
  seq?: number;
  /** On a floor: its slice, and the attempts and releases of that slice it clears. */
  slice?: number;
  attempts?: number;
  released?: number;
}

const limitAttemptSchema = new Schema<LimitAttemptDoc>(
  { _id: { type: String, required: true }, expiresAt: { type: Date, required: true }, seq: Number, slice: Number, attempts: Number, released: Number },
  { bufferCommands: false, versionKey: false },
);

export function limitAttemptModel(db: Connection): Model<LimitAttemptDoc> {
  return (db.models['LimitAttempt'] as Model<LimitAttemptDoc> | undefined) ??
    db.model<LimitAttemptDoc>('LimitAttempt', limitAttemptSchema, 'limit_attempts');
}
