import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * The application as registered at the counter (收件): who applied, the form as filled in and
 * the materials received. Written by the API before the case workflow starts, under the case
 * number, once (a retry of the registration writes nothing new). It holds personal data: only
 * those who may read the case read it. The query code is not here (the case read model has it).
 */
const applicationSchema = new Schema(
  {
    _id: { type: String, required: true },
    itemCode: { type: String, required: true },
    definitionVersion: { type: Number, required: true },
    department: { type: String, required: true },
    applicant: {
      _id: false,
      name: { type: String, required: true },
      kind: { type: String, default: null },
      idNumber: { type: String, default: null },
      phone: { type: String, default: null },
      email: { type: String, default: null },
    },
    /** The form data as JSON text: field names are the item's, not ours, so they stay out of the document's keys. */
    data: { type: String, required: true },
    materials: { type: [String], default: [] },
    submittedAt: { type: Date, required: true },
    registeredBy: { type: String, required: true },
    /** The registration try that wrote it: a try whose number turned out taken removes only its own. */
    writtenBy: { type: String, required: true },
  },
  { bufferCommands: false, versionKey: false },
);

export type ApplicationDoc = InferSchemaType<typeof applicationSchema>;

export function applicationModel(db: Connection): Model<ApplicationDoc> {
  return (db.models['Application'] as Model<ApplicationDoc> | undefined) ?? db.model<ApplicationDoc>('Application', applicationSchema, 'applications');
}
