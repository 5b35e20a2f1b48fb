import { FEED_SETTLE_MS, readFeed } from '../../activities/export/feed';
import type { ApiContext } from '../context';
import { badRequest } from '../http/errors';
import { defineRoute, type RouteSpec } from '../http/route';
import { streamNdjson } from '../supervision-log/router';
import { feedQuery } from './schema';

/** The supervision feed that the upward export pushes, also to pull page by page. */
export function exportRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/export/feed', operationId: 'readExportFeed',
      summary: 'The supervision feed as NDJSON: a header line {type:"page", next, count, more}, then one {type:"entry"} per record; pass `next` as `after`',
      tags: ['interconnection'], access: ['supervisor', 'auditor'], query: feedQuery,
      responses: { 200: { description: 'NDJSON', contentType: 'application/x-ndjson' }, 400: { description: 'Not a cursor of this feed' } },
      handler: async ({ query, res }) => {
        let page;
        try {
          page = await readFeed(ctx.db, { after: query.after, limit: query.limit, horizon: ctx.now() - FEED_SETTLE_MS });
        } catch (error) {
          if (error instanceof TypeError) throw badRequest('`after` is not a cursor of this feed.');
          throw error;
        }
        const more = page.entries.length === query.limit;
        res.setHeader('X-Next-Cursor', page.next);
        const lines = [{ type: 'page', after: query.after, next: page.next, count: page.entries.length, more, horizon: page.horizon },
          ...page.entries.map((entry) => ({ type: 'entry', ...entry }))];
        await streamNdjson(res, async (write) => {
          for (const line of lines) await write(`${JSON.stringify(line)}\n`);
        });
      },
    }),
  ];
}
