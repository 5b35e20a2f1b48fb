import { loggedEffect } from '../supervision-log/intents';
import { acknowledgeAlert } from './service';

/** An acknowledgement as a logged effect: only the one that claimed the alert is recorded. */
export const alertAcknowledgement = loggedEffect({
  action: 'alert.acknowledge',
  apply: async (ctx, args: { alertId: string; note: string | null; by: string }, intent) => {
    const { alert, acknowledged } = await acknowledgeAlert(ctx, args.alertId, args.note, args.by, intent.id);
    return acknowledged
      ? { result: alert, target: { kind: 'alert', id: args.alertId }, details: { note: args.note } }
      : { result: alert, log: false as const };
  },
});
