import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/** A refusal split into messages beside fields and one for the whole form. */
export interface FormProblem<F extends string> {
  fields: Partial<Record<F, string>>;
  form?: string;
}

export interface ProblemTexts<F extends string> {
  /** The field a JSON pointer of a 400 names (`/complainant/phone` → 'phone'). */
  fieldOf: (pointer: string) => F | undefined;
  /** The message beside a field the API refused. */
  invalid: (field: F) => string;
  /** 404: the field to blame (usually the query code) and what to say. */
  notFound?: { field?: F; message: string };
  /** 409 by problem code. */
  conflict?: (code: string | undefined) => string;
}

/**
 * Turns an API refusal into messages: a 400's field errors beside their fields, a 404 beside
 * the field the caller names, 409 and 429 for the form. The form keeps what the user typed.
 */
export function formProblem<F extends string>(error: unknown, t: TFunction, texts: ProblemTexts<F>): FormProblem<F> {
  if (!(error instanceof ApiError)) return { fields: {}, form: t('portal.errors.failed', { reason: error instanceof Error ? error.message : String(error) }) };
  if (error.status === 429) return { fields: {}, form: t('portal.errors.rateLimited') };
  if (error.status === 404 && texts.notFound) {
    const { field, message } = texts.notFound;
    return field ? { fields: { [field]: message } as Partial<Record<F, string>> } : { fields: {}, form: message };
  }
  if (error.status === 409 && texts.conflict) return { fields: {}, form: texts.conflict(error.code) };
  if (error.status === 400 && error.problem.errors?.length) {
    const fields: Partial<Record<F, string>> = {};
    const unplaced: string[] = [];
    for (const e of error.problem.errors) {
      const field = texts.fieldOf(e.pointer);
      if (field) fields[field] ??= texts.invalid(field);
      else unplaced.push(`${e.pointer || e.in} ${e.detail}`);
    }
    const form = unplaced.length > 0 ? t('portal.errors.failed', { reason: unplaced.join('; ') }) : t('portal.errors.fixFields');
    return { fields, form };
  }
  return { fields: {}, form: t('portal.errors.failed', { reason: error.message }) };
}
