/**
 * Case list and statistics at 1k, 10k and 100k cases: how their cost grows with the number
 * of cases. The read-model documents (and the rollup rows they would have produced) are
 * inserted directly into a database of their own, not produced by running workflows: only
 * the queries are measured. Each figure is the median of five timed calls after a warm-up
 * (a single call when one takes longer than 5 s).
 */
import type { Server } from 'node:http';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { ensureAdministrator } from '../api/auth/service';
import { createApp } from '../api/server';
import { caseModel } from '../db/models/case';
import { caseRollupModel } from '../db/models/case-rollup';
import { summarize, type RollupRow } from '../domain/statistics/aggregate';
import { quantile, round, type Figure } from './lib/figures';
import { inboxFigures } from './inbox.bench';
import { listFigures } from './lists.bench';
import { rebuildListIndex } from '../db/queries/case-list-index';
import { ADMIN, call, type BenchStack } from './lib/stack';

const DAY = 86_400_000;
const STATUSES = ['submitted', 'processing', 'processing', 'processing', 'concluded', 'concluded', 'suspended'];
const LEVELS = ['normal', 'normal', 'normal', 'warning', 'yellow', 'red'];

function syntheticCase(i: number, now: number) {
  const department = `dept-${i % 10}`;
  const itemCode = `item-${i % 30}`;
  const submittedAt = new Date(now - ((i * 7919) % 365) * DAY - (i % 1000) * 1000);
  const status = STATUSES[i % STATUSES.length] ?? 'processing';
  const concluded = status === 'concluded';
  return {
    _id: `SQ${String(i).padStart(9, '0')}`, seq: 5, mode: 'native', definitionId: itemCode, definitionVersion: 1, itemCode, itemName: `事项 ${i % 30}`,
    category: 'administrative-licence', department, applicantName: `申请人 ${i}`, queryCode: null, status, outcome: concluded ? 'approved' : null,
    alertLevel: LEVELS[i % LEVELS.length] ?? 'normal',
    position: concluded ? [] : [{ nodeId: 'review', name: '审核', department, role: 'reviewer', startedAt: submittedAt }],
    submittedAt, acceptedAt: submittedAt, concludedAt: concluded ? new Date(submittedAt.getTime() + 5 * DAY) : null,
    deadline: new Date(submittedAt.getTime() + 14 * DAY), statutoryDeadline: new Date(submittedAt.getTime() + 28 * DAY), provisional: false,
    workingDaysUsed: concluded ? 5 : null, onTime: concluded ? true : null, anomalyCount: 0, alertCount: 0, updatedAt: submittedAt,
  };
}

type SyntheticCase = ReturnType<typeof syntheticCase>;

/** The rollup rows the recorder would have kept for these cases (submitted, concluded, on time). */
function rollupsOf(cases: SyntheticCase[]) {
  const rows = new Map<string, { _id: string; day: string; department: string; itemCode: string; category: string; counts: Record<string, number>; sums: Record<string, number>; applied: string[] }>();
  for (const c of cases) {
    const day = new Date(c.submittedAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const _id = `${day}|${c.department}|${c.itemCode}`;
    const row = rows.get(_id) ?? { _id, day, department: c.department, itemCode: c.itemCode, category: c.category, counts: { submitted: 0, concluded: 0, concludedOnTime: 0 }, sums: { workingDaysUsed: 0 }, applied: [] };
    row.counts['submitted'] = (row.counts['submitted'] ?? 0) + 1;
    if (c.concludedAt) {
      row.counts['concluded'] = (row.counts['concluded'] ?? 0) + 1;
      row.counts['concludedOnTime'] = (row.counts['concludedOnTime'] ?? 0) + 1;
      row.sums['workingDaysUsed'] = (row.sums['workingDaysUsed'] ?? 0) + 5;
    }
    rows.set(_id, row);
  }
  return [...rows.values()];
}

/** Median of `runs` timed calls after a warm-up; a call slower than 5 s is timed once (its warm-up). */
async function timed(runs: number, fn: () => Promise<void>): Promise<number> {
  const w0 = performance.now();
  await fn();
  const warmUp = performance.now() - w0;
  if (warmUp > 5_000) return round(warmUp);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return round(quantile(times, 0.5));
}

export async function queryBenchmarks(stack: BenchStack, opts: { sizes: number[] }): Promise<{ figures: Figure[]; raw: unknown }> {
  const db = await mongoose.createConnection(stack.mongoUri.replace(/\/[^/]*$/, '/sunlight-bench-queries')).asPromise();
  const logger = pino({ level: 'silent' });
  const server: Server = await new Promise((resolve) => {
    const s = createApp({ db, temporal: stack.client, logger }).listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    await db.dropDatabase();
    await ensureAdministrator(db, logger, ADMIN);
    await caseModel(db).init();
    await caseRollupModel(db).init();
    const address = server.address();
    const api = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1`;
    const token = (await call(`${api}/auth/login`, { body: ADMIN })).body.token as string;
    const now = Date.now();
    const from = new Date(now - 365 * DAY).toISOString().slice(0, 10);
    const to = new Date(now + DAY).toISOString().slice(0, 10);
    const statisticsRoute = (await call(`${api}/statistics?from=${from}&to=${to}&groupBy=department&granularity=month`, { token })).status === 200;

    const all: SyntheticCase[] = [];
    const raw: Record<string, unknown>[] = [];
    const figures: Figure[] = [];
    for (const size of opts.sizes) {
      const t0 = performance.now();
      for (let i = all.length; i < size; i += 1000) {
        const batch = Array.from({ length: Math.min(1000, size - i) }, (_, k) => syntheticCase(i + k, now));
        all.push(...batch);
        await db.collection('cases').insertMany(batch as never[], { ordered: false });
      }
      const rollups = rollupsOf(all);
      await db.collection('case_rollups').deleteMany({});
      for (let i = 0; i < rollups.length; i += 1000) await db.collection('case_rollups').insertMany(rollups.slice(i, i + 1000) as never[], { ordered: false });
      // The list index the recorder would have kept (the case lists read it on FerretDB).
      await rebuildListIndex(db, all);
      const insertSeconds = round((performance.now() - t0) / 1000);

      // A list the index does not serve (overdue) reads the cases and may stop at its maxTimeMS: 503 list-too-slow is its bounded answer.
      const get = (path: string, bounded = false) => async () => {
        const answer = await call(`${api}${path}`, { token });
        if (answer.status !== 200 && !(bounded && answer.status === 503)) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      };
      const firstPage = await timed(5, get('/cases?limit=50'));
      const filtered = await timed(5, get('/cases?limit=50&department=dept-3&status=processing'));
      const overdue = await timed(5, get('/cases?limit=50&overdue=true', true));
      const statistics = await timed(5, statisticsRoute
        ? get(`/statistics?from=${from}&to=${to}&groupBy=department&granularity=month`)
        : async () => {
          const rows = await caseRollupModel(db).find({ day: { $gte: from, $lte: to } }, { day: 1, department: 1, itemCode: 1, category: 1, counts: 1, sums: 1 }).lean();
          summarize(rows as unknown as RollupRow[], { groupBy: ['department'], granularity: 'month' });
        });
      const scan = await timed(3, async () => {
        await caseModel(db).aggregate([{ $group: { _id: { department: '$department', status: '$status' }, n: { $sum: 1 } } }]);
      });
      raw.push({ size, insertSeconds, rollupRows: rollups.length, firstPage, filtered, overdue, statistics, scan, statisticsVia: statisticsRoute ? 'GET /statistics' : 'rollup query + summarize (the route is not mounted)' });
      const note = `${size.toLocaleString('en-US')} cases (${rollups.length.toLocaleString('en-US')} rollup rows) inserted directly in ${insertSeconds} s`;
      figures.push(
        { group: 'queries', name: `case list, first page of 50, ${size.toLocaleString('en-US')} cases`, unit: 'ms', lowerIsBetter: true, value: firstPage, note },
        { group: 'queries', name: `case list, department + status filter, ${size.toLocaleString('en-US')} cases`, unit: 'ms', lowerIsBetter: true, value: filtered, note },
        { group: 'queries', name: `case list, overdue filter, ${size.toLocaleString('en-US')} cases`, unit: 'ms', lowerIsBetter: true, value: overdue, note },
        {
          group: 'queries', name: `statistics by department and month (rollups), ${size.toLocaleString('en-US')} cases`, unit: 'ms', lowerIsBetter: true, value: statistics,
          baseline: { name: 'counting by scanning the cases ($group)', value: scan }, note: `${note}; ${statisticsRoute ? 'GET /statistics' : 'rollup query + summarize'}`,
        },
      );
    }
    // The board and the worklists from the list index at the largest size (a fifth of it open), beside the scanning query.
    const largest = Math.max(...opts.sizes);
    figures.push(...(await listFigures(db, largest / 5, largest)));
    // The inbox's unread count and first page from its lists at half as many messages, beside the scanning query.
    figures.push(...(await inboxFigures(db, largest / 2)));
    return { figures, raw };
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await db.dropDatabase().catch(() => undefined);
    await db.close();
  }
}
