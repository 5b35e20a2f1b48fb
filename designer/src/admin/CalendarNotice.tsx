import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { missingNextYear } from '../../../domain/calendar/notice';
import { readCalendar } from '../api/admin';
import { useRemote } from '../ui/useRemote';

const useVersion = create<{ version: number; bump(): void }>((set) => ({ version: 0, bump: () => set((s) => ({ version: s.version + 1 })) }));

/** The year whose calendar is missing (from 1 November), shared by every page; `reload` after a publication. */
export function useCalendarNotice(): { year: number | null; reload(): void } {
  const { version, bump } = useVersion();
  const remote = useRemote(async () => {
    const now = Date.now();
    const calendar = await readCalendar(new Date(now).getFullYear() + 1);
    return missingNextYear(calendar, now);
  }, [version]);
  return { year: remote.data ?? null, reload: bump };
}

/** The banner every signed-in page shows while next year's calendar is missing. */
export function CalendarNotice() {
  const { t } = useTranslation();
  const { year } = useCalendarNotice();
  if (year === null) return null;
  return <p className="banner banner--warning no-print" role="status" data-testid="calendar-notice">{t('admin.notice', { year })}</p>;
}

/** 暂定 beside a deadline that crosses into a year without a published calendar (the schedule's `provisional`). */
export function ProvisionalMark({ provisional }: { provisional: boolean | undefined }) {
  const { t } = useTranslation();
  return provisional ? <span className="tag tag--provisional" data-testid="provisional"> {t('admin.provisional')}</span> : null;
}
