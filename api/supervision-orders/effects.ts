import type { FromSchema } from 'json-schema-to-ts';
import { reservedNumbers } from '../../db/queries/numbering';
import type { Principal } from '../http/principal';
import { loggedEffect } from '../supervision-log/intents';
import type { openBody } from './schema';
import { openOrder } from './service';

/**
 * Opening an order as a logged effect: it starts under numbers reserved for its intent, so
 * applying it again finds the order the first try started instead of opening a second.
 */
export const orderOpening = loggedEffect({
  action: 'supervision-order.open',
  apply: async (ctx, args: { body: FromSchema<typeof openBody>; user: Principal }, intent) => {
    const opened = await openOrder(ctx, args.body, args.user, reservedNumbers(ctx.db, `intent:${intent.id}`, ctx.now));
    return {
      result: opened, target: { kind: 'supervision-order', id: opened.orderId },
      details: {
        caseNo: opened.caseNo, department: opened.department, responseDays: opened.responseDays, title: args.body.title,
        ...(args.body.alertId !== undefined && { alertId: args.body.alertId }),
      },
    };
  },
});
