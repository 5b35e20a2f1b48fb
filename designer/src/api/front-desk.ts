import { api } from './client';
import type { Answer } from './contract';
import type { FormField } from './items';

/** The acceptance receipt (受理回执), with the applicant's query code. */
export type Receipt = Answer<'readReceipt'>;

/** The application as registered; its form schema is left open by the API's schema. */
export type Application = Omit<Answer<'readApplication'>, 'formSchema' | 'data'> & {
  data: Record<string, unknown>;
  formSchema: { properties?: Record<string, FormField>; required?: string[] };
};

export function getReceipt(caseNo: string): Promise<Receipt> {
  return api<Receipt>(`/cases/${encodeURIComponent(caseNo)}/receipt`);
}

export function getApplication(caseNo: string): Promise<Application> {
  return api<Application>(`/cases/${encodeURIComponent(caseNo)}/application`);
}
