import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { inject } from 'vitest';
import { createActivities } from '../../activities';
import { ensureAdministrator } from '../../api/auth/service';
import { answerClientErrors } from '../../api/http/client-error';
import { createApp } from '../../api/server';
import type { ApiSettings } from '../../api/settings';
import { TEST_PAYLOAD_KEYS, testDataConverter } from '../support/payload-keys';

export const ADMIN = { username: 'admin', password: 'admin-password-1' };
export const PASSWORD = 'clerk-password-1';
/** A report tolerance (working days) under which a history reported at once keeps its reported times. */
export const BACKFILL_TOLERANCE_DAYS = 100;
/** Payloads are encrypted as in production: the worker and the API's client share this key. */
export const PAYLOAD_KEYS = TEST_PAYLOAD_KEYS;

/** A JSON call's answer: status, headers and the parsed body. */
export interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallOptions {
  method?: string;
  token?: string;
  body?: unknown;
  /** Sent as is, e.g. malformed JSON. */
  raw?: string;
  headers?: Record<string, string>;
}

/**
 * The API on an ephemeral port over the test run's Temporal dev server and FerretDB, with a
 * worker running the real case workflows and activities on a task queue of its own, and a
 * database of its own so files do not see each other's data.
 */
export class ApiHarness {
  private constructor(
    readonly url: string,
    readonly db: mongoose.Connection,
    readonly temporal: Client,
    readonly taskQueue: string,
    private readonly server: Server,
    private readonly connection: Connection,
    private readonly native: NativeConnection,
    private readonly newWorker: () => Promise<Worker>,
    private worker: Worker,
    private running: Promise<void> | null,
  ) {}

  /** `now` is the API's clock (default the system's); the worker's workflows keep Temporal's. */
  static async start(settings: Partial<ApiSettings> = {}, now?: () => number): Promise<ApiHarness> {
    const uri = inject('mongoUri').replace(/\/[^/]*$/, `/api-${randomUUID().slice(0, 8)}`);
    const db = await mongoose.createConnection(uri).asPromise();
    const logger = pino({ level: 'silent' });
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    const dataConverter = testDataConverter();
    const temporal = new Client({ connection, dataConverter });
    const taskQueue = `api-${randomUUID()}`;
    const native = await NativeConnection.connect({ address: inject('temporalAddress') });
    const newWorker = () => Worker.create({
      connection: native,
      taskQueue,
      workflowBundle: { codePath: inject('workflowBundlePath') },
      dataConverter,
      activities: createActivities({ db, logger }),
    });
    const worker = await newWorker();
    const running = worker.run();
    await ensureAdministrator(db, logger, ADMIN);
    const app = createApp({ db, temporal, logger, settings: { taskQueue, ...settings }, ...(now && { now }) });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    answerClientErrors(server, logger);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new ApiHarness(`http://127.0.0.1:${port}/api/v1`, db, temporal, taskQueue, server, connection, native, newWorker, worker, running);
  }

  async call(path: string, options: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${this.url}${path}`, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (e.g. the docs page): keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  async login(username: string, password: string): Promise<string> {
    const answer = await this.call('/auth/login', { body: { username, password } });
    if (answer.status !== 200) throw new Error(`login ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.token as string;
  }

  adminToken(): Promise<string> {
    return this.login(ADMIN.username, ADMIN.password);
  }

  /** Creates departments and users through the API and answers their tokens. */
  async people(admin: string, users: { username: string; roles: string[]; department?: string; positions?: string[] }[]) {
    const tokens: Record<string, string> = {};
    for (const user of users) {
      if (user.department) {
        const dep = await this.call('/departments', { token: admin, body: { code: user.department, name: user.department } });
        if (dep.status !== 201 && dep.status !== 409) throw new Error(`department: ${JSON.stringify(dep.body)}`);
      }
      const created = await this.call('/users', { token: admin, body: { name: user.username, password: PASSWORD, ...user } });
      if (created.status !== 201) throw new Error(`user ${user.username}: ${JSON.stringify(created.body)}`);
      tokens[user.username] = await this.login(user.username, PASSWORD);
    }
    return tokens;
  }

  /**
   * Makes a definition publishable: creates its departments that do not exist yet and, in each,
   * a clerk holding the roles of its tasks there (publishing refuses roles no active user holds).
   */
  async holders(admin: string, definition: { item: { department: string }; nodes: readonly object[] }): Promise<void> {
    const roles = new Map<string, Set<string>>([[definition.item.department, new Set()]]);
    for (const node of definition.nodes as { kind: string; role?: string; department?: string }[]) {
      if (node.kind !== 'task' || node.role === undefined || node.department === undefined) continue;
      roles.set(node.department, (roles.get(node.department) ?? new Set()).add(node.role));
    }
    const existing = new Set(((await this.call('/departments', { token: admin })).body as { code: string }[]).map((d) => d.code));
    for (const [department, positions] of roles) {
      if (!existing.has(department)) {
        const dep = await this.call('/departments', { token: admin, body: { code: department, name: department } });
        if (dep.status !== 201) throw new Error(`department: ${JSON.stringify(dep.body)}`);
      }
      const username = `holder.${department}`.slice(0, 64);
      const user = await this.call('/users', { token: admin, body: { username, name: username, password: PASSWORD, roles: ['clerk'], department, positions: [...positions] } });
      if (user.status !== 201 && user.status !== 409) throw new Error(`user ${username}: ${JSON.stringify(user.body)}`);
    }
  }

  /** Stops the worker: the cases take no workflow task (as behind a midnight's backlog) until {@link resumeWorker}. */
  async pauseWorker(): Promise<void> {
    if (!this.running) return;
    this.worker.shutdown();
    await this.running;
    this.running = null;
  }

  /** Starts a new worker on the task queue after {@link pauseWorker}. */
  async resumeWorker(): Promise<void> {
    if (this.running) return;
    this.worker = await this.newWorker();
    this.running = this.worker.run();
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
    await this.pauseWorker();
    await this.connection.close();
    await this.native.close();
    await this.db.dropDatabase().catch(() => undefined);
    await this.db.close();
  }
}

/** Asserts the shape of a problem answer and returns it. */
export function problem(answer: Answer) {
  return answer.body as { status: number; code: string; detail: string; errors?: { in: string; pointer: string; detail: string }[] };
}

/** Probes until `ok` holds of the answer or `ms` have passed; answers the last probe (the caller asserts on it). */
export async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}
