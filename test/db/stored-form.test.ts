import { randomUUID } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { alertModel } from '../../db/models/alert';
import { caseEventModel } from '../../db/models/case-event';
import { caseFactModel } from '../../db/models/case-fact';
import { inboxMessageModel } from '../../db/models/inbox-message';
import { insertAllOnce } from '../../db/insert-once';
import { storedFormOf } from '../../db/stored-form';

const at = new Date('2026-12-07T00:00:00.000Z');

/** Documents as the recorder builds them (activities/record.ts, activities/rollups.ts, db/queries/inbox-lists.ts). */
const recorded = {
  event: { _id: 'C1:4', caseNo: 'C1', seq: 4, type: 'alert', at, summary: '预警', nodeId: null, actorId: null, payload: { alert: { level: 'warning' }, empty: {} }, recordedAt: at },
  eventBare: { _id: 'C1:5', caseNo: 'C1', seq: 5, type: 'accepted', at, summary: '受理', recordedAt: at },
  alert: {
    _id: 'C1:step-due:accept#1:warning', caseNo: 'C1', itemCode: 'XK-1', department: 'health', key: 'step-due:accept#1:warning', kind: 'step',
    level: 'warning', reason: '最后一个工作日', thresholdAt: at, raisedAt: at, provisional: false, ref: null,
    audience: [{ kind: 'assignee', role: 'acceptor', department: 'health' }],
    notified: [{ channel: 'inbox', recipient: 'assignee:acceptor@health', at, status: 'delivered' }],
  },
  message: { _id: 'C1:step-due:accept#1:warning:0', audience: 'assignee:acceptor@health', department: 'health', caseNo: 'C1', alertId: 'C1:x', level: 'warning', subject: '[warning] C1', body: '…', createdAt: at },
  fact: { _id: 'f1', day: '2026-12-07', department: 'health', itemCode: 'XK-1', caseNo: 'C1', counter: 'warnings', at, holder: { nodeId: 'accept', department: 'health', position: 'acceptor', since: at, userId: 'u1' } },
};

/** A model, as far as these tests use it. */
interface AnyModel {
  schema: Schema;
  new (doc: object): { toObject(): object };
}
const any = (model: unknown) => model as AnyModel;

/** What Mongoose itself stores for a document: its hydrated form, as `insertMany` sends it. */
const mongooseForm = (model: AnyModel, doc: object) => new model(doc).toObject();

describe('the stored form of a document', () => {
  const db = mongoose.createConnection();
  const cases: [string, AnyModel, object][] = [
    ['a case event', any(caseEventModel(db)), recorded.event],
    ['a case event with its defaults left out', any(caseEventModel(db)), recorded.eventBare],
    ['an alert', any(alertModel(db)), recorded.alert],
    ['an inbox message', any(inboxMessageModel(db)), recorded.message],
    ['a case fact', any(caseFactModel(db)), recorded.fact],
  ];
  for (const [name, model, doc] of cases) {
    it(`is what Mongoose stores, key for key: ${name}`, () => {
      const stored = storedFormOf(model.schema)?.(doc);
      expect(stored).not.toBeNull();
      expect(stored).toStrictEqual(mongooseForm(model, doc));
    });
  }

  it('drops what the schema does not name, as Mongoose does, and gives each document its own defaults', () => {
    const model = any(alertModel(db));
    const form = storedFormOf(model.schema);
    const stored = form?.({ ...recorded.alert, notified: undefined, stray: 1 });
    expect(stored).toStrictEqual(mongooseForm(model, { ...recorded.alert, notified: undefined, stray: 1 }));
    expect(stored).not.toHaveProperty('stray');
    const other = form?.({ ...recorded.alert, notified: undefined });
    expect(other?.['notified']).toEqual([]);
    expect(other?.['notified']).not.toBe(stored?.['notified']);
  });

  it('leaves to Mongoose a document that needs a cast, misses a required path, or holds an empty object its schema drops', () => {
    const alerts = storedFormOf(alertModel(db).schema);
    const events = storedFormOf(caseEventModel(db).schema);
    expect(alerts?.({ ...recorded.alert, thresholdAt: at.getTime() })).toBeNull();
    expect(alerts?.({ ...recorded.alert, thresholdAt: new Date(Number.NaN) })).toBeNull();
    expect(alerts?.({ ...recorded.alert, provisional: 'false' })).toBeNull();
    expect(alerts?.({ ...recorded.alert, notified: [{ ...recorded.alert.notified[0], at: at.toISOString() }] })).toBeNull();
    expect(alerts?.({ ...recorded.alert, reason: undefined })).toBeNull();
    expect(alerts?.({ ...recorded.alert, reason: '' })).toBeNull();
    expect(alerts?.({ ...recorded.alert, audience: [{ kind: 'supervision-office', extra: {} }] })).toBeNull();
    expect(events?.({ ...recorded.event, seq: '4' })).toBeNull();
    expect(events?.({ ...recorded.event, summary: null })).toBeNull();
    // The case events keep empty objects (minimize: false).
    expect(events?.(recorded.event)?.['payload']).toEqual({ alert: { level: 'warning' }, empty: {} });
  });

  it('leaves a schema to Mongoose whole when it validates more than presence, stamps times, or keeps a version key', () => {
    expect(storedFormOf(new Schema({ _id: String, level: { type: String, enum: ['a'] } }, { versionKey: false }))).toBeNull();
    expect(storedFormOf(new Schema({ _id: String, n: { type: Number, min: 0 } }, { versionKey: false }))).toBeNull();
    expect(storedFormOf(new Schema({ _id: String }, { versionKey: false, timestamps: true }))).toBeNull();
    expect(storedFormOf(new Schema({ _id: String }))).toBeNull();
    expect(storedFormOf(new Schema({ _id: String }, { versionKey: false, strict: false }))).toBeNull();
    expect(storedFormOf(new Schema({ _id: String }, { versionKey: false, strict: 'throw' }))).toBeNull();
    expect(storedFormOf(new Schema({ _id: String, id: Schema.Types.ObjectId }, { versionKey: false }))).toBeNull();
    expect(storedFormOf(new Schema({ _id: String, list: { type: [String], required: true } }, { versionKey: false }))).toBeNull();
    const hooked = new Schema({ _id: String }, { versionKey: false });
    hooked.pre('validate', () => undefined);
    expect(storedFormOf(hooked)).toBeNull();
    expect(storedFormOf(new Schema({ _id: String, n: Number }, { versionKey: false }))).not.toBeNull();
  });
});

describe('insertAllOnce', () => {
  let db: mongoose.Connection;
  beforeAll(async () => {
    db = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/stored-form-${randomUUID().slice(0, 8)}`)).asPromise();
  });
  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await db?.close();
  });

  it('stores what Mongoose would have stored, whether the documents come in their stored form or need a cast, and leaves a retry as it was', async () => {
    const alerts = alertModel(db);
    const needsCast = { ...recorded.alert, _id: 'cast', thresholdAt: at.toISOString(), raisedAt: at.getTime() };
    await insertAllOnce(alerts, [recorded.alert]);
    await insertAllOnce(alerts, [needsCast]);
    // A retry after a partial write: the stored documents are left as they are.
    await insertAllOnce(alerts, [{ ...recorded.alert, reason: 'changed' }, { ...needsCast, reason: 'changed' }]);
    const raw = await alerts.collection.find({}).sort({ _id: 1 }).toArray();
    expect(raw.map((d) => d['reason'])).toEqual(['最后一个工作日', '最后一个工作日']);
    for (const doc of raw) expect(doc).toStrictEqual(mongooseForm(any(alerts), doc));
    expect(raw[0]?.['thresholdAt']).toEqual(at);
    expect(raw[0]?.['handled']).toBe(false);
  });

  it('sends the inserts that arrive in one turn of the event loop in one command', async () => {
    const watched = await mongoose.createConnection(inject('mongoUri').replace(/\/[^/]*$/, `/${db.name}`), { monitorCommands: true }).asPromise();
    try {
      const inserts: number[] = [];
      watched.getClient().on('commandStarted', (e) => {
        if (e.commandName === 'insert' && e.command['insert'] === 'case_events') inserts.push((e.command['documents'] as unknown[]).length);
      });
      const events = caseEventModel(watched);
      const event = (seq: number) => ({ ...recorded.eventBare, _id: `C3:${seq}`, caseNo: 'C3', seq });
      // As the recordings of one midnight do: each its own call, none under way before them.
      await Promise.all([0, 1, 2].map((seq) => insertAllOnce(events, [event(seq)])));
      expect(inserts).toEqual([3]);
      expect((await events.find({ caseNo: 'C3' }).lean()).map((d) => d.seq).sort()).toEqual([0, 1, 2]);
    } finally {
      await watched.close();
    }
  });

  it('refuses a document Mongoose refuses, naming the path, and stores the others of its group', async () => {
    const events = caseEventModel(db);
    const event = (seq: number) => ({ ...recorded.eventBare, _id: `C2:${seq}`, caseNo: 'C2', seq });
    const outcomes = await Promise.allSettled([
      insertAllOnce(events, [event(0)]),
      insertAllOnce(events, [{ ...event(1), summary: undefined }]),
      insertAllOnce(events, [event(2)]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/summary/);
    expect((await events.find({ caseNo: 'C2' }).lean()).map((d) => d._id).sort()).toEqual(['C2:0', 'C2:2']);
  });
});
