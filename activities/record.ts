import type { Connection } from 'mongoose';
import { alertModel } from '../db/models/alert';
import { anomalyModel } from '../db/models/anomaly';
import { ALWAYS, guardedUpdate } from '../db/guarded-write';
import { CasePlacement, startListIndex, type Listable } from '../db/queries/case-list-index';
import { caseModel } from '../db/models/case';
import { caseEventModel } from '../db/models/case-event';
import { inboxAudiences } from '../db/queries/inbox';
import { recordInboxMessages, type ListableMessage } from '../db/queries/inbox-lists';
import type { AlertRecord, AnomalyRecord, Audience, CaseEventRecord, CaseReadModel, RecordBatch } from './contract/case-records';
import { applyRollup } from './rollups';
import { urgencyKey } from '../domain/records/urgency';
import { insertAllOnce } from '../db/insert-once';

export interface RecordDeps {
  db: Connection;
  utcOffsetMinutes: number;
  /** Test hook: called after the writes, before the activity returns (to fail it there). */
  afterWrite?: (activity: string) => void;
  /** Starts a raised anomaly's disposition clock (idempotent). */
  onAnomaly?: (anomaly: AnomalyRecord) => Promise<void>;
  /**
   * Called once what is left of a timer's batch only waits for the paced writes of the lists
   * (its case's entries and its inbox messages, written together with the other cases' at
   * their pace): the activity may give its slot back then (activities/detach.ts).
   */
  release?: () => void;
}

/** 'assignee:reviewer@health', 'department-head:health', 'supervision-office'. */
export function audienceKey(audience: Audience): string {
  switch (audience.kind) {
    case 'assignee':
      return `assignee:${audience.role}@${audience.department}`;
    case 'department-head':
    case 'department-leadership':
      return `${audience.kind}:${audience.department}`;
    case 'supervision-office':
      return 'supervision-office';
  }
}

const date = (at: number | null) => (at === null ? null : new Date(at));

/** The alert documents and their inbox messages, one message per audience. */
function alertDocs(alert: AlertRecord): { alert: object; messages: (ListableMessage & Record<string, unknown>)[] } {
  return {
    alert: {
      _id: alert.id, caseNo: alert.caseNo, itemCode: alert.itemCode, department: alert.department, key: alert.key, kind: alert.kind,
      level: alert.level, reason: alert.reason, thresholdAt: new Date(alert.thresholdAt), raisedAt: new Date(alert.raisedAt),
      provisional: alert.provisional, ref: alert.ref ?? null, audience: alert.audience,
      notified: alert.audience.map((a) => ({ channel: 'inbox', recipient: audienceKey(a), at: new Date(alert.raisedAt), status: 'delivered' })),
    },
    messages: inboxAudiences(alert.audience).map(([i, audience]) => ({
      _id: `${alert.id}:${i}`, audience: audienceKey(audience), department: 'department' in audience ? audience.department : alert.department,
      caseNo: alert.caseNo, alertId: alert.id, level: alert.level, subject: `[${alert.level}] ${alert.caseNo} ${alert.key}`,
      body: `${alert.reason}; threshold ${new Date(alert.thresholdAt).toISOString()}`, createdAt: new Date(alert.raisedAt),
    })),
  };
}

async function recordAnomaly(db: Connection, anomaly: AnomalyRecord): Promise<void> {
  await anomalyModel(db).updateOne(
    { _id: anomaly.id },
    {
      $setOnInsert: {
        caseNo: anomaly.caseNo, itemCode: anomaly.itemCode, department: anomaly.department, kind: anomaly.kind,
        at: new Date(anomaly.at), reason: anomaly.reason, nodeId: anomaly.nodeId ?? null, actorId: anomaly.actorId ?? null,
      },
    },
    { upsert: true },
  );
}

/** What an event changes besides its own document and its alert's, in the order of the events. */
async function applyEvent(deps: RecordDeps, event: CaseEventRecord, readModel: CaseReadModel): Promise<void> {
  const { db } = deps;
  if (event.type === 'anomaly') {
    await recordAnomaly(db, event.payload['anomaly'] as AnomalyRecord);
    await deps.onAnomaly?.(event.payload['anomaly'] as AnomalyRecord);
  }
  if (event.type === 'thresholdsClosed') {
    // One by `_id` each: a filter on anything else reads every alert on FerretDB.
    for (const id of event.payload['alertIds'] as string[]) await guardedUpdate(alertModel(db), id, ALWAYS, { $set: { closed: true, closedAt: new Date(event.at) } });
  }
  await applyRollup(db, event, readModel, deps.utcOffsetMinutes);
}

/**
 * Writes the read model unless a newer one is there already, with its urgency (the lists'
 * sort) and the users who acted in the batch added to `actedBy` (the clerks' 已办 list). On
 * FerretDB the case lists' index follows (db/queries/case-list-index.ts); MongoDB lists by
 * its indexes.
 */
async function writeReadModel(db: Connection, model: CaseReadModel, actors: string[], release?: () => void): Promise<void> {
  // A batch nobody acted in (a timer's alerts) is placed in the lists at their pace; a person's action at once.
  const urgent = actors.length > 0;
  const { caseNo, submittedAt, acceptedAt, concludedAt, deadline, statutoryDeadline, updatedAt, position, ...rest } = model;
  const doc = {
    ...rest, queryCode: model.queryCode ?? null, submittedAt: new Date(submittedAt), acceptedAt: date(acceptedAt),
    concludedAt: date(concludedAt), deadline: date(deadline), statutoryDeadline: date(statutoryDeadline), updatedAt: new Date(updatedAt),
    position: position.map((p) => ({ ...p, startedAt: new Date(p.startedAt) })),
    urgency: urgencyKey(model),
  };
  const update = actors.length > 0 ? { $set: doc, $addToSet: { actedBy: { $each: actors } } } : { $set: doc };
  // A timer's batch gives its slot back once only the paced list writes are left (once).
  let released = urgent;
  const releaseOnce = () => {
    if (released) return;
    released = true;
    release?.();
  };
  let placement: CasePlacement | null = null;
  let placed: (Listable & { seq: number }) | null = null;
  // The recorder is the read model's only writer, so the next recording of the case in this process starts from this one.
  await guardedUpdate(caseModel(db), caseNo, { filter: { seq: { $lte: model.seq } }, holds: (stored) => stored === null || stored.seq <= model.seq }, update, {
    upsert: true, remember: true,
    // Each version published is placed in the lists before the write checks for a newer one,
    // so when it finds none the last placement is the newest state's (db/versioned-write.ts).
    published: async (after, before) => {
      releaseOnce();
      placement ??= new CasePlacement(db, caseNo, before as unknown as (Listable & { seq: number }) | null, urgent);
      await placement.place(after as unknown as Listable);
      placed = after as unknown as Listable & { seq: number };
    },
    onWrite: (_before, _after, newest) => {
      if (newest && placement && placed) placement.placed(placed);
    },
  });
  releaseOnce();
}

/**
 * Records a batch of case events in order (append-only, ids fixed by the workflow), the
 * alerts, anomalies and inbox messages they carry, the rollup counters, and the read
 * model. Every write is an insert-once or an upsert keyed by those ids, so a retry after
 * a partial write changes nothing that was already written.
 */
export async function recordCaseEvents(deps: RecordDeps, batch: RecordBatch): Promise<void> {
  const { db } = deps;
  await startListIndex(db);
  const recordedAt = new Date();
  await insertAllOnce(caseEventModel(db), batch.events.map((event) => ({
    _id: event.id, caseNo: event.caseNo, seq: event.seq, type: event.type, at: new Date(event.at), summary: event.summary,
    nodeId: event.nodeId ?? null, actorId: event.actorId ?? null, payload: event.payload, recordedAt,
  })));
  // The batch's alerts before anything that reads or closes them (a card's charge, thresholdsClosed).
  const alerts = batch.events.flatMap((e) => (e.type === 'alert' ? [alertDocs(e.payload['alert'] as AlertRecord)] : []));
  await insertAllOnce(alertModel(db), alerts.map((a) => a.alert));
  // The messages beside the rest: a midnight's alerts of one department all land on a few audiences' lists.
  const paced = batch.events.every((e) => e.actorId === undefined);
  const inbox = recordInboxMessages(db, alerts.flatMap((a) => a.messages), { paced });
  try {
    for (const event of batch.events) await applyEvent(deps, event, batch.readModel);
    const actors = [...new Set(batch.events.flatMap((e) => (e.actorId === undefined ? [] : [e.actorId])))];
    await writeReadModel(deps.db, batch.readModel, actors, deps.release);
  } finally {
    await inbox;
  }
  deps.afterWrite?.('recordCaseEvents');
}
