// First-page time of each case list (the clerk's four worklists and their counts, the
// supervisor's board by urgency and its level counts) on FerretDB, at a number of cases.
// The read-model documents are inserted directly (as the recorder writes them, with their
// urgency and actors) into FerretDB on a temporary directory; each list is called through
// the API's own list functions (api/cases/lists.ts: the filters, sort, limit and maxTimeMS
// the routes use), without HTTP. Each figure is the median of seven calls after a warm-up.
// Run: npx tsx bench/lists.bench.ts [cases, default 1000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import type { ApiContext } from '../api/context';
import { levelCounts, listCases, worklistCounts } from '../api/cases/lists';
import type { Principal } from '../api/http/principal';
import { caseModel } from '../db/models/case';
import { urgencyKey } from '../domain/records/urgency';
import { startFerretDb } from '../scripts/lib/embedded';
import { freePort } from '../scripts/lib/processes';
import { quantile, round } from './lib/figures';

const DAY = 86_400_000;
const STATUSES = ['submitted', 'processing', 'processing', 'processing', 'concluded', 'concluded', 'suspended'] as const;
const LEVELS = ['normal', 'normal', 'normal', 'warning', 'yellow', 'red'] as const;
const RUNS = 7;

function syntheticCase(i: number, now: number) {
  const department = `dept-${i % 10}`;
  const itemCode = `item-${i % 30}`;
  const submittedAt = new Date(now - ((i * 7919) % 365) * DAY - (i % 1000) * 1000);
  const status = STATUSES[i % STATUSES.length] ?? 'processing';
  const concluded = status === 'concluded';
  const alertLevel = LEVELS[i % LEVELS.length] ?? 'normal';
  const deadline = new Date(submittedAt.getTime() + 14 * DAY);
  return {
    _id: `SL${String(i).padStart(9, '0')}`, seq: 5, mode: 'native', definitionId: itemCode, definitionVersion: 1, itemCode, itemName: `事项 ${i % 30}`,
    category: 'administrative-licence', department, applicantName: `申请人 ${i}`, queryCode: null, status, outcome: concluded ? 'approved' : null, alertLevel,
    position: concluded ? [] : [{ nodeId: 'review', name: '审核', department, role: i % 2 === 0 ? 'reviewer' : 'acceptor', startedAt: submittedAt }],
    submittedAt, acceptedAt: submittedAt, concludedAt: concluded ? new Date(submittedAt.getTime() + 5 * DAY) : null,
    deadline, statutoryDeadline: new Date(submittedAt.getTime() + 28 * DAY), provisional: false,
    workingDaysUsed: concluded ? 5 : null, onTime: concluded ? true : null, anomalyCount: 0, alertCount: 0, updatedAt: submittedAt,
    urgency: urgencyKey({ status, alertLevel, deadline: deadline.getTime() }), actedBy: [`user-${i % 20}`],
  };
}

async function median(call: () => Promise<unknown>): Promise<number> {
  await call();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return round(quantile(times, 0.5), 1);
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 1000);
  const dataDir = mkdtempSync(join(tmpdir(), 'sunlight-lists-'));
  const host = '127.0.0.1';
  const port = await freePort(host);
  const ferret = await startFerretDb({ host, port, dataDir: join(dataDir, 'ferretdb'), onLine: () => undefined });
  const db = await mongoose.createConnection(`mongodb://${host}:${port}/sunlight-lists`).asPromise();
  try {
    const now = Date.now();
    await caseModel(db).createCollection();
    for (let i = 0; i < count; i += 500) {
      const batch = Array.from({ length: Math.min(500, count - i) }, (_, k) => syntheticCase(i + k, now));
      await db.collection('cases').insertMany(batch as never[], { ordered: false });
    }
    const ctx = { db, now: () => now } as unknown as ApiContext;
    const clerk: Principal = { userId: 'user-0', username: 'clerk', name: 'clerk', roles: ['clerk'], department: 'dept-0', positions: ['reviewer'] };
    const supervisor: Principal = { userId: 'sup', username: 'sup', name: 'sup', roles: ['supervisor'], department: null, positions: [] };
    const rows: Record<string, number | string>[] = [];
    const figure = async (list: string, call: () => Promise<unknown>) => rows.push({ list, cases: count, 'median ms': await median(call) });
    for (const list of ['todo', 'done', 'department', 'concluded'] as const) {
      await figure(`clerk ${list}, first page of 50`, () => listCases(ctx, { list, sort: list === 'concluded' ? 'newest' : 'urgency', limit: 50 }, clerk));
    }
    await figure('clerk todo, searched "申请人 1"', () => listCases(ctx, { list: 'todo', sort: 'urgency', q: '申请人 1', limit: 50 }, clerk));
    await figure('clerk worklist counts (4)', () => worklistCounts(ctx, {}, clerk));
    await figure('board by urgency, first page of 50', () => listCases(ctx, { sort: 'urgency', limit: 50 }, supervisor));
    await figure('board, one department, searched', () => listCases(ctx, { sort: 'urgency', department: 'dept-3', q: '事项 3', limit: 50 }, supervisor));
    await figure('board level counts', () => levelCounts(ctx, {}, supervisor));
    console.table(rows);
  } finally {
    await db.close();
    await ferret.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
