import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * Case ratings (好差评): one document per rated case (`_id` the case number), written whole
 * by the follow-up workflow's recorder and guarded by `seq`, with the follow-up a 差评 opened.
 */
const caseRatingSchema = new Schema(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true },
    itemCode: { type: String, required: true },
    itemName: { type: String, required: true },
    department: { type: String, required: true },
    level: { type: String, required: true },
    reasons: { type: [String], default: [] },
    comment: { type: String, default: null },
    ratedAt: { type: Date, required: true },
    status: { type: String, required: true, enum: ['none', 'open', 'closed'] },
    deadline: { type: Date, default: null },
    provisional: { type: Boolean, required: true },
    closure: { type: Schema.Types.Mixed, default: null },
    closedAt: { type: Date, default: null },
    closedOnTime: { type: Boolean, default: null },
    alertLevel: { type: String, required: true },
    alertCount: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { bufferCommands: false, versionKey: false, minimize: false },
);
caseRatingSchema.index({ department: 1, status: 1, ratedAt: -1 });

export type CaseRatingDoc = InferSchemaType<typeof caseRatingSchema>;

export function caseRatingModel(db: Connection): Model<CaseRatingDoc> {
  return (db.models['CaseRating'] as Model<CaseRatingDoc> | undefined) ?? db.model<CaseRatingDoc>('CaseRating', caseRatingSchema, 'case_ratings');
}
