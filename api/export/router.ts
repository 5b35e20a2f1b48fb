import { exportStateModel } from '../../db/models/export-state';
import { FEED_SETTLE_MS, readFeed } from '../../db/queries/feed';
import type { ApiContext } from '../context';
import { badRequest, forbidden } from '../http/errors';
import { visibleDepartments } from '../http/principal';
import { defineRoute, type RouteSpec } from '../http/route';
import { streamNdjson } from '../http/ndjson';
import { exportStatusView, feedQuery } from './schema';

/** The supervision feed that the upward export pushes, also to pull page by page. */
export function exportRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/export/status', operationId: 'readExportStatus',
      summary: 'How far the upward export has got: acknowledged cursor, counts, the batch in flight',
      tags: ['interconnection'], access: ['supervisor', 'auditor', 'administrator'],
      responses: { 200: { description: 'The export state', schema: exportStatusView } },
      handler: async () => {
        const state = await exportStateModel(ctx.db).findById('upward').lean();
        return {
          cursor: state?.cursor ?? '', batches: state?.batches ?? 0, entries: state?.entries ?? 0, lastBatchId: state?.lastBatchId ?? null,
          lastSentAt: state?.lastSentAt?.toISOString() ?? null, pending: state?.pending ?? null,
        };
      },
    }),
    defineRoute({
      method: 'get', path: '/export/feed', operationId: 'readExportFeed',
      summary: 'The supervision feed as NDJSON: a header line {type:"page", next, count, more}, then one {type:"entry"} per record; pass `next` as `after`',
      tags: ['interconnection'], access: ['supervisor', 'auditor'], query: feedQuery,
      responses: { 200: { description: 'NDJSON', contentType: 'application/x-ndjson' }, 400: { description: 'Not a cursor of this feed' } },
      handler: async ({ query, caller, res }) => {
        // The feed holds every department's records: a county's supervisors read their subtree elsewhere.
        if (visibleDepartments(caller) !== null) throw forbidden('The whole feed is for the top supervisory level.');
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
