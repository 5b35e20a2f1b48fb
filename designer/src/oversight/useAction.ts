import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isUnanswered, newIdempotencyKey, repeatWhilePending } from '../api/client';

export interface ActionOutcome {
  ok: boolean;
  text: string;
}

/** The API's word for one field in the user's language where it is a common one; otherwise as it came. */
function fieldText(detail: string, t: TFunction): string {
  if (detail === 'is required') return t('oversight.field.required');
  if (/fewer than 1 character/.test(detail)) return t('oversight.field.empty');
  if (/^must match (pattern|format)/.test(detail)) return t('oversight.field.format');
  return detail;
}

/**
 * A refusal as the user reads it: the code in their language and the API's own reason, and
 * each body field the API objected to (keyed by its JSON pointer without the leading slash).
 */
export function refusalOf(e: unknown, t: TFunction): { text: string; fields: Record<string, string> } {
  if (isUnanswered(e)) return { text: t('common.unreachable'), fields: {} };
  const reason = e instanceof Error ? e.message : String(e);
  if (!(e instanceof ApiError)) return { text: t('oversight.result.refused', { reason }), fields: {} };
  const fields: Record<string, string> = {};
  for (const f of e.problem.errors ?? []) if (f.in === 'body') fields[f.pointer.replace(/^\//, '')] ??= fieldText(f.detail, t);
  if (Object.keys(fields).length > 0) return { text: t('oversight.result.fix', { reason }), fields };
  const why = e.code === undefined ? '' : t(`oversight.refusal.${e.code}`, { defaultValue: '' });
  return { text: why === '' ? t('oversight.result.refused', { reason }) : t('oversight.result.refusedWhy', { why, reason }), fields };
}

/**
 * One form's action. Its Idempotency-Key is kept until the action succeeds, so a click
 * repeated after a lost answer is the same action, and an action not answered yet (503
 * `action-pending`) is repeated under it for a while; a refusal keeps everything typed.
 * `shown` names the fields the form draws; errors on any other field join the message.
 */
export function useAction(shown: readonly string[]) {
  const { t } = useTranslation();
  const key = useRef(newIdempotencyKey());
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ActionOutcome>();
  const [fields, setFields] = useState<Record<string, string>>({});

  function run<T>(call: (idempotencyKey: string) => Promise<T>, done: (result: T) => string) {
    setBusy(true);
    setOutcome(undefined);
    setFields({});
    const sent = key.current;
    repeatWhilePending(() => call(sent))
      .then((result) => {
        key.current = newIdempotencyKey();
        setOutcome({ ok: true, text: done(result) });
      })
      .catch((e: unknown) => {
        const refusal = refusalOf(e, t);
        const elsewhere = Object.entries(refusal.fields).filter(([name]) => !shown.includes(name));
        const extra = elsewhere.length === 0 ? '' : ` ${t('oversight.result.fields', { fields: elsewhere.map(([n, d]) => `${n}: ${d}`).join('; ') })}`;
        setFields(refusal.fields);
        setOutcome({ ok: false, text: refusal.text + extra });
      })
      .finally(() => setBusy(false));
  }

  return { busy, outcome, fields, run };
}
