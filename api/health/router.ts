import type { ApiContext } from '../context';
import { defineRoute, type RouteSpec } from '../http/route';

const healthView = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    checks: {
      type: 'object',
      properties: { database: { type: 'boolean' }, temporal: { type: 'boolean' } },
      required: ['database', 'temporal'],
    },
  },
  required: ['status', 'checks'],
} as const;

/** Liveness of the API's two dependencies, for load balancers and the local supervisor. */
export function healthRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/health', operationId: 'health', summary: 'Whether the database and Temporal answer',
      tags: ['operations'], access: 'public',
      responses: { 200: { description: 'Both answer', schema: healthView }, 503: { description: 'One does not', schema: healthView } },
      handler: async ({ res }) => {
        const checks = { database: false, temporal: false };
        checks.database = ctx.db.readyState === 1 && (await ctx.db.db?.admin().ping().then(() => true).catch(() => false)) === true;
        checks.temporal = await ctx.temporal
          .withDeadline(Date.now() + 2000, () => ctx.temporal.workflowService.getSystemInfo({}))
          .then(() => true)
          .catch(() => false);
        const ok = checks.database && checks.temporal;
        if (!ok) res.setHeader('Retry-After', '5');
        res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks });
        return undefined;
      },
    }),
  ];
}
