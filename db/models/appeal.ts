import { Schema, type Connection, type Model } from 'mongoose';

export interface AppealDoc {
  _id: string;
  evaluationId: string;
  department: string;
  caseNo: string;
  /** The red card appealed: its alert id, `<caseNo>:redCard`. */
  ref: string;
  reason: string;
  status: 'open' | 'upheld' | 'rejected';
  filedBy: string;
  filedAt: Date;
  decision: { by: string; at: Date; comment: string } | null;
}

/** Appeals (申诉) of a department against a red card counted in an evaluation. */
const appealSchema = new Schema<AppealDoc>(
  {
    _id: { type: String, required: true },
    evaluationId: { type: String, required: true },
    department: { type: String, required: true },
    caseNo: { type: String, required: true },
    ref: { type: String, required: true },
    reason: { type: String, required: true },
    status: { type: String, required: true, enum: ['open', 'upheld', 'rejected'] },
    filedBy: { type: String, required: true },
    filedAt: { type: Date, required: true },
    decision: { type: Schema.Types.Mixed, default: null },
  },
  { bufferCommands: false, versionKey: false },
);
appealSchema.index({ evaluationId: 1, ref: 1 }, { unique: true });
appealSchema.index({ status: 1, filedAt: -1 });

export function appealModel(db: Connection): Model<AppealDoc> {
  return (db.models['Appeal'] as Model<AppealDoc> | undefined) ?? db.model<AppealDoc>('Appeal', appealSchema, 'evaluation_appeals');
}
