/**
 * The anomaly disposition (异常处置) workflow's public contract: start input, updates, query
 * and result. The API and the tests code against this file only. Instants are epoch ms (UTC).
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AnomalyActionResult, AnomalyDispositionView, DecideObjectionArgs, DisposeAnomalyArgs, ObjectAnomalyArgs } from '../../domain/oversight/anomaly';

export * from '../../domain/oversight/anomaly';

export { ANOMALY_WORKFLOW_NAME } from '../../config/temporal';
export const disposeAnomalyUpdate = defineUpdate<AnomalyActionResult, [DisposeAnomalyArgs]>('disposeAnomaly');
export const objectAnomalyUpdate = defineUpdate<AnomalyActionResult, [ObjectAnomalyArgs]>('objectAnomaly');
export const decideObjectionUpdate = defineUpdate<AnomalyActionResult, [DecideObjectionArgs]>('decideObjection');
export const anomalyStateQuery = defineQuery<AnomalyDispositionView>('anomalyState');
