import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * The conclusion of each supervision order, for performance scores: the department, how it
 * responded (on time, late or not at all, in working days) and the finding. `_id` is the
 * order id; written once when the order is concluded.
 */
const supervisionConclusionSchema = new Schema(
  {
    _id: { type: String, required: true },
    caseNo: { type: String, required: true },
    itemCode: { type: String, required: true },
    department: { type: String, required: true },
    openedAt: { type: Date, required: true },
    responseDeadline: { type: Date, required: true },
    answeredAt: { type: Date, default: null },
    responsiveness: { type: String, required: true, enum: ['on-time', 'late', 'unanswered'] },
    responseWorkingDays: { type: Number, required: true },
    lateWorkingDays: { type: Number, required: true },
    finding: { type: String, required: true },
    responsibility: { type: String, required: true },
    measure: { type: String, required: true },
    concludedBy: { type: String, required: true },
    concludedAt: { type: Date, required: true },
  },
  { bufferCommands: false, versionKey: false },
);
supervisionConclusionSchema.index({ department: 1, concludedAt: -1 });

export type SupervisionConclusionDoc = InferSchemaType<typeof supervisionConclusionSchema>;

export function supervisionConclusionModel(db: Connection): Model<SupervisionConclusionDoc> {
  return (db.models['SupervisionConclusion'] as Model<SupervisionConclusionDoc> | undefined) ??
    db.model<SupervisionConclusionDoc>('SupervisionConclusion', supervisionConclusionSchema, 'supervision_conclusions');
}
