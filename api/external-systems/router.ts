import type { ApiContext } from '../context';
import { defineRoute, type RouteSpec } from '../http/route';
import { actLogged, loggedEffect } from '../supervision-log/intents';
import { newApiKey } from '../auth/passwords';
import { rotatedKey, systemList, systemParams } from './schema';
import { listSystems, rotateKey } from './service';

const keyRotation = loggedEffect({
  action: 'external-system.rotate-key',
  apply: async (ctx, args: { systemId: string; keyHash: string }) => {
    await rotateKey(ctx.db, args.systemId, args.keyHash, ctx.now());
    return { result: null, target: { kind: 'external-system', id: args.systemId } };
  },
});

/** The administrator's view of the external systems: their last pushes, and a new key. */
export function externalSystemRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/external-systems', operationId: 'listExternalSystems',
      summary: 'Registered external systems with their last pushes and rejected events',
      tags: ['administration'], access: ['administrator'],
      responses: { 200: { description: 'Systems', schema: systemList } },
      handler: () => listSystems(ctx.db),
    }),
    defineRoute({
      method: 'post', path: '/external-systems/:systemId/key', operationId: 'rotateExternalSystemKey',
      summary: 'Replace a system\'s API key: the new key is answered once, the old one stops working at once',
      tags: ['administration'], access: ['administrator'], params: systemParams,
      responses: { 200: { description: 'The new key', schema: rotatedKey } },
      handler: async ({ params, caller, req }) => {
        const { apiKey, keyHash } = newApiKey(params.systemId);
        await actLogged(ctx, { caller, req }, keyRotation, { systemId: params.systemId, keyHash });
        return { systemId: params.systemId, apiKey };
      },
    }),
  ];
}
