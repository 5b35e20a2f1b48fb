import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/** An API refusal as the page shows it: one message for the action and one per field (by JSON pointer). */
export interface Refusal {
  status: number | null;
  message: string;
  fields: Record<string, string>;
}

/** Codes the pages explain in the user's language; any other refusal shows the API's own detail. */
const KNOWN_CODES = ['appeal-exists', 'appeal-decided', 'evaluation-published', 'not-a-red-card', 'standard-invalid', 'invalid-period'];

export function refusalOf(error: unknown, t: TFunction): Refusal {
  if (!(error instanceof ApiError)) return { status: null, message: error instanceof Error ? error.message : String(error), fields: {} };
  const fields: Record<string, string> = {};
  for (const e of error.problem.errors ?? []) fields[e.pointer] = fields[e.pointer] ? `${fields[e.pointer]}; ${e.detail}` : e.detail;
  const issues = (error.problem as { issues?: { path: string; message: string }[] }).issues ?? [];
  for (const i of issues) fields[i.path] = fields[i.path] ? `${fields[i.path]}; ${i.message}` : i.message;
  const code = error.code;
  const known = code !== undefined && KNOWN_CODES.includes(code);
  const byStatus = [400, 403, 404, 409, 422].includes(error.status) ? t(`evaluation.refusal.${error.status}`) : t('evaluation.refusal.other');
  const message = known ? `${t(`evaluation.refusal.code.${code}`)} (${error.message})` : `${byStatus}: ${error.message}`;
  return { status: error.status, message, fields };
}

/** The field messages of a refusal that no field on the page shows, as `pointer: detail` lines. */
export function otherFields(refusal: Refusal, shown: readonly string[]): string[] {
  return Object.entries(refusal.fields).filter(([pointer]) => !shown.includes(pointer)).map(([pointer, detail]) => `${pointer || '/'}: ${detail}`);
}
