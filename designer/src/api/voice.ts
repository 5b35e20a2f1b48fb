import { api, newIdempotencyKey } from './client';
import type { Answer, Body, Query } from './contract';

/** Consultations (咨询) and 好差评 ratings with their follow-ups (api/consultations, api/ratings). Instants are ISO strings. */
export type AskedQuestion = Answer<'askQuestion', 201>;
export type PublicConsultation = Answer<'consultationAnswer'>;
export type ConsultationSummary = Answer<'listConsultations'>['items'][number];
export type ConsultationDetail = Answer<'readConsultation'>;
export type FaqEntry = Answer<'itemFaq'>['items'][number];
export type PublicRating = Answer<'caseRating'>;
export type RatingBody = Body<'rateCase'>;
export type SatisfactionLevel = RatingBody['level'];
export type RatingReason = NonNullable<RatingBody['reasons']>[number];
export type FollowUpSummary = Answer<'listFollowUps'>['items'][number];
export type FollowUpDetail = Answer<'readFollowUp'>;
export type FollowUpOutcome = Body<'closeFollowUp'>['outcome'];
export type Rates = Answer<'publicRates'>;

export const LEVELS = ['very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied', 'very-dissatisfied'] as const satisfies readonly SatisfactionLevel[];
export const GOOD_REASONS = ['quick', 'courteous', 'clear-guide', 'one-visit'] as const satisfies readonly RatingReason[];
export const BAD_REASONS = ['slow', 'attitude', 'unclear-guide', 'repeated-visits', 'fees', 'other'] as const satisfies readonly RatingReason[];
export const OUTCOMES = ['rectified', 'explained', 'unfounded'] as const satisfies readonly FollowUpOutcome[];

export const askQuestion = (body: Body<'askQuestion'>, idempotencyKey = newIdempotencyKey()) =>
  api<AskedQuestion>('/public/consultations', { method: 'POST', body, idempotencyKey });
export const registerQuestion = (body: Body<'registerQuestion'>, idempotencyKey = newIdempotencyKey()) =>
  api<AskedQuestion>('/consultations', { method: 'POST', body, idempotencyKey });
export const publicConsultation = (no: string, queryCode: string) =>
  api<PublicConsultation>(`/public/consultations/${encodeURIComponent(no)}`, { query: { queryCode } });
export const itemFaq = (itemCode: string) => api<Answer<'itemFaq'>>(`/public/items/${encodeURIComponent(itemCode)}/faq`);
export const listConsultations = (query: Query<'listConsultations'> = {}) => api<Answer<'listConsultations'>>('/consultations', { query });
export const readConsultation = (no: string) => api<ConsultationDetail>(`/consultations/${encodeURIComponent(no)}`);
export const answerConsultation = (no: string, answer: string, idempotencyKey: string) =>
  api<Answer<'answerConsultation'>>(`/consultations/${encodeURIComponent(no)}/answer`, { method: 'POST', body: { answer }, idempotencyKey });
export const publishFaq = (no: string) => api<Answer<'publishConsultationFaq'>>(`/consultations/${encodeURIComponent(no)}/faq`, { method: 'POST', body: {} });

export const caseRating = (caseNo: string, queryCode: string) =>
  api<PublicRating>(`/public/cases/${encodeURIComponent(caseNo)}/rating`, { query: { queryCode } });
export const rateCase = (caseNo: string, body: RatingBody) =>
  api<Answer<'rateCase', 201>>(`/public/cases/${encodeURIComponent(caseNo)}/rating`, { method: 'POST', body });
export const publicRates = () => api<Rates>('/public/ratings');
export const listFollowUps = (query: Query<'listFollowUps'> = {}) => api<Answer<'listFollowUps'>>('/follow-ups', { query });
export const readFollowUp = (caseNo: string) => api<FollowUpDetail>(`/follow-ups/${encodeURIComponent(caseNo)}`);
export const closeFollowUp = (caseNo: string, body: Body<'closeFollowUp'>, idempotencyKey: string) =>
  api<Answer<'closeFollowUp'>>(`/follow-ups/${encodeURIComponent(caseNo)}/close`, { method: 'POST', body, idempotencyKey });
