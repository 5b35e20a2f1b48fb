// The board and the clerks' worklists at scale on FerretDB: first-page times through the
// API's own list functions (api/cases/lists.ts: the filters, sort, limit and maxTimeMS the
// routes use, without HTTP), beside the query that scans the cases (what every list did on
// FerretDB before the list index) measured in the same run.
// The read-model documents are inserted directly (as the recorder writes them) and the list
// index is built from them (db/queries/case-list-index.ts: rebuildListIndex), as the
// recorder would have kept it. Each figure is the median of seven calls after a warm-up.
// Scale test: npx tsx bench/lists.bench.ts [open, default 20000] [concluded, default 100000]
// (about 3 minutes on the 2-core machine, most of it inserting); `npm run bench` runs it in
// its queries section.
import type { Connection } from 'mongoose';
import type { ApiContext } from '../api/context';
import { levelCounts, listCases, worklistCounts } from '../api/cases/lists';
import type { Principal } from '../api/http/principal';
import { caseModel } from '../db/models/case';
import { rebuildListIndex } from '../db/queries/case-list-index';
import { urgencyKey } from '../domain/records/urgency';
import { withScratchFerretDb } from './lib/scratch-ferretdb';
import { medianMs, onceMs, round, type Figure } from './lib/figures';

const DAY = 86_400_000;
const DEPARTMENTS = 20;
const USERS = 200;
const OPEN_STATUSES = ['submitted', 'processing', 'processing', 'processing', 'suspended'] as const;
const LEVELS = ['normal', 'normal', 'normal', 'normal', 'normal', 'warning', 'yellow', 'red'] as const;
const ROLES = ['acceptor', 'reviewer', 'approver'] as const;
const RUNS = 7;
/** The scanning baseline is timed once, with room to finish (it decodes every case). */
const SCAN_BUDGET_MS = 300_000;

/** Case i: the first `concluded` are concluded over the past two years, the rest open. */
function syntheticCase(i: number, concluded: number, now: number) {
  const done = i < concluded;
  const department = `dept-${i % DEPARTMENTS}`;
  const itemCode = `item-${i % 30}`;
  const submittedAt = new Date(now - (done ? 30 + ((i * 7919) % 700) : (i * 7919) % 30) * DAY - (i % 1000) * 1000);
  const status = done ? 'concluded' : OPEN_STATUSES[i % OPEN_STATUSES.length] ?? 'processing';
  const alertLevel = LEVELS[i % LEVELS.length] ?? 'normal';
  const deadline = new Date(submittedAt.getTime() + 20 * DAY);
  return {
    _id: `SL${String(i).padStart(9, '0')}`, seq: 5, mode: 'native', definitionId: itemCode, definitionVersion: 1, itemCode, itemName: `事项 ${i % 30}`,
    category: 'administrative-licence', department, applicantName: `申请人 ${i}`, queryCode: null, status, outcome: done ? 'approved' : null, alertLevel,
    position: done ? [] : [{ nodeId: 'review', name: '审核', department, role: ROLES[i % ROLES.length] ?? 'reviewer', startedAt: submittedAt }],
    submittedAt, acceptedAt: submittedAt, concludedAt: done ? new Date(submittedAt.getTime() + 5 * DAY) : null,
    deadline, statutoryDeadline: new Date(submittedAt.getTime() + 40 * DAY), provisional: false,
    workingDaysUsed: done ? 5 : null, onTime: done ? true : null, anomalyCount: 0, alertCount: 0, updatedAt: submittedAt,
    urgency: urgencyKey({ status, alertLevel, deadline: deadline.getTime() }), actedBy: [`user-${i % USERS}`],
  };
}

/** Loads the cases and the index into `db` (dropped first); answers the seconds it took. */
export async function loadCases(db: Connection, open: number, concluded: number, now: number): Promise<number> {
  const started = performance.now();
  await db.dropDatabase();
  await caseModel(db).createCollection();
  const all: ReturnType<typeof syntheticCase>[] = [];
  for (let i = 0; i < open + concluded; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, open + concluded - i) }, (_, k) => syntheticCase(i + k, concluded, now));
    all.push(...batch);
    await db.collection('cases').insertMany(batch as never[], { ordered: false });
  }
  await rebuildListIndex(db, all);
  return round((performance.now() - started) / 1000, 1);
}

/** First-page times of the board and the worklists at `open` + `concluded` cases, with the scanning baselines. */
export async function listFigures(db: Connection, open: number, concluded: number): Promise<Figure[]> {
  const now = Date.now();
  const loadSeconds = await loadCases(db, open, concluded, now);
  const ctx = { db, now: () => now } as unknown as ApiContext;
  const clerk: Principal = { userId: 'user-0', username: 'clerk', name: 'clerk', roles: ['clerk'], department: 'dept-0', positions: ['reviewer'] };
  const supervisor: Principal = { userId: 'sup', username: 'sup', name: 'sup', roles: ['supervisor'], department: null, positions: [] };
  const county: Principal = { ...supervisor, department: 'county', scope: ['dept-0', 'dept-1', 'dept-2', 'dept-3', 'dept-4'] };
  const size = `${open.toLocaleString('en-US')} open + ${concluded.toLocaleString('en-US')} concluded`;
  const note = `${size} cases inserted and indexed in ${loadSeconds} s`;
  const scan = (filter: Record<string, unknown>, sort: Record<string, 1 | -1>) => () =>
    caseModel(db).find(filter).sort(sort).limit(51).maxTimeMS(SCAN_BUDGET_MS).lean();
  const scanned = {
    board: await onceMs(scan({}, { urgency: 1, _id: 1 })),
    concluded: await onceMs(scan({ department: 'dept-0', status: 'concluded' }, { submittedAt: -1, _id: -1 })),
  };
  const figure = async (name: string, call: () => Promise<unknown>, baseline?: { name: string; value: number }): Promise<Figure> => ({
    group: 'queries', name: `${name}, ${size}`, unit: 'ms', lowerIsBetter: true, value: await medianMs(call, RUNS), note, ...(baseline && { baseline }),
  });
  const boardScan = { name: 'the same page by scanning the cases', value: scanned.board };
  return [
    await figure('board by urgency, first page of 50', () => listCases(ctx, { sort: 'urgency', limit: 50 }, supervisor), boardScan),
    await figure('board newest first, first page of 50', () => listCases(ctx, { sort: 'newest', limit: 50 }, supervisor), boardScan),
    await figure("board of a county's 5 departments by urgency", () => listCases(ctx, { sort: 'urgency', limit: 50 }, county), boardScan),
    await figure('board, one department and item, red', () => listCases(ctx, { sort: 'urgency', department: 'dept-3', itemCode: 'item-3', alertLevel: 'red', limit: 50 }, supervisor), boardScan),
    await figure('board level counts', () => levelCounts(ctx, {}, supervisor), boardScan),
    await figure('待办 (todo), first page of 50', () => listCases(ctx, { list: 'todo', sort: 'urgency', limit: 50 }, clerk), boardScan),
    await figure('已办 (done), first page of 50', () => listCases(ctx, { list: 'done', sort: 'urgency', limit: 50 }, clerk), boardScan),
    await figure('本部门 (department), first page of 50', () => listCases(ctx, { list: 'department', sort: 'urgency', limit: 50 }, clerk), boardScan),
    await figure('办结 (concluded) newest first, first page of 50', () => listCases(ctx, { list: 'concluded', sort: 'newest', limit: 50 }, clerk),
      { name: "the department's concluded cases by scanning", value: scanned.concluded }),
    await figure('办结, second page', async () => {
      const first = await listCases(ctx, { list: 'concluded', sort: 'newest', limit: 50 }, clerk);
      return listCases(ctx, { list: 'concluded', sort: 'newest', limit: 50, ...(first.nextCursor && { cursor: first.nextCursor }) }, clerk);
    }),
    await figure('worklist counts (4, capped at 10,000)', () => worklistCounts(ctx, {}, clerk)),
  ];
}

async function main(): Promise<void> {
  const open = Number(process.argv[2] ?? 20_000);
  const concluded = Number(process.argv[3] ?? 100_000);
  await withScratchFerretDb('lists', {}, async (db) => {
    const figures = await listFigures(db, open, concluded);
    console.log(figures[0]?.note);
    console.table(figures.map((f) => ({ list: f.name.replace(/, [\d,]+ open.*$/, ''), 'median ms': f.value, ...(f.baseline && { 'scan ms': f.baseline.value }) })));
  });
}

if (process.argv[1]?.endsWith('lists.bench.ts')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
