import type { FromSchema } from 'json-schema-to-ts';
import { localDateOf } from '../../domain/calendar/local-date';
import type { Pause } from '../../domain/clock/types';
import { limitsOf } from '../../domain/ladder/limits';
import { computeSchedule } from '../../domain/ladder/schedule';
import type { ScheduleLimits } from '../../domain/ladder/types';
import { effectiveCalendar } from '../../db/queries/calendar';
import type { ApiContext } from '../context';
import { readVersion } from '../definitions/versions';
import { badRequest } from '../http/errors';
import type { previewBody } from './schema';

const iso = (at: number) => new Date(at).toISOString();

/** The limits of an item's latest published version. */
export async function itemLimits(ctx: ApiContext, itemCode: string): Promise<ScheduleLimits> {
  return limitsOf((await readVersion(ctx.db, itemCode)).definition.item);
}

/** The full schedule of a case started at `startAt` with these pauses: what the receipt prints. */
export async function previewDeadlines(ctx: ApiContext, body: FromSchema<typeof previewBody>) {
  const limits = body.limits ?? (await itemLimits(ctx, body.itemCode as string));
  const startedAt = Date.parse(body.startAt);
  const pauses: Pause[] = (body.pauses ?? []).map((p, i) => {
    const from = Date.parse(p.from);
    const to = p.to === undefined ? undefined : Date.parse(p.to);
    if (from < startedAt || (to !== undefined && to < from)) {
      throw badRequest('A pause must lie after the start and end after it begins.', [{ in: 'body', pointer: `/pauses/${i}`, detail: 'is out of order' }]);
    }
    return { reason: p.reason, from, ...(to === undefined ? {} : { to }), ref: `p${i}` };
  });
  const now = body.now === undefined ? ctx.now() : Date.parse(body.now);
  const calendar = await effectiveCalendar(ctx.db, ctx.settings);
  const schedule = computeSchedule({ now, limits, processing: { startedAt, pauses } }, calendar);
  // The last working day is the local day that ends at the deadline (24:00).
  const dayOf = (at: number | null) => (at === null ? null : localDateOf(calendar, at - 1));
  return {
    limits,
    startAt: iso(startedAt),
    deadline: schedule.deadline === null ? null : iso(schedule.deadline),
    deadlineDate: dayOf(schedule.deadline),
    statutoryDeadline: schedule.statutoryDeadline === null ? null : iso(schedule.statutoryDeadline),
    statutoryDeadlineDate: dayOf(schedule.statutoryDeadline),
    alertLevel: schedule.alertLevel,
    thresholds: schedule.thresholds.map((t) => ({
      key: t.key, kind: t.kind, at: iso(t.at), localDate: localDateOf(calendar, t.at), provisional: t.provisional, due: t.due,
    })),
    provisional: schedule.provisional,
    provisionalYears: schedule.provisionalYears,
  };
}
