/**
 * The counters and sums kept per day, department and item as case events and department
 * facts are recorded. Statistics add them up; scoring standards name them in formulas.
 *
 * `stepsOverdue` is a step past its own limit, kept for the step's department (in parallel
 * approval, the branch's). `overdueOpen` is never stored: an evaluation counts the cases
 * still open past their deadline in the period the deadline fell.
 *
 * `submitted` is a case started; `concludedEarly` a case concluded in fewer working days
 * than its statutory limit; supervision-order, complaint and rating counters come from
 * department facts recorded with the orders and complaints.
 */
export const ROLLUP_COUNTERS = [
  'submitted', 'accepted', 'refused', 'concluded', 'approved', 'disapproved', 'terminated', 'voided', 'returned',
  'concludedOnTime', 'concludedLate', 'concludedEarly', 'warnings', 'yellowCards', 'redCards', 'anomalies',
  'integrityAnomalies', 'supplementNotices', 'specialProcedures', 'suspensions', 'urges', 'supervisionOrders',
  'supervisionOrdersAnswered', 'supervisionOrdersAnsweredInTime', 'complaints', 'complaintsRespondedInTime',
  'complaintsConcluded', 'complaintsConcludedInTime', 'complaintsUpheld', 'ratings', 'stepsOverdue', 'overdueOpen',
  'anomaliesConfirmedFee', 'anomaliesConfirmedRiskPoint', 'anomaliesConfirmedOutsideRights', 'anomaliesConfirmedOther',
] as const;
export type RollupCounter = (typeof ROLLUP_COUNTERS)[number];

/**
 * Sums kept beside the counters, for averages: working days used and statutory working days
 * of the cases concluded after acceptance (count: concludedOnTime + concludedLate), and the
 * satisfaction scores given (count: ratings).
 */
export const ROLLUP_SUMS = ['workingDaysUsed', 'statutoryDays', 'satisfaction'] as const;
export type RollupSum = (typeof ROLLUP_SUMS)[number];

export type Counts = Partial<Record<RollupCounter, number>>;
export type Sums = Partial<Record<RollupSum, number>>;

/** Item code and category of a rollup row for facts that belong to a department only. */
export const NO_ITEM = '-';

/** Adds `from` into `into`, key by key. */
export function addInto<K extends string>(into: Partial<Record<K, number>>, from: Partial<Record<K, number>> | undefined): void {
  if (!from) return;
  for (const [key, value] of Object.entries(from) as [K, number | undefined][]) {
    if (typeof value === 'number') into[key] = (into[key] ?? 0) + value;
  }
}
