import type { ApiContext } from '../context';
import { itemCodeParams } from '../definitions/schema';
import { readVersion } from '../definitions/versions';
import { defineRoute, type RouteSpec } from '../http/route';
import { catalogue, catalogueEntry, itemListQuery } from './schema';
import { allDepartmentNames, catalogueEntryOf, listCatalogue } from './service';

/** The public item catalogue (办事指南): conditions, materials, steps, limits and fees. */
export function itemRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/items', operationId: 'listItems', summary: 'The item catalogue (public)',
      tags: ['public'], access: 'public', query: itemListQuery,
      responses: { 200: { description: 'Items', schema: catalogue } },
      handler: ({ query }) => listCatalogue(ctx.db, query),
    }),
    defineRoute({
      method: 'get', path: '/items/:itemCode', operationId: 'readItem', summary: 'One catalogue entry (public)',
      tags: ['public'], access: 'public', params: itemCodeParams,
      responses: { 200: { description: 'The item', schema: catalogueEntry } },
      handler: async ({ params }) => {
        const [{ definition, version }, names] = await Promise.all([readVersion(ctx.db, params.itemCode), allDepartmentNames(ctx.db)]);
        return catalogueEntryOf(definition, version, names);
      },
    }),
  ];
}
