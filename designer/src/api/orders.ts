import { api } from './client';
import type { OversightAlertView } from '../../../domain/oversight/ladder';
import type { SupervisionOrderView } from '../../../domain/oversight/order';
import type { IsoInstants } from '../../../domain/records/instants';
import type { Answer, Body } from './contract';

/** Supervision orders (督办, api/supervision-orders). Instants are ISO strings. */

type Conclusion = Body<'concludeSupervisionOrder'>;
export type Finding = Conclusion['finding'];
export type Responsibility = Conclusion['responsibility'];
export type Measure = Conclusion['measure'];
export type OrderSummary = Answer<'listSupervisionOrders'>['items'][number];
export type OrderStatus = OrderSummary['status'];
export type LadderLevel = OrderSummary['level'];

// The schema's lists in the order the forms offer them; `satisfies` ties each value to the schema.
export const FINDINGS = ['substantiated', 'partly-substantiated', 'unsubstantiated'] as const satisfies readonly Finding[];
export const RESPONSIBILITIES = ['none', 'individual', 'department', 'leadership'] as const satisfies readonly Responsibility[];
export const MEASURES = ['none', 'reminder', 'criticism', 'rectification', 'accountability'] as const satisfies readonly Measure[];
export const ORDER_STATUSES = ['open', 'answered', 'concluded'] as const satisfies readonly OrderStatus[];
export const LADDER_LEVELS = ['normal', 'warning', 'yellow', 'red'] as const satisfies readonly LadderLevel[];

/** A raised rung of an order's or a complaint's ladder. */
export type LadderAlert = IsoInstants<OversightAlertView>;

/** One recorded event of an order or a complaint. */
export type OversightEntry = Answer<'readSupervisionOrder'>['timeline'][number];

/** The workflow's view of the order, while it can be asked (domain/oversight, instants as ISO strings). */
export type LiveOrder = IsoInstants<SupervisionOrderView>;

/** An order's detail; `live` is the workflow's view, which the schema leaves open: its type is the domain's. */
export type OrderDetail = Omit<Answer<'readSupervisionOrder'>, 'live'> & { live: LiveOrder | null };

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

export type OrderActionResult = Answer<'answerSupervisionOrder'>;
export type AnswerInput = Body<'answerSupervisionOrder'>;
export type ConclusionInput = Partial<Conclusion>;

/** The department's supervision officer answers; the key makes a repeated click the first answer. */
export function answerOrder(orderId: string, body: AnswerInput, idempotencyKey: string): Promise<OrderActionResult> {
  return api(`/supervision-orders/${encodeURIComponent(orderId)}/answer`, { method: 'POST', body, idempotencyKey });
}

/** A supervisor concludes with a finding, the responsibility and the measure taken. */
export function concludeOrder(orderId: string, body: ConclusionInput, idempotencyKey: string): Promise<OrderActionResult> {
  return api(`/supervision-orders/${encodeURIComponent(orderId)}/conclude`, { method: 'POST', body, idempotencyKey });
}

export type OpenedOrder = Answer<'openSupervisionOrder', 201>;

/** A supervisor opens an order on a case; the key makes a repeated click the same order. */
export function openOrder(body: { caseNo: string; title: string; requirement: string; responseDays: number }, idempotencyKey: string): Promise<OpenedOrder> {
  return api('/supervision-orders', { method: 'POST', body, idempotencyKey });
}
