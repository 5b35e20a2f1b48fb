// Schedules per second for one long case: accepted early 2025, 20 closed pauses over two
// years, three open steps and a special procedure. Run: npx tsx bench/schedule.bench.ts
import { performance } from 'node:perf_hooks';
import { computeSchedule, defaultCalendar, type Pause, type ScheduleInput } from '../domain/index';

const DAY = 86_400_000;
const acceptedAt = Date.UTC(2025, 0, 6, 1); // 2025-01-06 09:00 Beijing time
const reasons: Pause['reason'][] = ['supplement', 'special-procedure', 'suspension'];
const pauses: Pause[] = Array.from({ length: 20 }, (_, i) => {
  const from = acceptedAt + (i * 36 + 3) * DAY + 2 * 3_600_000;
  return { reason: reasons[i % 3] ?? 'supplement', from, to: from + (3 + (i % 10)) * DAY + 5 * 3_600_000 };
});
const now = acceptedAt + 700 * DAY;
const input: ScheduleInput = {
  now,
  limits: { promisedDays: 300, statutoryDays: 450, redCardGraceDays: 5, warningHour: 9 },
  submittedAt: acceptedAt - 2 * DAY,
  processing: { startedAt: acceptedAt, pauses },
  steps: ['review', 'approve', 'countersign'].map((key, i) => ({ key, nodeId: `n-${key}`, startedAt: now - (i + 2) * DAY, limitDays: 5 + i })),
  specialProcedures: [{ key: 'sp-1', kind: 'expert-review', startedAt: now - 3 * DAY, limitDays: 15 }],
};
const calendar = defaultCalendar();

function run(iterations: number): number {
  let sink = 0;
  for (let i = 0; i < iterations; i++) sink += computeSchedule(input, calendar).thresholds.length;
  return sink;
}

const coldStart = performance.now();
const first = computeSchedule(input, calendar);
const coldMs = performance.now() - coldStart;
run(20_000);

// CPU time as well as wall time: on a shared machine the wall clock also counts other work.
const wall: number[] = [];
const cpu: number[] = [];
for (let round = 0; round < 5; round++) {
  const iterations = 50_000;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  run(iterations);
  const used = process.cpuUsage(c0);
  wall.push(iterations / ((performance.now() - t0) / 1000));
  cpu.push(iterations / ((used.user + used.system) / 1e6));
}
const fmt = (n: number | undefined) => Math.round(n ?? 0).toLocaleString('en-US');
const summary = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `median ${fmt(sorted[2])} (min ${fmt(sorted[0])}, max ${fmt(sorted[4])})`;
};

console.log(`thresholds per schedule: ${first.thresholds.length}, paused working days: ${first.processing?.pausedWorkingDays}`);
console.log(`first call (builds the calendar index): ${coldMs.toFixed(2)} ms`);
console.log(`schedules per CPU-second, 20 pauses over two years: ${summary(cpu)}`);
console.log(`schedules per wall-clock second: ${summary(wall)}`);
