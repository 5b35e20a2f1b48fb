import type { Refusal } from './refusal';

/** The outcome line of an action: what was done, or why the API refused it. */
export function Outcome({ done, refusal, testId }: { done?: string | undefined; refusal?: Refusal | undefined; testId: string }) {
  if (refusal) {
    return (
      <p className="status status--error" role="alert" data-testid={testId} data-status={refusal.status ?? undefined}>
        {refusal.message}
      </p>
    );
  }
  if (done) {
    return (
      <p className="status status--info" role="status" data-testid={testId}>
        {done}
      </p>
    );
  }
  return null;
}

/** A field's own refusal, shown under it. */
export function FieldError({ message, id }: { message: string | undefined; id: string }) {
  return message ? (
    <small className="error-text" id={id} role="alert">
      {message}
    </small>
  ) : null;
}
