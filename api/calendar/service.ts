import { calendarYears, checkWorkCalendar, type CalendarYear, type LocalAdjustment, type WorkCalendar } from '../../domain/calendar/index';
import { calendarAdjustmentModel, calendarYearModel } from '../../db/models/calendar';
import { isDuplicateKey } from '../../db/errors';
import { effectiveCalendar } from '../../db/queries/calendar';
import { calendarChangedSignal } from '../../workflows/case/contract';
import type { ApiContext } from '../context';
import { badRequest, notFound, unprocessable } from '../http/errors';
import type { Principal } from '../http/principal';
import { runningCalendarWorkflowIds, signalAll } from '../temporal';

export async function readCalendar(ctx: ApiContext, from?: number, to?: number): Promise<WorkCalendar> {
  return calendarYears(await effectiveCalendar(ctx.db, ctx.settings), { from, to });
}

/** Refuses what the schema cannot catch (impossible dates, a holiday that is also a workday, …). */
function assertConsistent(calendar: WorkCalendar, where: (path: string) => string | null): void {
  const problems = checkWorkCalendar(calendar).flatMap((issue) => {
    const pointer = where(issue.path);
    return pointer === null ? [] : [{ in: 'body' as const, pointer, detail: issue.message }];
  });
  if (problems.length > 0) throw badRequest('The calendar is inconsistent.', problems);
}

/**
 * Writes a change, then tells every running case, supervision order, complaint, anomaly,
 * consultation and rating follow-up to recompute its deadlines on the calendar now in force.
 * They are listed before the write,
 * so an outage of Temporal answers 503 with nothing changed.
 */
/**
 * Sets every field of a published year or day (last publication wins by design: it leaves one
 * of two simultaneous publications whole). Two first publications at once both insert; the
 * loser's duplicate key is retried once and then finds the document to set.
 */
async function setWhole(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await write();
  }
}

async function publishThen(ctx: ApiContext, changed: string, write: () => Promise<void>) {
  const ids = await runningCalendarWorkflowIds(ctx);
  await write();
  const calendar = await effectiveCalendar(ctx.db, ctx.settings);
  const result = await signalAll(ctx, ids, calendarChangedSignal, { calendar, reason: `calendar ${changed} published` });
  ctx.logger.info({ changed, runningCases: ids.length, ...result }, 'calendar published');
  return { changed, runningCases: ids.length, ...result };
}

export async function publishYear(ctx: ApiContext, year: CalendarYear, user: Pick<Principal, 'username'>) {
  const current = await effectiveCalendar(ctx.db, ctx.settings);
  const others = current.years.filter((y) => y.year !== year.year);
  assertConsistent({ ...current, years: [...others, year], adjustments: [] }, (path) =>
    path.startsWith(`/years/${others.length}/`) ? path.replace(`/years/${others.length}`, '') : null,
  );
  return publishThen(ctx, String(year.year), async () => {
    await setWhole(() => calendarYearModel(ctx.db).updateOne({ year: year.year }, { $set: { ...year, publishedBy: user.username } }, { upsert: true }));
  });
}

export async function publishAdjustment(ctx: ApiContext, adjustment: LocalAdjustment, user: Pick<Principal, 'username'>) {
  const issues = checkWorkCalendar({ timeZone: ctx.settings.timeZone, utcOffsetMinutes: ctx.settings.utcOffsetMinutes, years: [], adjustments: [adjustment] });
  if (issues.length > 0) throw badRequest('The date is not a calendar date.', [{ in: 'path', pointer: '/date', detail: issues[0]?.message ?? 'is invalid' }]);
  return publishThen(ctx, adjustment.date, async () => {
    await setWhole(() => calendarAdjustmentModel(ctx.db).updateOne({ date: adjustment.date }, { $set: { ...adjustment, publishedBy: user.username } }, { upsert: true }));
  });
}

/** Withdraws an adjustment; `again` (a repeat of a removal that may have happened) finds none without complaint. */
export async function removeAdjustment(ctx: ApiContext, date: string, again = false) {
  if (!again && !(await calendarAdjustmentModel(ctx.db).exists({ date }))) throw notFound(`Adjustment of ${date}`);
  return publishThen(ctx, date, async () => {
    await calendarAdjustmentModel(ctx.db).deleteOne({ date });
  });
}

export function assertYearMatches(pathYear: number, bodyYear: number): void {
  if (pathYear !== bodyYear) throw unprocessable('year-mismatch', `The body is for ${bodyYear}, the path for ${pathYear}.`);
}
