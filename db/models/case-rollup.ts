import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { NO_ITEM, ROLLUP_COUNTERS, ROLLUP_SUMS } from '../../domain/statistics/counters';

export { NO_ITEM, ROLLUP_COUNTERS, ROLLUP_SUMS, type RollupCounter, type RollupSum } from '../../domain/statistics/counters';

/**
 * Per local day, department and item: counters incremented as events are recorded, so
 * statistics read a few small documents instead of scanning cases. `_id` is
 * `<day>|<department>|<item>`; `applied` holds the event ids already counted, which makes
 * a retried increment a no-op.
 */
const rollupSchema = new Schema(
  {
    _id: { type: String, required: true },
    day: { type: String, required: true },
    department: { type: String, required: true },
    itemCode: { type: String, required: true },
    category: { type: String, default: NO_ITEM },
    counts: Object.fromEntries(ROLLUP_COUNTERS.map((c) => [c, { type: Number, default: 0 }])),
    sums: Object.fromEntries(ROLLUP_SUMS.map((s) => [s, { type: Number, default: 0 }])),
    applied: { type: [String], default: [] },
  },
  { bufferCommands: false, versionKey: false },
);
rollupSchema.index({ department: 1, day: 1 });
rollupSchema.index({ itemCode: 1, day: 1 });
rollupSchema.index({ category: 1, day: 1 });
rollupSchema.index({ day: 1 });

export type CaseRollupDoc = InferSchemaType<typeof rollupSchema>;

export function caseRollupModel(db: Connection): Model<CaseRollupDoc> {
  return (db.models['CaseRollup'] as Model<CaseRollupDoc> | undefined) ?? db.model<CaseRollupDoc>('CaseRollup', rollupSchema, 'case_rollups');
}
