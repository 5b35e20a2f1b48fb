/**
 * The complaint (投诉) workflow's public contract: start input, updates, query and result.
 * The API and the tests code against this file only. Instants are epoch ms (UTC).
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ComplaintActionResult, ComplaintView, ConcludeComplaintArgs, RateComplaintArgs, RespondComplaintArgs, TransferComplaintArgs } from '../../domain/oversight/complaint';

export * from '../../domain/oversight/complaint';

export const COMPLAINT_WORKFLOW_NAME = 'complaintWorkflow';
export const transferComplaintUpdate = defineUpdate<ComplaintActionResult, [TransferComplaintArgs]>('transferComplaint');
export const respondComplaintUpdate = defineUpdate<ComplaintActionResult, [RespondComplaintArgs]>('respondComplaint');
export const concludeComplaintUpdate = defineUpdate<ComplaintActionResult, [ConcludeComplaintArgs]>('concludeComplaint');
export const rateComplaintUpdate = defineUpdate<ComplaintActionResult, [RateComplaintArgs]>('rateComplaint');
export const complaintStateQuery = defineQuery<ComplaintView>('complaintState');
