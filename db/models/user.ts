import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const userSchema = new Schema(
  {
    username: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    passwordHash: { type: String, required: true },
    roles: { type: [String], required: true },
    /** Department code of a clerk or department supervision officer; null for the others. */
    department: { type: String, default: null },
    /** Business positions: the task `role` ids of definitions this user may act as. */
    positions: { type: [String], default: [] },
    /** Where alerts reach the user by e-mail and through the SMS/IM gateway; optional. */
    email: { type: String, default: null },
    phone: { type: String, default: null },
    active: { type: Boolean, default: true },
    /** Carried by every token; bumped by a change of password, rights or activity, which ends older sessions. */
    sessionVersion: { type: Number, default: 0 },
    /** Set for the administrator created with a generated password: nothing else is allowed until it is changed. */
    mustChangePassword: { type: Boolean, default: false },
    /** The logged change that last bumped the session version: its repeat bumps nothing. */
    sessionIntent: { type: String, default: null },
    /** The logged action that created it (api/supervision-log/intents.ts): a repeat of that action finds it. */
    intent: { type: String, default: null },
  },
  { timestamps: true, bufferCommands: false },
);

export type UserDoc = InferSchemaType<typeof userSchema>;

/** Platform users (administrators, clerks, supervisors, department officers, auditors). */
export function userModel(db: Connection): Model<UserDoc> {
  return (db.models['User'] as Model<UserDoc> | undefined) ?? db.model<UserDoc>('User', userSchema, 'users');
}
