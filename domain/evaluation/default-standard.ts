import type { ScoringStandard } from './schema';

/**
 * The standard installed when none is: modelled on the provincial quantified standards
 * (时效、提速、投诉、满意度、督办响应、数据完整 scored by rate; 预警、黄牌、红牌 deducted per
 * event, each with a cap). Weights of the rated indicators add up to 100. Its description
 * states the fairness rules.
 */
export const DEFAULT_STANDARD: ScoringStandard = {
  code: 'efficiency',
  name: '行政效能电子监察绩效评估量化标准',
  description: 'Rated indicators (weights sum to 100) minus capped deductions for warnings, yellow and red cards, upheld complaints and confirmed fee, risk-point and outside-rights anomalies. '
    + 'An indicator with nothing to measure is left out and the measured ones carry its weight, so doing nothing earns nothing. '
    + 'A case still open past its deadline counts as late in the period its deadline fell. '
    + 'In parallel approval a branch\'s overdue step, and the case cards raised while it was overdue, count against the branch\'s department (a standard may deduct for `stepsOverdue`).',
  maxScore: 100,
  indicators: [
    { id: 'onTimeRate', name: { zh: '按时办结率', en: 'Concluded on time' },
      formula: { kind: 'rate', weight: 30, numerator: ['concludedOnTime'], denominator: ['concludedOnTime', 'concludedLate', 'overdueOpen'], lossFacts: ['concludedLate', 'overdueOpen'] } },
    { id: 'earlyRate', name: { zh: '提前办结率(对法定时限)', en: 'Concluded before the statutory limit' },
      formula: { kind: 'rate', weight: 10, numerator: ['concludedEarly'], denominator: ['concludedOnTime', 'concludedLate'], target: 0.8 } },
    { id: 'dataCompleteness', name: { zh: '数据报送完整率', en: 'Completeness of reported data' },
      formula: { kind: 'rate', weight: 10, numerator: ['integrityAnomalies'], denominator: ['submitted'], invert: true, lossFacts: 'integrityAnomalies' } },
    { id: 'complaintHandling', name: { zh: '投诉按时办结率', en: 'Complaints concluded in time' },
      formula: { kind: 'rate', weight: 10, numerator: ['complaintsConcludedInTime'], denominator: ['complaints'] } },
    { id: 'complaintResponse', name: { zh: '投诉24小时响应率', en: 'Complaints answered within 24 hours' },
      formula: { kind: 'rate', weight: 5, numerator: ['complaintsRespondedInTime'], denominator: ['complaints'] } },
    { id: 'satisfaction', name: { zh: '群众满意度', en: 'Satisfaction' },
      formula: { kind: 'average', weight: 20, sum: 'satisfaction', count: ['ratings'], scaleMin: 1, scaleMax: 5 } },
    { id: 'orderResponsiveness', name: { zh: '督办响应率', en: 'Supervision orders answered' },
      formula: { kind: 'rate', weight: 15, numerator: ['supervisionOrdersAnswered'], denominator: ['supervisionOrders'] } },
    { id: 'warnings', name: { zh: '预警', en: 'Warnings' }, formula: { kind: 'deduction', counter: 'warnings', points: 0.5, cap: 5 } },
    { id: 'yellowCards', name: { zh: '黄牌', en: 'Yellow cards' }, formula: { kind: 'deduction', counter: 'yellowCards', points: 2, cap: 20 } },
    { id: 'redCards', name: { zh: '红牌', en: 'Red cards' }, formula: { kind: 'deduction', counter: 'redCards', points: 5, cap: 30 } },
    { id: 'complaintsUpheld', name: { zh: '有效投诉', en: 'Complaints upheld' }, formula: { kind: 'deduction', counter: 'complaintsUpheld', points: 2, cap: 10 } },
    // Confirmed anomalies whose finding stands (no objection in time, or the objection rejected).
    { id: 'feeAnomalies', name: { zh: '收费异常(认定)', en: 'Fee anomalies confirmed' }, formula: { kind: 'deduction', counter: 'anomaliesConfirmedFee', points: 2, cap: 10 } },
    { id: 'riskPointAnomalies', name: { zh: '风险点异常(认定)', en: 'Risk-point anomalies confirmed' }, formula: { kind: 'deduction', counter: 'anomaliesConfirmedRiskPoint', points: 2, cap: 10 } },
    { id: 'outsideRightsAnomalies', name: { zh: '越权操作(认定)', en: 'Outside-rights anomalies confirmed' }, formula: { kind: 'deduction', counter: 'anomaliesConfirmedOutsideRights', points: 3, cap: 15 } },
  ],
};
