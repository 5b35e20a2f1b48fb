import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/** Counters kept at write time. */
export const ROLLUP_COUNTERS = [
  'submitted', 'accepted', 'refused', 'concluded', 'approved', 'disapproved', 'terminated', 'voided', 'returned',
  'concludedOnTime', 'concludedLate', 'warnings', 'yellowCards', 'redCards', 'anomalies', 'supplementNotices',
  'specialProcedures', 'suspensions', 'urges', 'supervisionOrders',
] as const;
export type RollupCounter = (typeof ROLLUP_COUNTERS)[number];

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
    counts: Object.fromEntries(ROLLUP_COUNTERS.map((c) => [c, { type: Number, default: 0 }])),
    applied: { type: [String], default: [] },
  },
  { bufferCommands: false, versionKey: false },
);
rollupSchema.index({ department: 1, day: 1 });
rollupSchema.index({ itemCode: 1, day: 1 });

export type CaseRollupDoc = InferSchemaType<typeof rollupSchema>;

export function caseRollupModel(db: Connection): Model<CaseRollupDoc> {
  return (db.models['CaseRollup'] as Model<CaseRollupDoc> | undefined) ?? db.model<CaseRollupDoc>('CaseRollup', rollupSchema, 'case_rollups');
}
