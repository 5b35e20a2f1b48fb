import type { Connection, Model } from 'mongoose';
import { guardedUpdate } from '../../db/guarded-write';
import { alertModel } from '../../db/models/alert';
import { complaintModel } from '../../db/models/complaint';
import { recordInboxMessages } from '../../db/queries/inbox-lists';
import { inboxAudiences } from '../../db/queries/inbox';
import { oversightEventModel } from '../../db/models/oversight-event';
import { supervisionConclusionModel } from '../../db/models/supervision-conclusion';
import { supervisionOrderModel } from '../../db/models/supervision-order';
import type { OversightAlertRecord, OversightEventRecord, OversightNotice, OversightSubject } from '../contract/oversight-records';
import { complaintFacts, orderFacts, rollUpOversight } from '../oversight-facts';
import type { ComplaintRecord, SupervisionOrderRecord } from './records';
import { audienceKey } from '../record';
import { isDuplicateKey } from '../../db/errors';

export interface OversightRecordDeps {
  db: Connection;
  /** Test hook: called after the writes, before the activity returns (to fail it there). */
  afterWrite?: (activity: string) => void;
}

const date = (at: number | null | undefined) => (at === null || at === undefined ? null : new Date(at));

/** What an inbox message or alert links to: the case when there is one, else the order or complaint. */
const linkOf = (alert: Pick<OversightAlertRecord, 'caseNo' | 'subjectId'>) => alert.caseNo ?? alert.subjectId;

/**
 * What a message is about when its link is not: a consultation has no case, and a follow-up's
 * case number is its own, so their messages lead to their own pages. Orders, complaints and
 * anomalies lead to the case they are about, as before.
 */
const aboutOf = (subject: OversightSubject, id: string) => (subject === 'consultation' || subject === 'follow-up' ? { kind: subject, id } : null);

async function recordAlert(db: Connection, alert: OversightAlertRecord): Promise<void> {
  await alertModel(db).updateOne(
    { _id: alert.id },
    {
      $setOnInsert: {
        caseNo: linkOf(alert), itemCode: alert.itemCode ?? '', department: alert.department, key: alert.key, kind: alert.kind,
        level: alert.level, reason: alert.reason, thresholdAt: new Date(alert.thresholdAt), raisedAt: new Date(alert.raisedAt),
        provisional: alert.provisional, ref: alert.subjectId, subject: alert.subject, subjectId: alert.subjectId, audience: alert.audience,
        notified: alert.audience.map((a) => ({ channel: 'inbox', recipient: audienceKey(a), at: new Date(alert.raisedAt), status: 'delivered' })),
      },
    },
    { upsert: true },
  );
  await writeInbox(db, alert.id, { audience: alert.audience, title: `[${alert.level}] ${alert.subjectId} ${alert.key}`, body: alert.reason }, {
    caseNo: linkOf(alert), department: alert.department, alertId: alert.id, level: alert.level, at: alert.raisedAt, about: aboutOf(alert.subject, alert.subjectId),
  });
}

/**
 * A message to the supervision office carries the department it is about, so it reaches only
 * the supervisors whose scope covers that department (api/inbox).
 */
async function writeInbox(
  db: Connection, id: string, notice: OversightNotice,
  about: { caseNo: string; department: string | null; alertId: string | null; level: string; at: number; about: { kind: OversightSubject; id: string } | null },
) {
  await recordInboxMessages(db, inboxAudiences(notice.audience).map(([i, audience]) => ({
    _id: `${id}:${i}`, audience: audienceKey(audience), department: 'department' in audience ? audience.department : about.department, caseNo: about.caseNo,
    alertId: about.alertId, level: about.level, subject: notice.title, body: notice.body, createdAt: new Date(about.at), about: about.about,
  })));
}

/** Appends the events (insert-once by id) with the alerts and inbox notices they carry; `department` is the subject's. */
export async function recordEvents(db: Connection, events: OversightEventRecord[], caseNo: string | null, department: string | null): Promise<void> {
  for (const event of events) {
    try {
      await oversightEventModel(db).create({
        _id: event.id, subject: event.subject, subjectId: event.subjectId, seq: event.seq, type: event.type, at: new Date(event.at),
        summary: event.summary, actorId: event.actorId ?? null, payload: event.payload, recordedAt: new Date(),
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const { alert, notice } = event.payload;
    if (alert) await recordAlert(db, alert);
    if (notice) {
      await writeInbox(db, event.id, notice, { caseNo: caseNo ?? event.subjectId, department, alertId: null, level: 'notice', at: event.at, about: aboutOf(event.subject, event.subjectId) });
    }
  }
}

/** Writes a read-model document unless a newer one is there already. */
export async function writeWhole<T extends { seq?: number | null }>(model: Model<T>, id: string, seq: number, doc: object) {
  await guardedUpdate(model, id, { filter: { seq: { $lte: seq } }, holds: (stored) => stored === null || (stored.seq ?? 0) <= seq }, { $set: { ...doc, seq } }, { upsert: true });
}

/** Records an order's events and document; when concluded, its conclusion for the scores (once). */
export async function recordSupervisionOrder(deps: OversightRecordDeps, batch: { events: OversightEventRecord[]; order: SupervisionOrderRecord }) {
  const { db } = deps;
  const o = batch.order;
  await recordEvents(db, batch.events, o.caseNo, o.department);
  const answer = o.answer && { ...o.answer, at: new Date(o.answer.at) };
  const conclusion = o.conclusion && { ...o.conclusion, at: new Date(o.conclusion.at) };
  await writeWhole(supervisionOrderModel(db), o.orderId, o.seq, {
    subjectKind: o.subject.kind, alertId: o.subject.kind === 'alert' ? o.subject.alertId : null, caseNo: o.caseNo, itemCode: o.itemCode,
    department: o.department, title: o.title, requirement: o.requirement, openedBy: o.openedBy, openedAt: new Date(o.openedAt),
    responseDays: o.responseDays, responseDeadline: new Date(o.responseDeadline), provisional: o.provisional, status: o.status,
    level: o.level, answer, conclusion, alertCount: o.alerts.length, nextAt: date(o.next?.at), updatedAt: new Date(o.updatedAt),
  });
  if (o.conclusion) {
    const c = o.conclusion;
    await supervisionConclusionModel(db).updateOne({ _id: o.orderId }, {
      $setOnInsert: {
        caseNo: o.caseNo, itemCode: o.itemCode, department: o.department, openedAt: new Date(o.openedAt),
        responseDeadline: new Date(o.responseDeadline), answeredAt: date(o.answer?.at), responsiveness: c.responsiveness,
        responseWorkingDays: c.responseWorkingDays, lateWorkingDays: c.lateWorkingDays, finding: c.finding,
        responsibility: c.responsibility, measure: c.measure, concludedBy: c.by.userId, concludedAt: new Date(c.at),
      },
    }, { upsert: true });
  }
  await rollUpOversight(db, orderFacts(o));
  deps.afterWrite?.('recordSupervisionOrder');
}

/** Records a complaint's events and document. */
export async function recordComplaint(deps: OversightRecordDeps, batch: { events: OversightEventRecord[]; complaint: ComplaintRecord }) {
  const { db } = deps;
  const c = batch.complaint;
  await recordEvents(db, batch.events, c.about.caseNo ?? null, c.department);
  await writeWhole(complaintModel(db), c.complaintNo, c.seq, {
    queryCode: c.queryCode, channel: c.channel, complainant: c.complainant, content: c.content, about: c.about,
    filedAt: new Date(c.filedAt), registeredBy: c.registeredBy?.userId ?? null, department: c.department, status: c.status,
    transfers: c.transfers, responses: c.responses, firstResponseAt: date(c.firstResponseAt),
    firstResponseDeadline: new Date(c.firstResponseDeadline), firstResponseOnTime: c.firstResponseOnTime,
    handlingDeadline: new Date(c.handlingDeadline), provisional: c.provisional, concludedAt: date(c.conclusion?.at),
    handledOnTime: c.conclusion?.onTime ?? null, conclusion: c.conclusion, finding: c.conclusion?.finding ?? null,
    rating: c.rating?.score ?? null, ratingComment: c.rating?.comment ?? null, ratedAt: date(c.rating?.at), level: c.level,
    alertCount: c.alerts.length, updatedAt: new Date(c.updatedAt),
  });
  await rollUpOversight(db, complaintFacts(c));
  deps.afterWrite?.('recordComplaint');
}
