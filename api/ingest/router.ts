import type { ApiContext } from '../context';
import { defineRoute, type RouteSpec } from '../http/route';
import { batchBody, batchResult } from './schema';
import { ingest } from './service';
import { recordPush } from '../../db/queries/ingest-pushes';

/** The data-collection interface (数据采集) for external approval systems. */
export function ingestRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'post', path: '/ingest/events', operationId: 'ingestEvents',
      summary: 'Push up to 1,000 case events; idempotent by event id; one result per event',
      tags: ['interconnection'], access: 'system', body: batchBody, bodyLimit: '5mb',
      responses: { 200: { description: 'One result per event, in order', schema: batchResult } },
      handler: async ({ body, caller }) => {
        const answer = await ingest(ctx, body.events, caller);
        // The events are in whatever happens here: a lost record of the push must not make the system resend them.
        await recordPush(ctx.db, caller.systemId, ctx.now(), answer).catch((err: unknown) => ctx.logger.warn({ err, systemId: caller.systemId }, 'push not recorded'));
        return answer;
      },
    }),
  ];
}
