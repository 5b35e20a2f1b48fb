/**
 * The consultation (咨询) workflow's public contract: start input, update, query and result.
 * The API and the tests code against this file only. Instants are epoch ms (UTC).
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AnswerConsultationArgs, ConsultationActionResult, ConsultationView } from '../../domain/voice/consultation';

export * from '../../domain/voice/consultation';

export const CONSULTATION_WORKFLOW_NAME = 'consultationWorkflow';
export const answerConsultationUpdate = defineUpdate<ConsultationActionResult, [AnswerConsultationArgs]>('answerConsultation');
export const consultationStateQuery = defineQuery<ConsultationView>('consultationState');
