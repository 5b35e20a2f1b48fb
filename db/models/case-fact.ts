import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * One counted event that costs a department points (a late conclusion, a warning, a card,
 * an anomaly), kept beside the rollup counters at write time so that an evaluation can show
 * each case's contribution without scanning cases. `_id` is `<event id>:<counter>`; `ref`
 * is the alert or anomaly id (an appeal names the red card by it).
 */
const caseFactSchema = new Schema(
  {
    _id: { type: String, required: true },
    day: { type: String, required: true },
    department: { type: String, required: true },
    itemCode: { type: String, required: true },
    caseNo: { type: String, required: true },
    counter: { type: String, required: true },
    at: { type: Date, required: true },
    ref: { type: String, default: null },
    /**
     * Who held the step to blame (a step overdue, a card it caused): position, department,
     * since when, and the clerk (`userId`) when one had claimed the step (签收).
     */
    holder: {
      type: { _id: false, nodeId: String, department: String, position: String, since: Date, userId: String },
      default: null,
    },
    /** Set when an upheld appeal (申诉) took the fact back: it no longer counts anywhere. */
    withdrawn: {
      type: { _id: false, appealId: String, evaluationId: String, at: Date },
      default: null,
    },
  },
  { bufferCommands: false, versionKey: false },
);
caseFactSchema.index({ department: 1, day: 1 });
caseFactSchema.index({ ref: 1 });
caseFactSchema.index({ day: 1 });

export type CaseFactDoc = InferSchemaType<typeof caseFactSchema>;

export function caseFactModel(db: Connection): Model<CaseFactDoc> {
  return (db.models['CaseFact'] as Model<CaseFactDoc> | undefined) ?? db.model<CaseFactDoc>('CaseFact', caseFactSchema, 'case_facts');
}
