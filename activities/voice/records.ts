import type { ConsultationView } from '../../domain/voice/consultation';
import type { FollowUpView } from '../../domain/voice/rating';

/** The consultation as the workflow hands it to the recorder (its view without the history). */
export type ConsultationRecord = Omit<ConsultationView, 'history'> & { updatedAt: number };
/** The rating and its follow-up as the workflow hands them to the recorder. */
export type FollowUpRecord = Omit<FollowUpView, 'history'> & { updatedAt: number };
