import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * Complaints (投诉): one document per complaint, written whole by the complaint workflow's
 * recorder and guarded by `seq`. Scores read `department`, the response and handling
 * timeliness, the finding and the rating from here.
 */
const complaintSchema = new Schema(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true },
    queryCode: { type: String, required: true },
    channel: { type: String, required: true, enum: ['web', 'phone', 'sms'] },
    complainant: { _id: false, name: String, phone: String, email: String },
    content: { type: String, required: true },
    about: { _id: false, department: String, caseNo: String, itemCode: String },
    filedAt: { type: Date, required: true },
    registeredBy: { type: String, default: null },
    department: { type: String, default: null },
    status: { type: String, required: true, enum: ['registered', 'transferred', 'responded', 'concluded'] },
    transfers: { type: Schema.Types.Mixed, default: [] },
    responses: { type: Schema.Types.Mixed, default: [] },
    firstResponseAt: { type: Date, default: null },
    firstResponseDeadline: { type: Date, required: true },
    firstResponseOnTime: { type: Boolean, default: null },
    handlingDeadline: { type: Date, required: true },
    provisional: { type: Boolean, required: true },
    concludedAt: { type: Date, default: null },
    handledOnTime: { type: Boolean, default: null },
    conclusion: { type: Schema.Types.Mixed, default: null },
    finding: { type: String, default: null },
    rating: { type: Number, default: null },
    ratingComment: { type: String, default: null },
    ratedAt: { type: Date, default: null },
    level: { type: String, required: true },
    alertCount: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { bufferCommands: false, versionKey: false, minimize: false },
);
complaintSchema.index({ department: 1, status: 1, filedAt: -1 });
complaintSchema.index({ filedAt: -1 });

export type ComplaintDoc = InferSchemaType<typeof complaintSchema>;

export function complaintModel(db: Connection): Model<ComplaintDoc> {
  return (db.models['Complaint'] as Model<ComplaintDoc> | undefined) ?? db.model<ComplaintDoc>('Complaint', complaintSchema, 'complaints');
}
