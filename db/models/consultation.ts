import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * Consultations (咨询): one document per question, written whole by the consultation
 * workflow's recorder and guarded by `seq`. `faq` is set by the department when it
 * publishes the answered question to the item's guide.
 */
const consultationSchema = new Schema(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true },
    queryCode: { type: String, required: true },
    channel: { type: String, required: true, enum: ['web', 'phone'] },
    asker: { _id: false, name: String, phone: String },
    itemCode: { type: String, required: true },
    itemName: { type: String, required: true },
    department: { type: String, required: true },
    question: { type: String, required: true },
    askedAt: { type: Date, required: true },
    registeredBy: { type: String, default: null },
    answerDays: { type: Number, required: true },
    answerDeadline: { type: Date, required: true },
    provisional: { type: Boolean, required: true },
    status: { type: String, required: true, enum: ['open', 'answered'] },
    answer: { type: Schema.Types.Mixed, default: null },
    answeredAt: { type: Date, default: null },
    answeredOnTime: { type: Boolean, default: null },
    level: { type: String, required: true },
    alertCount: { type: Number, required: true },
    faq: { type: Schema.Types.Mixed, default: null },
    updatedAt: { type: Date, required: true },
  },
  { bufferCommands: false, versionKey: false, minimize: false },
);
consultationSchema.index({ department: 1, status: 1, askedAt: -1 });
consultationSchema.index({ itemCode: 1, 'faq.publishedAt': 1 });

export type ConsultationDoc = InferSchemaType<typeof consultationSchema>;

export function consultationModel(db: Connection): Model<ConsultationDoc> {
  return (db.models['Consultation'] as Model<ConsultationDoc> | undefined) ?? db.model<ConsultationDoc>('Consultation', consultationSchema, 'consultations');
}
