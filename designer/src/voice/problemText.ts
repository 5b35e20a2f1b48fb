import { ApiError } from '../api/client';

/** A refusal as one line beside the form: the field's problem (its pointer named) or the reason. */
export function problemText(error: unknown): string {
  if (error instanceof ApiError) {
    const field = error.problem.errors?.map((e) => `${e.pointer.replace(/^\//, '')}: ${e.detail}`).join('; ');
    return field || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
