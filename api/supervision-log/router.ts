import type { Response } from 'express';
import type { ApiContext } from '../context';
import { defineRoute, type RouteSpec } from '../http/route';
import { exportQuery, logList, logQuery, verifyQuery, verifyView } from './schema';
import { listLog, verifyStoredLog, writeLogExport } from './service';

const READERS = ['supervisor', 'auditor'] as const;
const tags = ['supervision-log'];

/**
 * Streams an NDJSON answer. A failure once the first line is out cannot become a problem
 * answer any more: the connection is cut, so the client sees a broken transfer rather than
 * a short file that looks complete.
 */
export async function streamNdjson(res: Response, body: (write: (chunk: string) => Promise<void>) => Promise<void>): Promise<void> {
  res.status(200).type('application/x-ndjson');
  try {
    await body(ndjsonWriter(res));
    res.end();
  } catch (error) {
    if (!res.headersSent) throw error;
    res.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

/** Writes with back-pressure: waits for 'drain' when the socket's buffer is full. */
export function ndjsonWriter(res: Response): (chunk: string) => Promise<void> {
  return (chunk) => new Promise((resolve, reject) => {
    if (res.destroyed) reject(new Error('the client went away'));
    else if (res.write(chunk)) resolve();
    else res.once('drain', resolve);
  });
}

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
        return { ...(await verifyStoredLog(ctx.db, anchor)), checkedAt: new Date(ctx.now()).toISOString() };
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
