/**
 * The rating follow-up (好差评 整改/回访) workflow's public contract: start input, update,
 * query and result. The API and the tests code against this file only.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CloseFollowUpArgs, FollowUpActionResult, FollowUpView } from '../../domain/voice/rating';

export * from '../../domain/voice/rating';

export const FOLLOW_UP_WORKFLOW_NAME = 'followUpWorkflow';
export const closeFollowUpUpdate = defineUpdate<FollowUpActionResult, [CloseFollowUpArgs]>('closeFollowUp');
export const followUpStateQuery = defineQuery<FollowUpView>('followUpState');
