import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * Counters kept at write time. `submitted` is a case started; `concludedEarly` a case
 * concluded in fewer working days than its statutory limit; complaint, rating and
 * order-answer counters come from department facts (complaints and supervision orders).
 */
export const ROLLUP_COUNTERS = [
  'submitted', 'accepted', 'refused', 'concluded', 'approved', 'disapproved', 'terminated', 'voided', 'returned',
  'concludedOnTime', 'concludedLate', 'concludedEarly', 'warnings', 'yellowCards', 'redCards', 'anomalies',
  'integrityAnomalies', 'supplementNotices', 'specialProcedures', 'suspensions', 'urges', 'supervisionOrders',
  'supervisionOrdersAnswered', 'supervisionOrdersAnsweredInTime', 'complaints', 'complaintsRespondedInTime',
  'complaintsConcluded', 'complaintsConcludedInTime', 'complaintsUpheld', 'ratings',
] as const;
export type RollupCounter = (typeof ROLLUP_COUNTERS)[number];

/**
 * Sums kept beside the counters, for averages: working days used and statutory working days
 * of the cases concluded after acceptance (count: concludedOnTime + concludedLate), and the
 * satisfaction scores given (count: ratings).
 */
export const ROLLUP_SUMS = ['workingDaysUsed', 'statutoryDays', 'satisfaction'] as const;
export type RollupSum = (typeof ROLLUP_SUMS)[number];

/** Item code and category of a rollup row for facts that belong to a department only. */
export const NO_ITEM = '-';

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
