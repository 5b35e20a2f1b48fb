import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const departmentSchema = new Schema(
  {
    /** Stable code used by items, tasks and users, e.g. 'market-supervision'. */
    code: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    /** The department above it (a county under the city, a bureau under its county); null at the top. */
    parent: { type: String, default: null },
    /** The logged action that created it (api/supervision-log/intents.ts): a repeat of that action finds it. */
    intent: { type: String, default: null },
  },
  { timestamps: true, bufferCommands: false },
);

export type DepartmentDoc = InferSchemaType<typeof departmentSchema>;

/** Departments (委办局) whose cases are supervised and scored. */
export function departmentModel(db: Connection): Model<DepartmentDoc> {
  return (db.models['Department'] as Model<DepartmentDoc> | undefined) ??
    db.model<DepartmentDoc>('Department', departmentSchema, 'departments');
}
