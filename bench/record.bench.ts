// Recording a midnight on FerretDB: N open cases of one department and item each record the
// batch a case workflow records when its warning falls due (the alert event, its inbox
// messages, the rollup counter and case fact, the read model at the new level and the list
// index), all at once with as many writing as the worker lets write (a timer's recording, a
// local activity, takes one of its 12 writers' turns: activities/detach.ts `LOCAL_WRITERS`;
// the turn is free again once the recording only waits for its paced list writes); beside it, in
// the same run, the same number of bare one-document inserts at the same concurrency (what
// writing only the alerts costs). Three figures: the time; the commands sent to FerretDB per
// recording by collection (steady where the time varies by a fifth between runs); and the CPU
// time per recording of FerretDB and of the recording process (which varied by about 15%). Run:
// npx tsx bench/record.bench.ts [cases, default 1000] [in flight, default the worker's writers]
import type { CommandStartedEvent } from 'mongodb';
import type { Connection } from 'mongoose';
import type { AlertRecord, CaseEventRecord, CaseReadModel } from '../activities/contract/case-records';
import { recordCaseEvents } from '../activities/record';
import type { AlertLevel } from '../domain/ladder/types';
import { versionsEmptied } from '../db/versioned-write';
import { LOCAL_WRITERS } from '../activities/detach';
import { withScratchFerretDb } from './lib/scratch-ferretdb';
import { processCpuMs } from '../scripts/lib/worker-process';
import { pool, round, type Figure } from './lib/figures';

const AT = Date.parse('2026-12-07T16:00:00Z');

function readModel(caseNo: string, seq: number, alertLevel: AlertLevel, role = 'reviewer'): CaseReadModel {
  return {
    caseNo, seq, mode: 'native', definitionId: 'licence', definitionVersion: 1, itemCode: 'licence', itemName: '许可', category: 'administrative-licence',
    department: 'health', applicantName: '申请人', status: 'processing', outcome: null, alertLevel,
    position: [{ nodeId: role, name: role === 'reviewer' ? '审核' : '承办', department: 'health', role, startedAt: AT - 86_400_000 }],
    submittedAt: AT - 86_400_000 * 3, acceptedAt: AT - 86_400_000 * 3, concludedAt: null, deadline: AT + 86_400_000, statutoryDeadline: AT + 86_400_000 * 10,
    provisional: false, workingDaysUsed: null, onTime: null, anomalyCount: 0, alertCount: alertLevel === 'normal' ? 0 : 1, updatedAt: AT,
  };
}

const event = (caseNo: string, seq: number, type: string, payload: Record<string, unknown> = {}): CaseEventRecord =>
  ({ id: `${caseNo}:${seq}`, caseNo, seq, type, at: AT - 86_400_000 * 3 + seq, summary: type, payload });

function warning(caseNo: string): CaseEventRecord {
  const alert: AlertRecord = {
    id: `${caseNo}:warning`, caseNo, itemCode: 'licence', department: 'health', key: 'warning', kind: 'warning', level: 'warning', thresholdAt: AT,
    raisedAt: AT, provisional: false, reason: '最后一个工作日', audience: [{ kind: 'assignee', role: 'reviewer', department: 'health' }, { kind: 'department-head', department: 'health' }],
  };
  return { ...event(caseNo, 3, 'alert', { alert }), at: AT };
}

/** Counts the commands sent on `db` while `work` runs, by collection (`db` must be opened with `monitorCommands`). */
async function commandsDuring(db: Connection, work: () => Promise<void>): Promise<Map<string, number>> {
  const client = db.getClient();
  if (!client.options.monitorCommands) throw new Error('open the connection with monitorCommands: true to count its commands');
  const counts = new Map<string, number>();
  const count = (e: CommandStartedEvent) => {
    const target = e.command[e.commandName] as unknown;
    const collection = typeof target === 'string' ? target : e.commandName;
    counts.set(collection, (counts.get(collection) ?? 0) + 1);
  };
  client.on('commandStarted', count);
  try {
    await work();
  } finally {
    client.off('commandStarted', count);
  }
  return counts;
}

function withResolvers(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

/** The CPU time (ms) FerretDB (`pid`) and this process use while `work` runs; FerretDB's is null where it cannot be read. */
async function cpuDuring(pid: number | undefined, work: () => Promise<void>): Promise<{ server: number | null; client: number }> {
  const [server0, client0] = [processCpuMs(pid), process.cpuUsage()];
  await work();
  const [server1, client1] = [processCpuMs(pid), process.cpuUsage(client0)];
  return { server: server0 === null || server1 === null ? null : server1 - server0, client: (client1.user + client1.system) / 1000 };
}

/**
 * Records a midnight's warnings of `cases` cases on `db` (an empty database, opened with
 * `monitorCommands`) beside as many bare inserts: the time, the commands FerretDB is sent per
 * recording, and the CPU time per recording of FerretDB (`ferretDbPid`, where known) and of
 * this process, the superseded version rows' emptying behind the writes included. On the
 * shared two cores a time varies by a fifth between runs (a burst of the same code recorded in
 * 43.8 s and in 59.6 s the same afternoon), the CPU times by about 15%; the commands are what a
 * change to the recording changes, and vary by up to 8% with how the writes group (four runs of
 * the same code).
 */
export async function recordFigures(
  db: Connection, cases: number, concurrency: number = LOCAL_WRITERS, ferretDbPid?: number,
): Promise<Figure[]> {
  const deps = { db, utcOffsetMinutes: 480 };
  const caseNos = Array.from({ length: cases }, (_, i) => `SL${String(i).padStart(9, '0')}`);
  await pool(caseNos, 8, (caseNo) => recordCaseEvents(deps, { events: [event(caseNo, 1, 'submitted'), event(caseNo, 2, 'accepted')], readModel: readModel(caseNo, 2, 'normal') }));
  let recordMs = 0;
  let commands = new Map<string, number>();
  const cpu = await cpuDuring(ferretDbPid, async () => {
    commands = await commandsDuring(db, async () => {
      const t0 = performance.now();
      const recordings: Promise<void>[] = [];
      await pool(caseNos, concurrency, (caseNo) => {
        const released = withResolvers();
        const recording = recordCaseEvents({ ...deps, release: released.resolve }, { events: [warning(caseNo)], readModel: readModel(caseNo, 3, 'warning') });
        recordings.push(recording);
        return Promise.race([recording, released.promise]);
      });
      await Promise.all(recordings);
      recordMs = performance.now() - t0;
    });
    await versionsEmptied(db); // the superseded version rows emptied behind the recordings, before the bare inserts are counted
  });
  const bare = db.collection<{ _id: string }>('bare_alerts');
  let bareMs = 0;
  let bareCommands = new Map<string, number>();
  const bareCpu = await cpuDuring(ferretDbPid, async () => {
    bareCommands = await commandsDuring(db, async () => {
      const b0 = performance.now();
      await pool(caseNos, concurrency, (caseNo) => bare.insertOne({ _id: caseNo, ...warning(caseNo) }));
      bareMs = performance.now() - b0;
    });
  });
  const most = [...commands].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([c, n]) => `${c} ${round(n / cases, 2)}`).join(', ');
  return [{
    group: 'alerts', name: `recording a midnight's warnings of ${cases} cases of one department on FerretDB`, unit: 'ms', lowerIsBetter: true,
    value: round(recordMs), baseline: { name: `${cases} bare one-document inserts`, value: round(bareMs) },
    note: `${concurrency} writing at once (the worker's writers for timers' recordings), a turn free again once a recording only waits for its paced list writes: each recording writes the alert event, its inbox messages, the rollup and case fact, the read model and the list index`,
  }, {
    group: 'alerts', name: 'FerretDB commands per recording of a warning', unit: 'commands', lowerIsBetter: true,
    value: round(total(commands) / cases, 2), baseline: { name: 'a bare one-document insert', value: round(total(bareCommands) / cases, 2) },
    note: `sent while the ${cases} recordings ran, by collection: ${most}`,
  }, ...(cpu.server === null || bareCpu.server === null ? [] : [{
    group: 'alerts', name: 'FerretDB CPU time per recording of a warning', unit: 'ms', lowerIsBetter: true,
    value: round(cpu.server / cases, 2), baseline: { name: 'a bare one-document insert', value: round(bareCpu.server / cases, 2) },
    note: `the emptying of superseded version rows included; the recording process beside it ${round(cpu.client / cases, 2)} ms (bare inserts ${round(bareCpu.client / cases, 2)} ms)`,
  }])];
}

/**
 * A clerk's step, recorded as the worker records it (at once, the lists written before the
 * recording completes): N cases at the undertaker's step each hand it to the reviewer, one
 * after another, after their placement at the undertaker's step by the same process (as the
 * case's acceptance before it). The commands FerretDB is sent per recording, against a bare
 * one-document insert.
 */
export async function stepFigures(db: Connection, cases: number): Promise<Figure[]> {
  const deps = { db, utcOffsetMinutes: 480 };
  const caseNos = Array.from({ length: cases }, (_, i) => `ST${String(i).padStart(9, '0')}`);
  const step = (caseNo: string, seq: number, type: string) => ({ ...event(caseNo, seq, type), actorId: 'clerk-1', nodeId: 'undertaker' });
  for (const caseNo of caseNos) {
    await recordCaseEvents(deps, { events: [event(caseNo, 1, 'submitted'), step(caseNo, 2, 'accepted')], readModel: readModel(caseNo, 2, 'normal', 'undertaker') });
  }
  const commands = await commandsDuring(db, async () => {
    for (const caseNo of caseNos) {
      await recordCaseEvents(deps, { events: [step(caseNo, 3, 'stepCompleted'), event(caseNo, 4, 'stepStarted')], readModel: readModel(caseNo, 4, 'normal', 'reviewer') });
    }
  });
  const most = [...commands].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([c, n]) => `${c} ${round(n / cases, 2)}`).join(', ');
  return [{
    group: 'alerts', name: "FerretDB commands per recording of a clerk's step", unit: 'commands', lowerIsBetter: true,
    value: round(total(commands) / cases, 2), baseline: { name: 'a bare one-document insert', value: 1 },
    note: `${cases} cases one after another, each handing its step from the undertaker to the reviewer, by collection: ${most}`,
  }];
}

async function run(): Promise<void> {
  const n = Number(process.argv[2] ?? 1000);
  const concurrency = Number(process.argv[3] ?? LOCAL_WRITERS);
  await withScratchFerretDb('record', { monitorCommands: true }, async (db, server) => {
    for (const f of [...(await recordFigures(db, n, concurrency, server.pid)), ...(await stepFigures(db, 200))]) {
      console.log(`${f.name}: ${f.value} ${f.unit}; ${f.baseline?.name} ${f.baseline?.value} ${f.unit} (${round(f.value / (f.baseline?.value ?? 1), 2)}×); ${f.note ?? ''}`);
    }
  });
}

if (process.argv[1]?.endsWith('record.bench.ts')) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
