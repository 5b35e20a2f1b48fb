import { describe, expect, it } from 'vitest';
import { newItem } from '../../designer/src/designer/defaults';
import { previewSchedule } from '../../designer/src/designer/preview';
import { defaultCalendar } from '../../domain';

/** The national calendar the API serves when nothing else is published. */
const calendar = defaultCalendar();

describe('deadline preview', () => {
  it('shows the warning, yellow and red days of a case accepted on a Monday', () => {
    const item = { ...newItem(), promisedLimit: { value: 10, unit: 'working-day' as const }, statutoryLimit: { value: 20, unit: 'working-day' as const }, redCardGraceDays: 3 };
    const preview = previewSchedule(item, '2026-03-02', calendar);
    expect(preview.deadline).toBe('2026-03-16');
    expect(preview.warning).toBe('2026-03-16');
    expect(preview.yellow).toBe('2026-03-17');
    expect(preview.red).toBe('2026-03-20');
    expect(preview.statutory).toBe('2026-03-30');
    expect(preview.marks.get('2026-03-02')).toBe('start');
    expect(preview.provisional).toBe(false);
  });

  it('skips the Spring Festival holiday of 2026', () => {
    const item = { ...newItem(), promisedLimit: { value: 3, unit: 'working-day' as const } };
    const preview = previewSchedule(item, '2026-02-13', calendar);
    // 2026-02-14 (Saturday) is an adjusted working day; 15–23 February are the holiday.
    expect(preview.deadline).toBe('2026-02-25');
  });
});
