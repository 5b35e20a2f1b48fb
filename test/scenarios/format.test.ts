import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioFormatError } from './support/format';
import { advanceFrom, parseLocal, scenarioCalendar, showLocal } from './support/scenario-time';
import { CYCLE_MS, cyclesFor, shiftCalendar } from './support/time-shift';

const bad = `name: A scenario with mistakes
definition: sequential-licence
start: 2026-09-29 09:00
steps:
  - at: 2026-09-29 10:00
  - act: accept
  - act: approve
    as: approver
    refused: NOT_A_CODE
  - expect: { status: running, colour: red }
  - at: 2026-09-30
    advance: 1 working day
`;

describe('scenario format', () => {
  it('names the line and field of every mistake', () => {
    let message = '';
    try {
      parseScenario(bad, 'bad.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioFormatError);
      message = (error as Error).message;
    }
    expect(message).toContain("bad.yaml:6: /steps/1 'act' needs 'as'");
    expect(message).toMatch(/bad\.yaml:9: \/steps\/2\/refused must be equal to one of the allowed values: .*"ROLE_NOT_ALLOWED"/);
    expect(message).toMatch(/bad\.yaml:10: \/steps\/3\/expect unknown field 'colour'/);
    expect(message).toMatch(/bad\.yaml:10: \/steps\/3\/expect\/status must be equal to one of the allowed values/);
    expect(message).toContain('bad.yaml:11: /steps/4 needs exactly one of');
  });

  it('parses every scenario of the suite', () => {
    const dir = import.meta.dirname;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      expect(() => parseScenario(readFileSync(join(dir, file), 'utf8'), file)).not.toThrow();
    }
  });
});

describe('the date shift', () => {
  const calendar = scenarioCalendar(undefined);

  it('moves whole 28-year cycles: same weekday, same month and day, same holidays', () => {
    const start = parseLocal(calendar, '2026-09-30 09:00');
    const cycles = cyclesFor(start, parseLocal(calendar, '2026-11-22 10:00'));
    expect(cycles).toBe(1);
    const shifted = start + cycles * CYCLE_MS;
    expect(showLocal(calendar, shifted)).toBe('2054-09-30 09:00');
    expect(new Date(shifted).getUTCDay()).toBe(new Date(start).getUTCDay());
    const year = shiftCalendar(calendar, cycles).years.find((y) => y.year === 2054);
    expect(year?.holidays).toContain('2054-10-01');
    expect(year?.workdays).toEqual(['2054-01-04', '2054-02-14', '2054-02-28', '2054-05-09', '2054-09-20', '2054-10-10']);
  });

  it('advances working days over National Day and its 调休 Saturday', () => {
    const from = parseLocal(calendar, '2026-09-30 10:00');
    expect(showLocal(calendar, advanceFrom(calendar, from, '1 working day'))).toBe('2026-10-08 10:00');
    expect(showLocal(calendar, advanceFrom(calendar, from, '3 working days'))).toBe('2026-10-10 10:00');
    expect(showLocal(calendar, advanceFrom(calendar, from, '2 days'))).toBe('2026-10-02 10:00');
  });
});
