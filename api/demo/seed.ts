import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { computeSchedule } from '../../domain/ladder/schedule';
import type { AlertLevel } from '../../domain/ladder/types';
import { departmentModel } from '../../db/models/department';
import { TokenService } from '../auth/tokens';
import { effectiveCalendar } from '../../db/queries/calendar';
import { runAction } from '../cases/actions';
import { startCase } from '../cases/service';
import type { ApiContext } from '../context';
import { publish, saveDraft } from '../definitions/service';
import type { Principal } from '../http/principal';
import { ingest } from '../ingest/service';
import type { ApiSettings } from '../settings';
import { hashPassword } from '../auth/passwords';
import { createDepartment } from '../users/departments';
import { createUser } from '../users/service';
import construction from './items/construction-permit.json';
import food from './items/food-business-licence.json';
import hygiene from './items/public-place-hygiene-licence.json';

export interface DemoDeps {
  db: Connection;
  temporal: Client;
  logger: Logger;
  settings: ApiSettings;
  password: string;
}

const DEPARTMENTS = [
  { code: 'health-commission', name: '市卫生健康委员会' },
  { code: 'market-supervision', name: '市市场监督管理局' },
  { code: 'housing-construction', name: '市住房和城乡建设局' },
  { code: 'fire-rescue', name: '市消防救援支队' },
  { code: 'civil-air-defence', name: '市人民防空办公室' },
];
const ALL_POSITIONS = ['acceptor', 'undertaker', 'reviewer', 'approver'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const seeder: Principal = { userId: 'demo', username: 'demo-seed', name: '演示数据', roles: ['administrator'], department: null, positions: [] };

/** An acceptance instant (10:00 local, k days ago) whose processing clock is at `level` now. */
async function acceptedAtFor(ctx: ApiContext, level: AlertLevel, limits: { promisedDays: number; statutoryDays: number; redCardGraceDays: number }) {
  const calendar = await effectiveCalendar(ctx.db, ctx.settings);
  const now = ctx.now();
  const today10 = Math.floor((now + calendar.utcOffsetMinutes * 60_000) / DAY) * DAY - calendar.utcOffsetMinutes * 60_000 + 10 * HOUR;
  for (let k = 0; k < 120; k++) {
    const startedAt = today10 - k * DAY;
    if (startedAt > now) continue;
    const schedule = computeSchedule({ now, limits, processing: { startedAt, pauses: [] } }, calendar);
    if (schedule.alertLevel === level) return startedAt;
  }
  return today10 - 60 * DAY;
}

/**
 * Seeds the demonstration data once (when no department exists): departments, users of
 * every role, three published items, and cases in every alert state. Late cases come in
 * through the data-collection interface, as a 前置机 would report them, with their real
 * past instants; a few native cases are registered at the window.
 */
export async function seedDemo(deps: DemoDeps): Promise<void> {
  const ctx: ApiContext = {
    ...deps,
    tokens: new TokenService(deps.settings.jwtSecret, deps.settings.tokenTtlMinutes),
    now: Date.now,
  };
  if ((await departmentModel(ctx.db).estimatedDocumentCount()) > 0) return;
  for (const department of DEPARTMENTS) await createDepartment(ctx.db, department, `demo:${department.code}`);
  const people = [
    { username: 'jiancha', name: '监察室 王监察', roles: ['supervisor'] as const },
    { username: 'shenji', name: '审计 李审计', roles: ['auditor'] as const },
    ...DEPARTMENTS.flatMap((d) => [
      { username: `${d.code}-clerk`, name: `${d.name} 承办人`, roles: ['clerk'] as const, department: d.code, positions: ALL_POSITIONS },
      { username: `${d.code}-officer`, name: `${d.name} 监察员`, roles: ['department-officer'] as const, department: d.code },
    ]),
    { username: 'market-window', name: '市场监管 窗口', roles: ['clerk'] as const, department: 'market-supervision', positions: ['acceptor'] },
  ];
  const users = new Map<string, Principal>();
  const passwordHash = await hashPassword(deps.password);
  for (const p of people) {
    const positions = ('positions' in p ? p.positions : undefined) ?? [];
    users.set(p.username, await createUser(ctx.db, { ...p, roles: [...p.roles], positions, passwordHash }, `demo:${p.username}`));
  }

  for (const definition of [hygiene, food, construction]) {
    const draft = await saveDraft(ctx.db, definition.item.code, definition, undefined, seeder, `demo:${definition.item.code}`);
    await publish(ctx.db, definition.item.code, draft.revision, seeder, ctx.now(), `demo:${definition.item.code}`);
  }

  const limits = { promisedDays: hygiene.item.promisedLimit.value, statutoryDays: hygiene.item.statutoryLimit.value, redCardGraceDays: hygiene.item.redCardGraceDays };
  const frontEnd = { systemId: 'demo-qianzhiji', name: '卫健委审批系统(前置机)', departments: ['health-commission'] };
  const levels: AlertLevel[] = ['normal', 'warning', 'yellow', 'red'];
  const events: object[] = [];
  for (const [i, level] of levels.entries()) {
    const acceptedAt = await acceptedAtFor(ctx, level, limits);
    const caseNo = `WJ2026-${String(i + 1).padStart(4, '0')}`;
    const base = { caseNo, itemCode: hygiene.item.code };
    events.push(
      { ...base, eventId: `${caseNo}-1`, sequence: 1, type: 'submitted', occurredAt: new Date(acceptedAt - 2 * HOUR).toISOString(), applicant: { name: `演示申请单位 ${i + 1}`, kind: 'organisation' } },
      { ...base, eventId: `${caseNo}-2`, sequence: 2, type: 'accepted', occurredAt: new Date(acceptedAt).toISOString(), actor: { userId: 'wsj-001', name: '窗口 陈' } },
    );
  }
  const concludedNo = 'WJ2026-0005';
  const concludedStart = ctx.now() - 14 * DAY;
  const step = (n: number, type: string, extra: object = {}) => ({
    caseNo: concludedNo, itemCode: hygiene.item.code, eventId: `${concludedNo}-${n}`, sequence: n, type,
    occurredAt: new Date(concludedStart + n * DAY).toISOString(), ...extra,
  });
  events.push(
    step(1, 'submitted', { applicant: { name: '演示申请单位 5', kind: 'organisation' } }),
    step(2, 'accepted'),
    step(3, 'stepCompleted', { nodeId: 'undertake', action: 'complete' }),
    step(4, 'stepCompleted', { nodeId: 'review', action: 'complete' }),
    step(5, 'stepCompleted', { nodeId: 'approve', action: 'approve' }),
    step(6, 'concluded', { nodeId: 'conclude' }),
  );
  // The demo reports a made-up history at once, as a migration would: it keeps its reported times.
  const backfill = { ...ctx, settings: { ...ctx.settings, externalReportToleranceDays: 30 } };
  const ingested = await ingest(backfill, events, frontEnd);
  deps.logger.info({ accepted: ingested.accepted, rejected: ingested.rejected }, 'demo: external cases reported');

  const window = users.get('market-window') as Principal;
  const clerk = users.get('market-supervision-clerk') as Principal;
  const data = { operatorName: '演示餐饮有限公司', creditCode: '91330100MA2DEMO01X', premisesAddress: '杭州市上城区解放路 100 号', mainBusiness: 'catering' };
  const first = await startCase(ctx, { itemCode: food.item.code, applicant: { name: '演示餐饮有限公司', kind: 'organisation' }, data }, clerk);
  await startCase(ctx, { itemCode: food.item.code, applicant: { name: '演示便利店', kind: 'organisation' }, data: { ...data, operatorName: '演示便利店', mainBusiness: 'retail' } }, clerk);
  // Needs a worker; at first start the worker may still be starting, so this one may wait for later.
  await runAction(ctx, first.caseNo, 'accept', {}, 'demo-accept-1', window).catch((err: unknown) => {
    deps.logger.warn({ err, caseNo: first.caseNo }, 'demo: acceptance at the window left for later');
  });
  deps.logger.info({ users: [...users.keys()], password: 'as configured (ADMIN_PASSWORD or sunlight-demo)' }, 'demo data seeded');
}
