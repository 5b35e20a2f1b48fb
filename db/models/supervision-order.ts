import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * Supervision orders (督办): one document per order, written whole by the order workflow's
 * recorder and guarded by `seq` so that an older write never overwrites a newer one.
 */
const supervisionOrderSchema = new Schema(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true },
    subjectKind: { type: String, required: true, enum: ['case', 'alert'] },
    alertId: { type: String, default: null },
    caseNo: { type: String, required: true },
    itemCode: { type: String, required: true },
    department: { type: String, required: true },
    title: { type: String, required: true },
    requirement: { type: String, required: true },
    openedBy: { _id: false, userId: String, name: String },
    openedAt: { type: Date, required: true },
    responseDays: { type: Number, required: true },
    responseDeadline: { type: Date, required: true },
    provisional: { type: Boolean, required: true },
    status: { type: String, required: true, enum: ['open', 'answered', 'concluded'] },
    level: { type: String, required: true },
    answer: { type: Schema.Types.Mixed, default: null },
    conclusion: { type: Schema.Types.Mixed, default: null },
    alertCount: { type: Number, required: true },
    nextAt: { type: Date, default: null },
    updatedAt: { type: Date, required: true },
  },
  { bufferCommands: false, versionKey: false },
);
supervisionOrderSchema.index({ department: 1, status: 1, openedAt: -1 });
supervisionOrderSchema.index({ caseNo: 1, openedAt: -1 });
supervisionOrderSchema.index({ openedAt: -1 });

export type SupervisionOrderDoc = InferSchemaType<typeof supervisionOrderSchema>;

export function supervisionOrderModel(db: Connection): Model<SupervisionOrderDoc> {
  return (db.models['SupervisionOrder'] as Model<SupervisionOrderDoc> | undefined) ??
    db.model<SupervisionOrderDoc>('SupervisionOrder', supervisionOrderSchema, 'supervision_orders');
}
