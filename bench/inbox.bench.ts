// The inbox at scale on FerretDB: the unread count every signed-in page polls every 15 s and
// the inbox's first page, through the API's own functions (api/inbox/service.ts, without
// HTTP) reading the inbox lists (db/queries/inbox-lists.ts), beside the query that scans the
// messages (what every poll did on FerretDB before the lists) measured in the same run.
// The messages are inserted directly (as the recorder writes them: a warning to a clerk's
// position and the department head, a red card also to the supervision office) and the lists
// are built from them (rebuildInboxLists), as the writers would have kept them; a third of
// each audience's messages are read. Each figure is the median of seven calls after a warm-up.
// Scale test: npx tsx bench/inbox.bench.ts [messages, default 50000]; `npm run bench` runs it
// in its queries section.
import type { Connection } from 'mongoose';
import { listInbox, unreadCount } from '../api/inbox/service';
import type { Principal } from '../api/http/principal';
import { inboxMessageModel } from '../db/models/inbox-message';
import { rebuildInboxLists } from '../db/queries/inbox-lists';
import { withScratchFerretDb } from './lib/scratch-ferretdb';
import { medianMs, onceMs, round, type Figure } from './lib/figures';

const DEPARTMENTS = 20;
const RUNS = 7;
/** The scanning baseline is timed once, with room to finish (it decodes every message). */
const SCAN_BUDGET_MS = 300_000;

const clerk: Principal = { userId: 'clerk-0', username: 'clerk', name: 'clerk', roles: ['clerk'], department: 'dept-0', positions: ['reviewer'] };
const city: Principal = { userId: 'sup', username: 'sup', name: 'sup', roles: ['supervisor'], department: null, positions: [], scope: null };
const county: Principal = { ...city, userId: 'county', scope: ['dept-0', 'dept-1', 'dept-2', 'dept-3', 'dept-4'] };

/** Message i: to a department's reviewers, its head, or (every fourth) the supervision office, over the past year. */
function syntheticMessage(i: number, now: number) {
  const department = `dept-${i % DEPARTMENTS}`;
  const to = Math.floor(i / DEPARTMENTS) % 4;
  const audience = to === 0 ? 'supervision-office' : to === 1 ? `department-head:${department}` : `assignee:reviewer@${department}`;
  const level = to === 0 ? 'red' : i % 3 === 0 ? 'yellow' : 'warning';
  const reader = audience === 'supervision-office' ? ['sup', 'county'] : audience.startsWith('assignee') ? ['clerk-0'] : [];
  return {
    _id: `A${String(i).padStart(9, '0')}:0`, audience, department, caseNo: `SL${String(i).padStart(9, '0')}`, alertId: `A${i}`, level,
    subject: `[${level}] SL${i} deadline`, body: '最后一个工作日', createdAt: new Date(now - (i % 365) * 86_400_000 - i), readBy: i % 3 === 1 ? reader : [],
  };
}

/** The unread count and first page at `messages` messages, with the scanning baselines. */
export async function inboxFigures(db: Connection, messages: number): Promise<Figure[]> {
  const now = Date.now();
  const started = performance.now();
  // The model's collection and indexes first, as in an API that has run a while (Mongoose builds them when a model is first used):
  // built beside the first figures, they held up the reads by `_id` of the next seconds (277 ms a page instead of 40–60 at 2,500).
  await inboxMessageModel(db).init();
  await inboxMessageModel(db).deleteMany({});
  for (let i = 0; i < messages; i += 1000) {
    await db.collection('inbox_messages').insertMany(Array.from({ length: Math.min(1000, messages - i) }, (_, k) => syntheticMessage(i + k, now)) as never[], { ordered: false });
  }
  await rebuildInboxLists(db);
  const note = `${messages.toLocaleString('en-US')} messages inserted and listed in ${round((performance.now() - started) / 1000, 1)} s`;
  // The poll as it was: the caller's unread messages, ids only, newest first (one scan of every message).
  const scanUnread = (filter: Record<string, unknown>, user: string) => () => inboxMessageModel(db).find({ ...filter, readBy: { $ne: user } }, { _id: 1 })
    .sort({ createdAt: -1, _id: -1 }).maxTimeMS(SCAN_BUDGET_MS).lean();
  const scanned = {
    clerk: await onceMs(scanUnread({ audience: { $in: ['assignee:reviewer@dept-0'] } }, clerk.userId)),
    city: await onceMs(scanUnread({ audience: 'supervision-office' }, city.userId)),
  };
  const size = `${messages.toLocaleString('en-US')} messages`;
  const figure = async (name: string, call: () => Promise<unknown>, baseline?: { name: string; value: number }): Promise<Figure> => ({
    group: 'queries', name: `inbox: ${name}, ${size}`, unit: 'ms', lowerIsBetter: true, value: await medianMs(call, RUNS), note, ...(baseline && { baseline }),
  });
  const clerkScan = { name: "the clerk's unread by scanning the messages", value: scanned.clerk };
  const cityScan = { name: "the office's unread by scanning the messages", value: scanned.city };
  return [
    await figure("a clerk's unread count", () => unreadCount(db, clerk), clerkScan),
    await figure("the city supervisor's unread count", () => unreadCount(db, city), cityScan),
    await figure("a county supervisor's unread count (5 of 20 departments)", () => unreadCount(db, county), cityScan),
    await figure("a clerk's first page of 50", () => listInbox(db, clerk, { limit: 50 }), clerkScan),
    await figure("a clerk's unread, first page of 50", () => listInbox(db, clerk, { limit: 50, unread: true }), clerkScan),
    await figure("the city supervisor's red cards, first page of 50", () => listInbox(db, city, { limit: 50, kind: 'red' }), cityScan),
  ];
}

async function main(): Promise<void> {
  const messages = Number(process.argv[2] ?? 50_000);
  await withScratchFerretDb('inbox', {}, async (db) => {
    const figures = await inboxFigures(db, messages);
    console.log(figures[0]?.note);
    console.table(figures.map((f) => ({ query: f.name.replace(/^inbox: /, '').replace(/, [\d,]+ messages$/, ''), 'median ms': f.value, ...(f.baseline && { 'scan ms': f.baseline.value }) })));
  });
}

if (process.argv[1]?.endsWith('inbox.bench.ts')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
