import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CHINESE_DAYS_SOURCE, calendarYearSchema, checkWorkCalendar, defaultCalendar, workCalendarSchema,
  type CalendarYear, type LocalAdjustment, type WorkCalendar,
} from '../../../domain/index';

const cal = defaultCalendar();

describe('defaultCalendar', () => {
  it('holds 2026 as the State Council published it (国办发明电〔2025〕7号)', () => {
    const y2026 = cal.years.find((y) => y.year === 2026);
    expect(y2026?.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(y2026?.holidays).toEqual([
      '2026-01-01', '2026-01-02', '2026-01-03',
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
      '2026-04-04', '2026-04-05', '2026-04-06',
      '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
      '2026-06-19', '2026-06-20', '2026-06-21',
      '2026-09-25', '2026-09-26', '2026-09-27',
      '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
    ]);
    expect(y2026).toMatchObject({ published: true, source: CHINESE_DAYS_SOURCE });
  });

  it('covers 2004–2026, published, and passes its own checks', () => {
    expect(cal.years.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(cal.years.every((y) => y.published)).toBe(true);
    expect(checkWorkCalendar(cal)).toEqual([]);
  });

  it('names the installed package version in its source', () => {
    const { version } = JSON.parse(readFileSync('node_modules/chinese-days/package.json', 'utf8')) as { version: string };
    expect(CHINESE_DAYS_SOURCE).toContain(`chinese-days ${version}`);
  });

  it('is shared and frozen per zone, so the per-calendar index stays warm', () => {
    expect(defaultCalendar()).toBe(cal);
    expect(Object.isFrozen(cal.years[0]?.holidays)).toBe(true);
    expect(defaultCalendar({ timeZone: 'Asia/Urumqi', utcOffsetMinutes: 360 })).toMatchObject({ utcOffsetMinutes: 360 });
    expect(() => defaultCalendar({ utcOffsetMinutes: 7.5 })).toThrow(expect.objectContaining({ code: 'invalid-offset' }));
  });
});

describe('workCalendarSchema', () => {
  const ajv = new Ajv2020({ allErrors: true });
  const validateCalendar = ajv.compile(workCalendarSchema);
  const validateYear = ajv.compile(calendarYearSchema);

  it('accepts the default calendar and a published year', () => {
    expect(validateCalendar(structuredClone(cal))).toBe(true);
    expect(validateYear({ year: 2027, holidays: ['2027-01-01'], workdays: [], published: false, source: 'draft' })).toBe(true);
  });

  it('rejects malformed dates, unknown fields and a missing source', () => {
    expect(validateYear({ year: 2027, holidays: ['2027-1-1'], workdays: [], published: true, source: 'x' })).toBe(false);
    expect(validateYear({ year: 2027, holidays: [], workdays: [], published: true, source: 'x', extra: 1 })).toBe(false);
    expect(validateYear({ year: 2027, holidays: [], workdays: [], published: true })).toBe(false);
  });

  it('leaves semantic mistakes to checkWorkCalendar', () => {
    const year = { year: 2027, holidays: ['2027-02-30', '2026-12-31', '2027-01-09'], workdays: ['2027-01-09', '2027-01-04'], published: true, source: 'x' };
    const calendar = { ...cal, years: [year, year], adjustments: [] };
    expect(validateCalendar(calendar)).toBe(true);
    expect(checkWorkCalendar(calendar).filter((i) => i.path.startsWith('/years/0/'))).toEqual([
      { path: '/years/0/holidays/0', message: '2027-02-30 is not a calendar date' },
      { path: '/years/0/holidays/1', message: '2026-12-31 is not in 2027' },
      { path: '/years/0/workdays/0', message: '2027-01-09 is both a holiday and a working day' },
      { path: '/years/0/workdays/1', message: '2027-01-04 is a weekday already' },
    ]);
    expect(checkWorkCalendar(calendar)).toContainEqual({ path: '/years/1/year', message: '2027 appears twice' });
  });

  it('derives types equal to the documented interfaces', () => {
    expectTypeOf<CalendarYear>().toEqualTypeOf<{
      year: number; holidays: string[]; workdays: string[]; published: boolean; source: string;
    }>();
    expectTypeOf<LocalAdjustment>().toEqualTypeOf<{ date: string; working: boolean; reason: string; source: string }>();
    expectTypeOf<WorkCalendar>().toEqualTypeOf<{
      timeZone: string; utcOffsetMinutes: number; years: CalendarYear[]; adjustments: LocalAdjustment[];
    }>();
  });
});
