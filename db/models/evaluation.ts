import { Schema, type Connection, type Model } from 'mongoose';
import type { DepartmentFacts, DepartmentScore, RankedScore } from '../../domain/evaluation/score';
import type { ScoringStandard } from '../../domain/evaluation/schema';
import type { PeriodRange } from '../../domain/statistics/periods';

/** A change of one department's score after an upheld appeal; appended, never edited. */
export interface EvaluationAdjustment {
  appealId: string;
  department: string;
  caseNo: string;
  /** The red card (alert id) taken out. */
  ref: string;
  before: number;
  after: number;
  at: Date;
  by: string;
}

export interface EvaluationDoc {
  /** `<standard code>:<period key>` */
  _id: string;
  period: PeriodRange;
  standard: { code: string; version: number; name: string };
  /** The standard as it was applied, so a re-score uses the same rules. */
  standardSnapshot: ScoringStandard;
  status: 'draft' | 'published';
  /** Each department's inputs as read (counters, sums, costly case facts) and its score. */
  departments: (DepartmentScore & { inputs: DepartmentFacts })[];
  ranking: RankedScore[];
  adjustments: EvaluationAdjustment[];
  evaluatedAt: Date;
  /** Workflow that wrote it. */
  runBy: string;
  publishedAt: Date | null;
  publishedBy: string | null;
}

/**
 * Performance evaluations (绩效测评): one per standard and period. A draft is rewritten by a
 * new run; a published one is never rewritten — upheld appeals append adjustments.
 */
const evaluationSchema = new Schema<EvaluationDoc>(
  {
    _id: { type: String, required: true },
    period: { type: Schema.Types.Mixed, required: true },
    standard: { type: Schema.Types.Mixed, required: true },
    standardSnapshot: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true, enum: ['draft', 'published'] },
    departments: { type: Schema.Types.Mixed, default: [] },
    ranking: { type: Schema.Types.Mixed, default: [] },
    adjustments: { type: Schema.Types.Mixed, default: [] },
    evaluatedAt: { type: Date, required: true },
    runBy: { type: String, required: true },
    publishedAt: { type: Date, default: null },
    publishedBy: { type: String, default: null },
  },
  { bufferCommands: false, versionKey: false, minimize: false },
);
evaluationSchema.index({ status: 1, 'period.to': -1 });

export function evaluationModel(db: Connection): Model<EvaluationDoc> {
  return (db.models['Evaluation'] as Model<EvaluationDoc> | undefined) ?? db.model<EvaluationDoc>('Evaluation', evaluationSchema, 'evaluations');
}
