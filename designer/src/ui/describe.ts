import type { TFunction } from 'i18next';

/**
 * The lines of the timelines and alert cards in the reader's language, from what each event
 * or alert carries (type, payload, node, actor); the workflows' English `summary` is only the
 * fallback for a type this module does not know. Pure: the caller passes `t` and lookups.
 */

/** A recorded event of a case, an order or a complaint, as the API answers it. */
export interface DescribedEvent {
  type: string;
  summary: string;
  payload?: Record<string, unknown> | null;
  nodeId?: string | null;
  actorId?: string | null;
  /** The acting user's display name, when the API knows it. */
  actorName?: string | null;
}

/** An alert card: a case's (api/alerts) or an order's or complaint's ladder rung. */
export interface DescribedAlert {
  kind: string;
  level?: string;
  key?: string;
  ref?: string;
  reason?: string;
}

export interface DescribeContext {
  t: TFunction;
  /** The name of a node of the case's graph, when the graph is at hand. */
  nodeName?: (nodeId: string) => string | undefined;
  /** The name of a department, when the list of departments is at hand. */
  departmentName?: (code: string) => string | undefined;
  /** The name of a user named in a payload (a person found responsible), when the API gives it. */
  personName?: (userId: string) => string | undefined;
}

type Payload = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const record = (value: unknown): Payload => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Payload) : {});

/** A label of a closed set (outcome, finding…); an unknown value shows as itself, never as a key. */
function label(ctx: DescribeContext, group: string, value: unknown): string {
  const v = text(value);
  return v === undefined ? '—' : ctx.t(`${group}.${v}`, { defaultValue: v });
}

function nodeOf(ctx: DescribeContext, nodeId: unknown): string {
  const id = text(nodeId);
  return id === undefined ? '—' : (ctx.nodeName?.(id) ?? id);
}

function departmentOf(ctx: DescribeContext, code: unknown): string {
  const c = text(code);
  if (c === undefined) return '—';
  if (c === 'supervision-office') return ctx.t('describe.audience.office');
  return ctx.departmentName?.(c) ?? c;
}

/** The node a step key (`<nodeId>#<visit>`, in threshold keys such as `stepOverdue:<stepKey>`) names. */
function nodeOfStepKey(key: string | undefined): string | undefined {
  const stepKey = key?.split(':')[1];
  return stepKey?.split('#')[0] || undefined;
}

/** The reason line of an alert, from its kind (and the step or special procedure it concerns). */
export function describeAlert(alert: DescribedAlert, ctx: DescribeContext): string {
  const { t } = ctx;
  switch (alert.kind) {
    case 'stepReminder':
    case 'stepOverdue': {
      const node = alert.ref ?? nodeOfStepKey(alert.key);
      return node === undefined ? t(`describe.alert.${alert.kind}`) : t(`describe.alert.${alert.kind}At`, { node: nodeOf(ctx, node) });
    }
    case 'specialProcedureOverdue':
      return alert.ref === undefined ? t('describe.alert.specialProcedureOverdue') : t('describe.alert.specialProcedureOverdueOf', { kind: label(ctx, 'special', alert.ref) });
    case 'warning':
    case 'yellowCard':
    case 'redCard':
    case 'supplementNoticeOverdue':
    case 'pauseReminder':
    case 'pauseOverdue':
    case 'pauseFlag':
    case 'orderReminder':
    case 'orderOverdue':
    case 'orderEscalated':
    case 'complaintFirstResponseOverdue':
    case 'complaintHandlingWarning':
    case 'complaintHandlingOverdue':
    case 'complaintEscalated':
    case 'consultationWarning':
    case 'consultationOverdue':
    case 'consultationEscalated':
    case 'followUpWarning':
    case 'followUpOverdue':
    case 'followUpEscalated':
      return t(`describe.alert.${alert.kind}`);
    default:
      return alert.reason ?? alert.kind;
  }
}

function alertLine(ctx: DescribeContext, key: 'case' | 'oversight', value: unknown): string | undefined {
  const a = record(value);
  const kind = text(a['kind']);
  if (kind === undefined) return undefined;
  const alert: DescribedAlert = { kind };
  for (const field of ['key', 'ref', 'reason'] as const) {
    const value = text(a[field]);
    if (value !== undefined) alert[field] = value;
  }
  return ctx.t(`describe.${key}.alert`, { level: label(ctx, 'describe.level', a['level']), reason: describeAlert(alert, ctx) });
}

/** The line of a case event; undefined for a type it does not know. */
function caseLine(e: DescribedEvent, ctx: DescribeContext): string | undefined {
  const { t } = ctx;
  const p = record(e.payload);
  const node = nodeOf(ctx, e.nodeId);
  switch (e.type) {
    case 'notice-issued':
      return t('front.notice.issued', { kind: t(`front.notice.kinds.${String(p['kind'])}`), number: String(p['number']) });
    case 'submitted':
      return t('describe.case.submitted', { mode: label(ctx, 'describe.mode', p['mode'] ?? 'native') });
    case 'accepted':
    case 'supplementReceived':
    case 'specialProcedureEnded':
    case 'resumed':
    case 'calendarRejected':
    case 'notificationFailed':
      return t(`describe.case.${e.type}`);
    case 'stepStarted':
    case 'parallelSplit':
    case 'branchArrived':
    case 'parallelJoined':
    case 'choice':
    case 'stepClaimed':
    case 'stepReleased':
      return t(`describe.case.${e.type}`, { node });
    case 'stepCompleted':
      if (p['action'] === 'refuse') return t('describe.case.stepRefused', { node, reason: text(p['reason']) ?? '—' });
      if (p['action'] === 'return') return t('describe.case.stepReturned', { node, target: nodeOf(ctx, p['target']) });
      return t('describe.case.stepCompleted', { node, action: label(ctx, 'action', p['action']) });
    case 'supplementNotice':
      return t('describe.case.supplementNotice', { materials: (Array.isArray(p['materials']) ? p['materials'].map(String) : []).join(t('describe.list')) || '—' });
    case 'specialProcedureStarted':
      return t('describe.case.specialProcedureStarted', { kind: label(ctx, 'special', p['kind']), days: p['limitDays'] ?? '—' });
    case 'suspended':
      return t('describe.case.suspended', { reason: text(p['reason']) ?? '—' });
    case 'thresholdsClosed':
      return t('describe.case.thresholdsClosed', { count: Array.isArray(p['alertIds']) ? p['alertIds'].length : 0 });
    case 'locked':
      return t('describe.case.locked', { card: label(ctx, 'threshold', p['card']) });
    case 'unlocked':
      return p['orderId'] === undefined
        ? t('describe.case.unlocked', { reason: text(p['reason']) ?? '—' })
        : t('describe.case.unlockedForOrder', { orderId: text(p['orderId']) ?? '—' });
    case 'concluded': {
      const outcome = label(ctx, 'outcome', p['outcome']);
      const reason = text(p['reason']);
      return reason === undefined ? t('describe.case.concluded', { outcome }) : t('describe.case.concludedWithReason', { outcome, reason });
    }
    case 'alert':
      return alertLine(ctx, 'case', p['alert']);
    case 'anomaly':
      return t('describe.case.anomaly', { kind: label(ctx, 'describe.anomaly', record(p['anomaly'])['kind']) });
    case 'urge': {
      const message = text(p['message']);
      return message === undefined ? t('describe.case.urgeNoMessage') : t('describe.case.urge', { message });
    }
    case 'supervisionOrder': {
      const values = { orderId: text(p['orderId']) ?? '—', event: label(ctx, 'describe.orderEvent', p['event']) };
      const message = text(p['message']);
      return message === undefined ? t('describe.case.supervisionOrderNoMessage', values) : t('describe.case.supervisionOrder', { ...values, message });
    }
    case 'calendarChanged': {
      const reason = text(p['reason']);
      return reason === undefined ? t('describe.case.calendarChanged') : t('describe.case.calendarChangedWithReason', { reason });
    }
    case 'externalEvent':
      return t('describe.case.externalEvent', { type: label(ctx, 'describe.externalType', p['externalType']) });
    default:
      return undefined;
  }
}

function audienceOf(ctx: DescribeContext, value: unknown): string {
  const { t } = ctx;
  const parts = (Array.isArray(value) ? value : []).map((item) => {
    const a = record(item);
    const department = departmentOf(ctx, a['department']);
    switch (a['kind']) {
      case 'assignee':
        return t(a['role'] === 'department-officer' ? 'describe.audience.officer' : 'describe.audience.assignee', { department });
      case 'department-head':
        return t('describe.audience.head', { department });
      case 'department-leadership':
        return t('describe.audience.leadership', { department });
      case 'supervision-office':
        return t('describe.audience.office');
      default:
        return undefined;
    }
  });
  return [...new Set(parts.filter((p): p is string => p !== undefined))].join(t('describe.list')) || '—';
}

/** The line of a supervision-order or complaint event; undefined for a type it does not know. */
function oversightLine(e: DescribedEvent, ctx: DescribeContext): string | undefined {
  const { t } = ctx;
  const p = record(e.payload);
  switch (e.type) {
    case 'opened':
      if (p['followUpDays'] !== undefined) return t('describe.oversight.followUpOpened', { days: p['followUpDays'] });
      return t('describe.oversight.opened', { caseNo: text(record(p['subject'])['caseNo']) ?? '—', days: p['responseDays'] ?? '—' });
    case 'answered':
      return t(p['onTime'] === false ? 'describe.oversight.answeredLate' : 'describe.oversight.answeredOnTime');
    case 'concluded': {
      const c = record(p['conclusion']);
      const finding = label(ctx, 'oversight.finding', c['finding']);
      if (c['responsibility'] !== undefined || c['measure'] !== undefined) {
        return t('describe.oversight.orderConcluded', {
          finding, responsibility: label(ctx, 'oversight.responsibility', c['responsibility']),
          measure: label(ctx, 'oversight.measure', c['measure']), responsiveness: label(ctx, 'oversight.responsiveness', c['responsiveness']),
        });
      }
      return t('describe.oversight.complaintConcluded', { finding, timing: t(c['onTime'] === false ? 'describe.oversight.late' : 'describe.oversight.onTime') });
    }
    case 'filed': {
      const channel = label(ctx, 'oversight.channel', p['channel']);
      const caseNo = text(record(p['about'])['caseNo']);
      return caseNo === undefined ? t('describe.oversight.filed', { channel }) : t('describe.oversight.filedAbout', { channel, caseNo });
    }
    case 'transferred':
      return t('describe.oversight.transferred', { department: departmentOf(ctx, p['department']) });
    case 'responded':
      if (p['first'] === false) return t('describe.oversight.furtherResponse');
      return t(p['onTime'] === false ? 'describe.oversight.firstResponseLate' : 'describe.oversight.firstResponseOnTime');
    case 'rated':
      if (p['level'] !== undefined) return t('describe.oversight.caseRated', { level: label(ctx, 'voice.level', p['level']) });
      return t('describe.oversight.rated', { score: p['score'] ?? '—' });
    case 'asked':
      return t(p['channel'] === 'phone' ? 'describe.oversight.askedByPhone' : 'describe.oversight.asked');
    case 'closed':
      return t('describe.oversight.followUpClosed', { outcome: label(ctx, 'voice.outcome', p['outcome']),
        timing: t(p['onTime'] === false ? 'describe.oversight.late' : 'describe.oversight.onTime') });
    case 'ratingClosed':
    case 'notificationFailed':
      return t(`describe.oversight.${e.type}`);
    case 'alert':
      return alertLine(ctx, 'oversight', p['alert']);
    case 'notice':
      return t('describe.oversight.notice', { audience: audienceOf(ctx, record(p['notice'])['audience']) });
    case 'calendarChanged': {
      const reason = text(p['reason']);
      return reason === undefined ? t('describe.oversight.calendarChanged') : t('describe.oversight.calendarChangedWithReason', { reason });
    }
    case 'caseNotNotified':
      return t('describe.oversight.caseNotNotified', { event: label(ctx, 'describe.orderEvent', p['event']) });
    case 'disposed': {
      const d = record(p['disposition']);
      const r = record(d['responsibility']);
      return t(`anomaly.line.${text(d['outcome']) ?? 'explained'}`, {
        text: text(d['text']) ?? '—', measure: text(r['measure']) ?? '—',
        whom: r['kind'] === 'person'
          ? (ctx.personName?.(text(r['userId']) ?? '') ?? t('anomaly.responsibility.person'))
          : t('anomaly.responsibility.department'),
      });
    }
    case 'objected':
      return t('anomaly.line.objected', { grounds: text(record(p['objection'])['grounds']) ?? '—' });
    case 'objectionDecided': {
      const d = record(p['decision']);
      return t(`anomaly.line.${d['outcome'] === 'upheld' ? 'upheld' : 'rejected'}`, { reason: text(d['reason']) ?? '—' });
    }
    case 'findingFinal':
      return t('anomaly.line.findingFinal');
    default:
      return undefined;
  }
}

function withActor(line: string, e: DescribedEvent, ctx: DescribeContext): string {
  const actor = e.actorName ?? e.actorId;
  return actor ? `${line}${ctx.t('describe.actor', { actor })}` : line;
}

/** The fallback: the API's English summary, or the type itself when even that is empty. */
const fallback = (e: DescribedEvent) => text(e.summary) ?? e.type;

/** A case event's line in the reader's language. */
export function describeCaseEvent(e: DescribedEvent, ctx: DescribeContext): string {
  const line = caseLine(e, ctx);
  return line === undefined ? fallback(e) : withActor(line, e, ctx);
}

/** A supervision-order or complaint event's line in the reader's language. */
export function describeOversightEvent(e: DescribedEvent, ctx: DescribeContext): string {
  const line = oversightLine(e, ctx);
  return line === undefined ? fallback(e) : withActor(line, e, ctx);
}
