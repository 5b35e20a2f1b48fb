import { describe, expect, it } from 'vitest';
import i18n from '../../designer/src/i18n';
import { describeAlert, describeCaseEvent, describeOversightEvent, type DescribedEvent } from '../../designer/src/ui/describe';
import { REFUSAL_CODES } from '../../workflows/case/contract';
import { CASE_EVENT_TYPES, OVERSIGHT_EVENT_TYPES } from '../../domain/records/vocabulary';
import type { ThresholdKind } from '../../domain/ladder/types';

const zh = { t: i18n.getFixedT('zh-CN') };
const en = { t: i18n.getFixedT('en') };
const HAN = /[\u4e00-\u9fff]/;
const SUMMARY = 'english summary from the workflow';

/** Payloads as the workflows write them, so every type renders its full line. */
const CASE_PAYLOADS: Record<(typeof CASE_EVENT_TYPES)[number], Record<string, unknown>> = {
  submitted: { mode: 'native' },
  accepted: {},
  stepStarted: { stepKey: 'review#1' },
  stepCompleted: { action: 'approve', stepKey: 'review#1', target: 'conclude' },
  parallelSplit: {},
  branchArrived: {},
  parallelJoined: {},
  choice: { edgeId: 'e3' },
  supplementNotice: { materials: ['营业执照', '身份证明'] },
  supplementReceived: {},
  specialProcedureStarted: { key: 'review#1:sp1', kind: 'expert-review', limitDays: 10 },
  specialProcedureEnded: { key: 'review#1:sp1' },
  suspended: { reason: '申请人申请中止' },
  resumed: {},
  concluded: { outcome: 'approved' },
  alert: { alert: { kind: 'yellowCard', level: 'yellow', key: 'yellowCard', reason: 'overdue by one working day (黄牌)' } },
  anomaly: { anomaly: { kind: 'fee-mismatch', reason: 'fee charged 20 differs from the standard 0' } },
  urge: { id: 'u1', message: '请加快办理。' },
  supervisionOrder: { orderId: 'DB-1', event: 'opened', message: '关于办件的督办' },
  calendarChanged: {},
  calendarRejected: {},
  externalEvent: { eventId: 'x1', externalType: 'custom' },
  notificationFailed: { alertId: 'C-1:warning' },
  locked: { card: 'redCard' },
  unlocked: { reason: '已核实延误原因' },
  thresholdsClosed: { alertIds: ['C-1:stepOverdue:review#1'], keys: ['stepOverdue:review#1'] },
  stepClaimed: { stepKey: 'review#1' },
  stepReleased: { stepKey: 'review#1' },
};

const OVERSIGHT_PAYLOADS: Record<(typeof OVERSIGHT_EVENT_TYPES)[number], Record<string, unknown>> = {
  opened: { subject: { kind: 'case', caseNo: 'SL1' }, responseDays: 3 },
  answered: { onTime: true, workingDays: 1 },
  concluded: { conclusion: { finding: 'substantiated', responsibility: 'individual', measure: 'rectification', responsiveness: 'on-time' } },
  filed: { channel: 'phone', about: {} },
  transferred: { department: 'health' },
  responded: { first: true, onTime: true },
  rated: { score: 4 },
  ratingClosed: {},
  alert: { alert: { kind: 'orderOverdue', level: 'yellow', key: 'overdue' } },
  notice: { notice: { audience: [{ kind: 'supervision-office' }], title: '督办 DB-1 answered by health', body: '…' } },
  calendarChanged: {},
  caseNotNotified: { event: 'answered' },
  notificationFailed: {},
  asked: { channel: 'web', itemCode: 'X-1' },
  closed: { outcome: 'rectified', onTime: true },
  disposed: { disposition: { outcome: 'confirmed', text: '收费与标准不符', responsibility: { kind: 'department', measure: '责令整改' } } },
  objected: { objection: { grounds: '已按标准收费' } },
  objectionDecided: { decision: { outcome: 'rejected', reason: '票据不符' } },
  findingFinal: { counter: 'anomaliesConfirmedFee' },
};

const event = (type: string, payload: Record<string, unknown>, extra: Partial<DescribedEvent> = {}): DescribedEvent =>
  ({ type, summary: SUMMARY, payload, nodeId: null, actorId: null, ...extra });

describe('timeline and alert lines in the reader\'s language', () => {
  it('has a Chinese line for every event type the case workflow records', () => {
    for (const type of CASE_EVENT_TYPES) {
      const line = describeCaseEvent(event(type, CASE_PAYLOADS[type], { nodeId: 'review' }), zh);
      expect(line, type).toMatch(HAN);
      expect(line, type).not.toContain(SUMMARY);
      expect(line, type).not.toContain('describe.');
      expect(describeCaseEvent(event(type, CASE_PAYLOADS[type]), en), type).not.toContain('describe.');
    }
  });

  it('has a Chinese line for every event type the order and complaint workflows record', () => {
    for (const type of OVERSIGHT_EVENT_TYPES) {
      const line = describeOversightEvent(event(type, OVERSIGHT_PAYLOADS[type]), zh);
      expect(line, type).toMatch(HAN);
      expect(line, type).not.toContain(SUMMARY);
      expect(line, type).not.toContain('describe.');
      expect(describeOversightEvent(event(type, OVERSIGHT_PAYLOADS[type]), en), type).not.toContain('describe.');
    }
  });

  it('puts the node, actor, outcome, materials, days and reason into the line', () => {
    const names = new Map([['review', '审核'], ['undertake', '承办']]);
    const nodeName = (id: string) => names.get(id);
    const ctx = { ...zh, nodeName };
    expect(describeCaseEvent(event('stepStarted', {}, { nodeId: 'review' }), ctx)).toBe('环节“审核”开始办理');
    expect(describeCaseEvent(event('stepCompleted', { action: 'approve' }, { nodeId: 'review', actorId: 'clerk-li' }), ctx)).toBe('环节“审核”办理完成:批准(clerk-li)');
    expect(describeCaseEvent(event('stepCompleted', { action: 'return', target: 'undertake' }, { nodeId: 'review' }), ctx)).toBe('环节“审核”退回至“承办”');
    expect(describeCaseEvent(event('stepCompleted', { action: 'refuse', reason: '材料不全' }, { nodeId: 'accept' }), ctx)).toBe('环节“accept”不予受理:材料不全');
    expect(describeCaseEvent(event('supplementNotice', { materials: ['营业执照', '身份证明'] }), ctx)).toBe('一次性告知补正材料:营业执照、身份证明');
    expect(describeCaseEvent(event('specialProcedureStarted', { kind: 'hearing', limitDays: 10 }), ctx)).toBe('启动特别程序“听证”,时限 10 个工作日(不计入办理时限)');
    expect(describeCaseEvent(event('concluded', { outcome: 'terminated', reason: '申请人撤回' }), ctx)).toBe('办结:终止(申请人撤回)');
    expect(describeCaseEvent(event('urge', { message: '请加快办理。' }, { actorId: 'inspector-zhao' }), ctx)).toBe('催办:请加快办理。(inspector-zhao)');
    expect(describeCaseEvent(event('alert', CASE_PAYLOADS.alert), ctx)).toBe('黄牌:超过承诺时限一个工作日');
    expect(describeCaseEvent(event('alert', { alert: { kind: 'stepOverdue', level: 'step', key: 'stepOverdue:review#1', ref: 'review' } }), ctx)).toBe('环节时限:环节“审核”已超过时限');
    expect(describeCaseEvent(event('stepCompleted', { action: 'approve' }, { nodeId: 'review' }), { ...en, nodeName })).toBe('Step “审核” completed: Approve');
  });

  it('renders order and complaint lines from their findings, timing and audience', () => {
    expect(describeOversightEvent(event('opened', OVERSIGHT_PAYLOADS.opened, { actorId: 'inspector-zhao' }), zh)).toBe('对办件 SL1 下发督办,限 3 个工作日内反馈(inspector-zhao)');
    expect(describeOversightEvent(event('answered', { onTime: false }), zh)).toBe('逾期反馈督办');
    expect(describeOversightEvent(event('concluded', OVERSIGHT_PAYLOADS.concluded), zh)).toBe('督办办结:属实,个人责任,处理措施:责令整改(按时反馈)');
    expect(describeOversightEvent(event('concluded', { conclusion: { finding: 'unsubstantiated', onTime: false } }), zh)).toBe('投诉办结:不属实(逾期)');
    expect(describeOversightEvent(event('transferred', { department: 'health' }), { ...zh, departmentName: () => '卫生健康委' })).toBe('转办至 卫生健康委');
    expect(describeOversightEvent(event('responded', { first: false }), zh)).toBe('再次答复投诉人');
    expect(describeOversightEvent(event('notice', { notice: { audience: [
      { kind: 'assignee', role: 'department-officer', department: 'health' }, { kind: 'department-head', department: 'health' }, { kind: 'supervision-office' },
    ] } }), zh)).toBe('已通知:health 的督办联络员、health 负责人、监察室');
  });

  it('falls back to the workflow\'s summary for a type it does not know, and to the type when that is empty', () => {
    expect(describeCaseEvent(event('somethingNew', { x: 1 }), zh)).toBe(SUMMARY);
    expect(describeOversightEvent(event('somethingNew', {}), zh)).toBe(SUMMARY);
    expect(describeCaseEvent({ type: 'somethingNew', summary: '' }, zh)).toBe('somethingNew');
    expect(describeCaseEvent(event('alert', {}), zh)).toBe(SUMMARY);
  });

  it('shows a value outside the known sets as itself, never as a key', () => {
    const line = describeCaseEvent(event('concluded', { outcome: 'withdrawn' }), zh);
    expect(line).toBe('办结:withdrawn');
  });

  it('says every alert kind in Chinese, naming the step from the alert key', () => {
    const kinds: ThresholdKind[] = ['warning', 'yellowCard', 'redCard', 'stepReminder', 'stepOverdue', 'supplementNoticeOverdue', 'specialProcedureOverdue'];
    for (const kind of kinds) expect(describeAlert({ kind, reason: SUMMARY }, zh), kind).toMatch(HAN);
    expect(describeAlert({ kind: 'stepReminder', key: 'stepReminder:undertake#2' }, { ...zh, nodeName: (id) => (id === 'undertake' ? '承办' : undefined) })).toBe('环节“承办”即将到达时限');
    expect(describeAlert({ kind: 'specialProcedureOverdue', ref: 'site-inspection' }, zh)).toBe('特别程序“现场勘查”超过其时限');
    expect(describeAlert({ kind: 'unknownKind', reason: SUMMARY }, zh)).toBe(SUMMARY);
  });

  it('names the person an anomaly finds responsible, and says 责任人 only when the name is unknown', () => {
    const disposed = event('disposed', { disposition: { outcome: 'confirmed', text: '收费无依据', responsibility: { kind: 'person', userId: 'u1', measure: '提醒谈话' } } });
    const personName = (id: string) => (id === 'u1' ? '赵丽' : undefined);
    expect(describeOversightEvent(disposed, { ...zh, personName })).toBe('确认异常,责任认定:赵丽,处理措施:提醒谈话');
    expect(describeOversightEvent(disposed, zh)).toBe('确认异常,责任认定:责任人,处理措施:提醒谈话');
  });

  it('says why for every refusal code the case workflow answers, in both languages', () => {
    for (const code of REFUSAL_CODES) {
      expect(zh.t(`refusal.${code}`, { defaultValue: '' }), code).toMatch(HAN);
      expect(en.t(`refusal.${code}`, { defaultValue: '' }), code).not.toBe('');
    }
  });
});
