import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { IndexTooSlow } from '../../db/queries/case-list-index';
import { problemHandler } from '../../api/http/problem';

/**
 * A read stopped at its `maxTimeMS` (MongoDB's and FerretDB's MaxTimeMSExpired, or the list
 * index's own budget) leaves as 503 `list-too-slow` with `Retry-After`, never as a 500.
 */
describe('a read past its time budget', () => {
  it('answers 503 list-too-slow for the database\'s MaxTimeMSExpired and for the list index\'s budget', async () => {
    const app = express();
    app.get('/database', () => {
      throw Object.assign(new Error('operation exceeded time limit'), { code: 50, codeName: 'MaxTimeMSExpired' });
    });
    app.get('/index', () => {
      throw new IndexTooSlow();
    });
    app.use(problemHandler(pino({ level: 'silent' })));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const path of ['/database', '/index']) {
        const answer = await fetch(`${base}${path}`);
        expect(answer.status).toBe(503);
        expect(answer.headers.get('retry-after')).toBe('5');
        expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(await answer.json()).toMatchObject({ status: 503, code: 'list-too-slow' });
      }
    } finally {
      server.close();
    }
  });
});
