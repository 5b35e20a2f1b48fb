import { Schema, type Connection, type Model } from 'mongoose';
import type { ScoringStandard } from '../../domain/evaluation/schema';

export interface ScoringStandardDoc {
  /** `<code>@<version>` */
  _id: string;
  code: string;
  version: number;
  standard: ScoringStandard;
  createdAt: Date;
  createdBy: string;
}

/** Versions of scoring standards (绩效评估量化标准): each version immutable once written. */
const standardSchema = new Schema<ScoringStandardDoc>(
  {
    _id: { type: String, required: true },
    code: { type: String, required: true },
    version: { type: Number, required: true },
    standard: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
  },
  { bufferCommands: false, versionKey: false, minimize: false },
);
standardSchema.index({ code: 1, version: -1 }, { unique: true });

export function scoringStandardModel(db: Connection): Model<ScoringStandardDoc> {
  return (db.models['ScoringStandard'] as Model<ScoringStandardDoc> | undefined) ??
    db.model<ScoringStandardDoc>('ScoringStandard', standardSchema, 'scoring_standards');
}
