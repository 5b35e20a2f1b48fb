import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureAdministrator } from '../../api/auth/service';
import { createApp } from '../../api/server';
import { calendarYearModel } from '../../db/models/calendar';
import { caseModel } from '../../db/models/case';
import { freePort } from '../../scripts/lib/processes';
import { definitionFixtures } from '../fixtures/definitions';
import { ADMIN, PASSWORD } from './harness';

const licence = definitionFixtures['sequential-licence'];

/** An app on the given database and Temporal client, on an ephemeral port. */
async function serve(db: mongoose.Connection, temporal: Client) {
  const app = createApp({ db, temporal, logger: pino({ level: 'silent' }), settings: { temporalTimeoutMs: 1500, jwtSecret: 'x'.repeat(32) } });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1`;
  const call = async (path: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
    if (init.token) headers['authorization'] = `Bearer ${init.token}`;
    const res = await fetch(`${url}${path}`, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  };
  return { call, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('when Temporal or the database is down', () => {
  let db: mongoose.Connection;
  let deadTemporal: Connection;
  beforeAll(async () => {
    db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/faults-${randomUUID().slice(0, 8)}`)).asPromise();
    deadTemporal = await Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: 1000 });
  });
  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
    await deadTemporal?.close().catch(() => undefined);
  });

  it('answers 503 with Retry-After and starts nothing when Temporal is down', async () => {
    const logger = pino({ level: 'silent' });
    await ensureAdministrator(db, logger, ADMIN);
    const app = await serve(db, new Client({ connection: deadTemporal }));
    try {
      const login = await app.call('/auth/login', { body: ADMIN });
      const admin = login.body['token'] as string;
      await app.call('/departments', { token: admin, body: { code: 'health-commission', name: '卫健委' } });
      await app.call('/users', { token: admin, body: { username: 'clerk', name: 'c', password: PASSWORD, roles: ['clerk'], department: 'health-commission', positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] } });
      const draft = await app.call(`/definitions/${licence.item.code}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
      expect(draft.status).toBe(200);
      expect((await app.call(`/definitions/${licence.item.code}/publish`, { token: admin, body: { revision: 1 } })).status).toBe(201);
      const clerk = (await app.call('/auth/login', { body: { username: 'clerk', password: PASSWORD } })).body['token'] as string;

      const started = await app.call('/cases', {
        token: clerk,
        body: { itemCode: licence.item.code, applicant: { name: 'A' }, data: { applicantName: 'A', creditCode: '91330100MA27XXXX1X', premisesAddress: 'x', businessType: 'gym' } },
      });
      expect(started.status).toBe(503);
      expect(started.headers.get('retry-after')).toBe('5');
      expect(started.headers.get('content-type')).toMatch(/problem\+json/);
      expect(started.body['code']).toBe('unavailable');
      expect(await caseModel(db).countDocuments()).toBe(0);

      const action = await app.call('/cases/SL20260101000001/actions/accept', { token: clerk, body: {}, headers: { 'idempotency-key': randomUUID() } });
      expect(action.status).toBe(503);
      const year = await app.call('/calendar/years/2035', { method: 'PUT', token: admin, body: { year: 2035, holidays: ['2035-01-01'], workdays: [], published: true, source: 'x' } });
      expect(year.status).toBe(503);
      expect(await calendarYearModel(db).countDocuments()).toBe(0);
      const health = await app.call('/health');
      expect(health.status).toBe(503);
      expect(health.body['checks']).toEqual({ database: true, temporal: false });
    } finally {
      await app.close();
    }
  });

  it('answers 503 with Retry-After when the database is down', async () => {
    const port = await freePort();
    const deadDb = mongoose.createConnection(`mongodb://127.0.0.1:${port}/none`, { serverSelectionTimeoutMS: 500 });
    deadDb.on('error', () => undefined);
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    const app = await serve(deadDb, new Client({ connection }));
    try {
      const login = await app.call('/auth/login', { body: ADMIN });
      expect(login.status).toBe(503);
      expect(login.headers.get('retry-after')).toBe('5');
      expect((await app.call('/items')).status).toBe(503);
    } finally {
      await app.close();
      await connection.close();
      await deadDb.close().catch(() => undefined);
    }
  });
});
