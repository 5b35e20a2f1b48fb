import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Client } from '@temporalio/client';
import type mongoose from 'mongoose';
import { pino } from 'pino';
import { ensureAdministrator } from '../../api/auth/service';
import { createApp } from '../../api/server';
import { caseModel } from '../../db/models/case';
import { caseEventModel } from '../../db/models/case-event';
import { definitionFixtures } from '../fixtures/definitions';
import { ADMIN, PASSWORD } from '../api/harness';

export const licence = definitionFixtures['sequential-licence'];
export const form = { applicantName: '杭州西湖宾馆有限公司', creditCode: '91330100MA27XXXX1X', premisesAddress: '杭州市西湖区曙光路 1 号', businessType: 'hotel' };
/** The five clerk actions of the sequential licence, acceptance to conclusion. */
export const STEPS: [string, object][] = [
  ['accept', {}],
  ['complete-step', { nodeId: 'undertake', action: 'complete' }],
  ['complete-step', { nodeId: 'review', action: 'complete' }],
  ['complete-step', { nodeId: 'approve', action: 'approve' }],
  ['conclude', {}],
];

export interface Api {
  call(path: string, init?: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

/** The API on an ephemeral port over the given database and Temporal client. */
export async function serveApi(db: mongoose.Connection, temporal: Client, taskQueue: string): Promise<Api> {
  const logger = pino({ level: 'silent' });
  await ensureAdministrator(db, logger, ADMIN);
  const app = createApp({ db, temporal, logger, settings: { taskQueue, temporalTimeoutMs: 5_000 } });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1`;
  return {
    async call(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers['authorization'] = `Bearer ${init.token}`;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${url}${path}`, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, ...(init.body !== undefined && { body: JSON.stringify(init.body) }) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Publishes the sequential licence and answers a clerk's token who may take every step. */
export async function clerkOf(api: Api): Promise<string> {
  const admin = (await api.call('/auth/login', { body: ADMIN })).body.token as string;
  await api.call('/departments', { token: admin, body: { code: 'health-commission', name: '卫健委' } });
  const username = `clerk-${randomUUID().slice(0, 6)}`;
  const user = await api.call('/users', {
    token: admin, body: { username, name: username, password: PASSWORD, roles: ['clerk'], department: 'health-commission', positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] },
  });
  if (user.status !== 201) throw new Error(`user: ${JSON.stringify(user.body)}`);
  const draft = await api.call(`/definitions/${licence.item.code}/draft`, { method: 'PUT', token: admin, body: { definition: licence } });
  if (draft.status !== 200) throw new Error(`draft: ${JSON.stringify(draft.body)}`);
  const published = await api.call(`/definitions/${licence.item.code}/publish`, { token: admin, body: { revision: 1 } });
  if (published.status !== 201) throw new Error(`publish: ${JSON.stringify(published.body)}`);
  return (await api.call('/auth/login', { body: { username, password: PASSWORD } })).body.token as string;
}

export async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, ms: number, everyMs = 500): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined as T);
    if ((value !== undefined && ok(value)) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A case's recorded events: their sequence numbers in order, and the read model. */
export async function recordOf(db: mongoose.Connection, caseNo: string) {
  const events = await caseEventModel(db).find({ caseNo }, { seq: 1, type: 1 }).sort({ seq: 1 }).lean();
  const doc = await caseModel(db).findById(caseNo).lean();
  return { seqs: events.map((e) => e.seq), types: events.map((e) => e.type), doc };
}

/** 1..n */
export const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
