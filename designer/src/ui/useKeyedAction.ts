import { useRef, useState } from 'react';
import { ApiError, isUnanswered, newIdempotencyKey, repeatWhilePending } from '../api/client';
import i18n from '../i18n';

/**
 * Whether an answer settles an action for good: a refusal (4xx) was decided and changed
 * nothing. Any other failure (a pending action, an outage, a lost connection) may have
 * carried it out, or may still.
 */
const settles = (e: unknown) => e instanceof ApiError && e.status >= 400 && e.status < 500 && e.code !== 'request-in-progress';

/** Sends one request under the key {@link useKeyedAction} holds for it. */
export type KeyedSend = <T>(request: unknown, call: (idempotencyKey: string) => Promise<T>) => Promise<T>;

/**
 * Sends a form's actions, each under an Idempotency-Key kept until the action is carried out
 * or refused: a click repeated after an answer that settled nothing (a pending action, an
 * outage, a lost connection) sends the same request under the same key, so it is carried out
 * once. Another request (another action, another text typed) gets a key of its own. While the
 * API answers that the action is pending, it is repeated ({@link repeatWhilePending}) and
 * `waitingMs` says for how long it has waited (null when it is not waiting). A request left
 * unanswered fails with words that say so and that clicking again is safe (still a TypeError,
 * {@link isUnanswered}), so a form shows the error's message as it shows any other.
 */
export function useKeyedAction(): { send: KeyedSend; waitingMs: number | null } {
  const held = useRef<{ request: string; key: string } | null>(null);
  const [waitingMs, setWaitingMs] = useState<number | null>(null);
  function send<T>(request: unknown, call: (idempotencyKey: string) => Promise<T>): Promise<T> {
    const signature = JSON.stringify(request);
    const key = held.current?.request === signature ? held.current.key : newIdempotencyKey();
    held.current = { request: signature, key };
    const settled = () => {
      if (held.current?.key === key) held.current = null;
    };
    return repeatWhilePending(() => call(key), { onWaiting: setWaitingMs })
      .then(
        (result) => {
          settled();
          return result;
        },
        (e: unknown) => {
          if (settles(e)) settled();
          if (isUnanswered(e)) throw new TypeError(i18n.t('common.unreachable'), { cause: e });
          throw e;
        },
      )
      .finally(() => setWaitingMs(null));
  }
  return { send, waitingMs };
}
