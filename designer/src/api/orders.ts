import type { FINDINGS as ContractFindings, MEASURES as ContractMeasures, RESPONSIBILITIES as ContractResponsibilities } from '../../../workflows/supervision-order/contract';
import type { OversightAlertKind } from '../../../activities/contract/oversight-records';
import { api } from './client';

/** Supervision orders (督办, api/supervision-orders). Instants are ISO strings. */
type Iso = string;

// The workflow contract's lists; `satisfies` keeps these in step with it without bundling the workflow code.
export const FINDINGS = ['substantiated', 'partly-substantiated', 'unsubstantiated'] as const satisfies typeof ContractFindings;
export const RESPONSIBILITIES = ['none', 'individual', 'department', 'leadership'] as const satisfies typeof ContractResponsibilities;
export const MEASURES = ['none', 'reminder', 'criticism', 'rectification', 'accountability'] as const satisfies typeof ContractMeasures;
export const ORDER_STATUSES = ['open', 'answered', 'concluded'] as const;
export const LADDER_LEVELS = ['normal', 'warning', 'yellow', 'red'] as const;

export type Finding = (typeof FINDINGS)[number];
export type Responsibility = (typeof RESPONSIBILITIES)[number];
export type Measure = (typeof MEASURES)[number];
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type LadderLevel = (typeof LADDER_LEVELS)[number];

export interface OrderSummary {
  orderId: string;
  caseNo: string;
  alertId?: string | null;
  itemCode?: string;
  department: string;
  title: string;
  status: OrderStatus;
  level: LadderLevel;
  openedBy?: string;
  openedAt: Iso;
  responseDeadline: Iso;
  answeredAt?: Iso | null;
  answeredOnTime?: boolean | null;
  concludedAt?: Iso | null;
  finding?: Finding | null;
  provisional?: boolean;
}

/** A raised rung of an order's or a complaint's ladder. */
export interface LadderAlert {
  id: string;
  key: string;
  kind: OversightAlertKind;
  level: Exclude<LadderLevel, 'normal'>;
  at: Iso;
  thresholdAt: Iso;
}

/** One recorded event of an order or a complaint. */
export interface OversightEntry {
  seq: number;
  at: Iso;
  type: string;
  summary: string;
  actorId: string | null;
  actorName?: string | null;
  /** The event's data (finding, channel, the alert or notice…) that ui/describe renders. */
  payload?: Record<string, unknown>;
}

type Person = { userId: string; name?: string };

/** The workflow's view of the order, while it can be asked. */
export interface LiveOrder {
  orderId: string;
  caseNo: string;
  department: string;
  title: string;
  requirement: string;
  openedBy: Person;
  openedAt: Iso;
  responseDays: number;
  responseDeadline: Iso;
  provisional: boolean;
  status: OrderStatus;
  level: LadderLevel;
  answer: { by: Person; at: Iso; answer: string; measuresTaken?: string; onTime: boolean; workingDays: number } | null;
  conclusion: {
    by: Person;
    at: Iso;
    finding: Finding;
    responsibility: Responsibility;
    measure: Measure;
    comment?: string;
    responsiveness: 'on-time' | 'late' | 'unanswered';
    responseWorkingDays: number;
    lateWorkingDays: number;
  } | null;
  alerts: LadderAlert[];
  next: { key: string; at: Iso } | null;
}

export interface OrderDetail {
  order: OrderSummary | null;
  live: LiveOrder | null;
  timeline: OversightEntry[];
}

export interface OrderFilters {
  status?: OrderStatus | '';
  department?: string;
  caseNo?: string;
  level?: LadderLevel | '';
  overdue?: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function listOrders(filters: OrderFilters, cursor?: string, limit = 50): Promise<Page<OrderSummary>> {
  return api<Page<OrderSummary>>('/supervision-orders', { query: { ...filters, overdue: filters.overdue || undefined, cursor, limit } });
}

export function getOrder(orderId: string): Promise<OrderDetail> {
  return api<OrderDetail>(`/supervision-orders/${encodeURIComponent(orderId)}`);
}

export interface OrderActionResult {
  orderId: string;
  status: OrderStatus;
  at: Iso;
}

export interface AnswerInput {
  answer: string;
  measuresTaken?: string;
}

export interface ConclusionInput {
  finding?: Finding;
  responsibility?: Responsibility;
  measure?: Measure;
  comment?: string;
}

/** The department's supervision officer answers; the key makes a repeated click the first answer. */
export function answerOrder(orderId: string, body: AnswerInput, idempotencyKey: string): Promise<OrderActionResult> {
  return api(`/supervision-orders/${encodeURIComponent(orderId)}/answer`, { method: 'POST', body, idempotencyKey });
}

/** A supervisor concludes with a finding, the responsibility and the measure taken. */
export function concludeOrder(orderId: string, body: ConclusionInput, idempotencyKey: string): Promise<OrderActionResult> {
  return api(`/supervision-orders/${encodeURIComponent(orderId)}/conclude`, { method: 'POST', body, idempotencyKey });
}

export interface OpenedOrder {
  orderId: string;
  caseNo: string;
  department: string;
  responseDays: number;
  openedAt: Iso;
  responseDeadline: Iso;
}

/** A supervisor opens an order on a case; the key makes a repeated click the same order. */
export function openOrder(body: { caseNo: string; title: string; requirement: string; responseDays: number }, idempotencyKey: string): Promise<OpenedOrder> {
  return api('/supervision-orders', { method: 'POST', body, idempotencyKey });
}
