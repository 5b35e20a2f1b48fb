import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * In-app inbox: one message per audience of an alert (`_id` is `<alert id>:<n>`). An
 * audience is addressed by role and department, not by person, so whoever holds the
 * position sees it: `audience` is e.g. 'assignee:reviewer@health', 'department-head:health',
 * 'supervision-office'.
 */
const inboxMessageSchema = new Schema(
  {
    _id: { type: String, required: true },
    audience: { type: String, required: true },
    department: { type: String, default: null },
    caseNo: { type: String, required: true },
    alertId: { type: String, default: null },
    level: { type: String, required: true },
    subject: { type: String, required: true },
    /** What the message is about when it is not what `caseNo` names: a consultation or a rating follow-up. */
    about: { type: new Schema({ kind: String, id: String }, { _id: false }), default: null },
    body: { type: String, required: true },
    createdAt: { type: Date, required: true },
    readBy: { type: [String], default: [] },
  },
  { bufferCommands: false, versionKey: false },
);
inboxMessageSchema.index({ audience: 1, createdAt: -1 });

export type InboxMessageDoc = InferSchemaType<typeof inboxMessageSchema>;

export function inboxMessageModel(db: Connection): Model<InboxMessageDoc> {
  return (db.models['InboxMessage'] as Model<InboxMessageDoc> | undefined) ??
    db.model<InboxMessageDoc>('InboxMessage', inboxMessageSchema, 'inbox_messages');
}
