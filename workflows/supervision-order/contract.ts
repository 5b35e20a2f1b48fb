/**
 * The supervision-order (督办) workflow's public contract: start input, updates, query and
 * result. The API and the tests code against this file only. Instants are epoch ms (UTC).
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AnswerOrderArgs, ConcludeOrderArgs, OrderActionResult, SupervisionOrderView } from '../../domain/oversight/order';

export * from '../../domain/oversight/order';

export const SUPERVISION_ORDER_WORKFLOW_NAME = 'supervisionOrderWorkflow';
export const answerOrderUpdate = defineUpdate<OrderActionResult, [AnswerOrderArgs]>('answerOrder');
export const concludeOrderUpdate = defineUpdate<OrderActionResult, [ConcludeOrderArgs]>('concludeOrder');
export const orderStateQuery = defineQuery<SupervisionOrderView>('orderState');
