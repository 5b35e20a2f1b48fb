import type { FromSchema } from 'json-schema-to-ts';
import { reservedNumbers } from '../../db/queries/numbering';
import { hasRole, type Principal } from '../http/principal';
import { loggedEffect } from '../supervision-log/intents';
import type { staffRegisterBody } from './schema';
import { fileComplaint } from './service';

/**
 * Registering a complaint for a caller as a logged effect (recorded when a supervisor does it):
 * it starts under numbers reserved for its intent, so applying it again finds the first one.
 */
export const complaintRegistration = loggedEffect({
  action: 'complaint.register',
  apply: async (ctx, args: { body: FromSchema<typeof staffRegisterBody>; user: Principal }, intent) => {
    const { channel, ...rest } = args.body;
    const filed = await fileComplaint(ctx, rest, channel, args.user, reservedNumbers(ctx.db, `intent:${intent.id}`, ctx.now));
    return hasRole(args.user, 'supervisor')
      ? { result: filed, target: { kind: 'complaint', id: filed.complaintNo }, details: { channel } }
      : { result: filed, log: false as const };
  },
});
