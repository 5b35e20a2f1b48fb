import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * An official notice (文书) issued on a case: 受理通知书, 补正材料通知书, 不予受理决定书,
 * 办结通知书. Its number is its department's and year's next one, claimed by inserting under
 * the unique `(department, year, seq)` and trying the next on a duplicate (concurrent `$inc`
 * on one counter document loses updates on FerretDB). `intent` is the logged action that
 * issued it: applying that action again finds this notice instead of numbering a second one.
 * A case's notices are listed in `case_notices`, read by `_id` on FerretDB (db/queries/notices.ts).
 */
const noticeSchema = new Schema(
  {
    _id: { type: String, required: true },
    caseNo: { type: String, required: true },
    kind: { type: String, required: true },
    department: { type: String, required: true },
    year: { type: Number, required: true },
    seq: { type: Number, required: true },
    number: { type: String, required: true },
    intent: { type: String, required: true },
    issuedAt: { type: Date, required: true },
    issuedBy: { _id: false, userId: String, name: String },
    /** What the notice says, fixed at issue: names, dates, materials, reason, outcome. */
    content: { type: Schema.Types.Mixed, required: true },
  },
  { bufferCommands: false, versionKey: false, minimize: false },
);
noticeSchema.index({ department: 1, year: 1, seq: 1 }, { unique: true });
noticeSchema.index({ intent: 1 }, { unique: true });
noticeSchema.index({ caseNo: 1, issuedAt: 1 });

export type NoticeDoc = InferSchemaType<typeof noticeSchema>;

export function noticeModel(db: Connection): Model<NoticeDoc> {
  return (db.models['Notice'] as Model<NoticeDoc> | undefined) ?? db.model<NoticeDoc>('Notice', noticeSchema, 'notices');
}
