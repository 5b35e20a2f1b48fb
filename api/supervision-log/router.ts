import type { ApiContext } from '../context';
import { streamNdjson } from '../http/ndjson';
import { defineRoute, type RouteSpec } from '../http/route';
import { withCode } from './problem-codes';
import { exportQuery, logList, logQuery, verifyQuery, verifyView } from './schema';
import { listLog, verifyStoredLog, writeLogExport } from './service';

const READERS = ['supervisor', 'auditor'] as const;
const tags = ['supervision-log'];

export function supervisionLogRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/supervision-log', operationId: 'listSupervisionLog',
      summary: 'Supervision log records (every supervisor and administrator action)', tags, access: READERS, query: logQuery,
      responses: { 200: { description: 'Records', schema: logList } },
      handler: ({ query }) => listLog(ctx.db, query),
    }),
    defineRoute({
      method: 'get', path: '/supervision-log/verify', operationId: 'verifySupervisionLog',
      summary: 'Check the whole hash chain (and an anchor, if given); names every record where it breaks', tags, access: READERS,
      query: verifyQuery,
      responses: { 200: { description: 'The check (valid or not)', schema: verifyView } },
      handler: async ({ query }) => {
        const anchor = query.anchorSeq !== undefined && query.anchorHash !== undefined ? { seq: query.anchorSeq, hash: query.anchorHash } : undefined;
        const report = await verifyStoredLog(ctx.db, anchor);
        return { ...report, problems: report.problems.map(withCode), checkedAt: new Date(ctx.now()).toISOString() };
      },
    }),
    defineRoute({
      method: 'get', path: '/supervision-log/export', operationId: 'exportSupervisionLog',
      summary: 'The log as NDJSON (a header line, then one record per line) that `npm run log:verify -- --file` checks offline',
      tags, access: READERS, query: exportQuery,
      responses: { 200: { description: 'NDJSON', contentType: 'application/x-ndjson' } },
      handler: async ({ query, res }) => {
        res.setHeader('Content-Disposition', 'attachment; filename="supervision-log.ndjson"');
        await streamNdjson(res, async (write) => {
          await writeLogExport(ctx.db, write, query);
        });
      },
    }),
  ];
}
