import { describe, expect, it } from 'vitest';
import { ClockError, openPauses, pauseClock, resumeClock, startClock, stopClock, type ClockState } from '../../../domain/index';
import { bj } from '../shanghai';

const started = startClock(bj('2026-03-02 09:00'));

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (error) {
    if (error instanceof ClockError) return error.code;
    throw error;
  }
  return undefined;
}

describe('clock transitions', () => {
  it('keeps a ledger without touching the state it is given', () => {
    const paused = pauseClock(started, 'supplement', bj('2026-03-03 10:00'), 'notice-1');
    const resumed = resumeClock(paused, 'supplement', bj('2026-03-05 10:00'));
    expect(started.pauses).toEqual([]);
    expect(openPauses(paused)).toEqual([{ reason: 'supplement', from: bj('2026-03-03 10:00'), ref: 'notice-1' }]);
    expect(resumed.pauses).toEqual([{ reason: 'supplement', from: bj('2026-03-03 10:00'), to: bj('2026-03-05 10:00'), ref: 'notice-1' }]);
  });

  it('allows overlapping pauses of different reasons and parallel ones told apart by ref', () => {
    let clock = pauseClock(started, 'special-procedure', bj('2026-03-03 10:00'), 'expert-review');
    clock = pauseClock(clock, 'special-procedure', bj('2026-03-03 11:00'), 'site-inspection');
    clock = pauseClock(clock, 'suspension', bj('2026-03-04 09:00'));
    clock = resumeClock(clock, 'special-procedure', bj('2026-03-05 09:00'), 'site-inspection');
    expect(openPauses(clock).map((p) => p.ref ?? p.reason)).toEqual(['expert-review', 'suspension']);
  });

  it('closes open pauses when the clock stops (终止 while 中止)', () => {
    const stopped = stopClock(pauseClock(started, 'suspension', bj('2026-03-03 10:00')), bj('2026-03-10 10:00'));
    expect(stopped).toEqual({
      startedAt: bj('2026-03-02 09:00'),
      stoppedAt: bj('2026-03-10 10:00'),
      pauses: [{ reason: 'suspension', from: bj('2026-03-03 10:00'), to: bj('2026-03-10 10:00') }],
    });
  });

  it.each<[string, string, () => unknown]>([
    ['not-paused', 'resume without a pause', () => resumeClock(started, 'supplement', bj('2026-03-03 10:00'))],
    ['not-paused', 'resume another reason', () =>
      resumeClock(pauseClock(started, 'suspension', bj('2026-03-03 10:00')), 'supplement', bj('2026-03-04 10:00'))],
    ['already-stopped', 'pause after stop', () =>
      pauseClock(stopClock(started, bj('2026-03-04 10:00')), 'supplement', bj('2026-03-05 10:00'))],
    ['already-stopped', 'stop twice', () => stopClock(stopClock(started, bj('2026-03-04 10:00')), bj('2026-03-05 10:00'))],
    ['time-backwards', 'pause before the start', () => pauseClock(started, 'supplement', bj('2026-03-01 10:00'))],
    ['time-backwards', 'resume before the pause', () =>
      resumeClock(pauseClock(started, 'supplement', bj('2026-03-04 10:00')), 'supplement', bj('2026-03-03 10:00'))],
    ['time-backwards', 'stop before the last resume', () =>
      stopClock(resumeClock(pauseClock(started, 'supplement', bj('2026-03-04 10:00')), 'supplement', bj('2026-03-06 10:00')), bj('2026-03-05 10:00'))],
    ['already-paused', 'the same pause twice', () =>
      pauseClock(pauseClock(started, 'supplement', bj('2026-03-03 10:00')), 'supplement', bj('2026-03-04 10:00'))],
    ['ambiguous-resume', 'resume without ref among parallel pauses', () =>
      resumeClock(
        pauseClock(pauseClock(started, 'special-procedure', bj('2026-03-03 10:00'), 'a'), 'special-procedure', bj('2026-03-03 11:00'), 'b'),
        'special-procedure', bj('2026-03-04 10:00'))],
    ['not-started', 'pause a clock that never started', () =>
      pauseClock({ startedAt: null, pauses: [] } satisfies ClockState, 'supplement', bj('2026-03-03 10:00'))],
    ['invalid-instant', 'start at NaN', () => startClock(Number.NaN)],
  ])('refuses with %s: %s', (code, _name, transition) => {
    expect(codeOf(transition)).toBe(code);
  });
});
