import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/**
 * The case read model (办件): one document per case, written whole by the case workflow's
 * recorder and guarded by `seq` so that an older write never overwrites a newer one.
 * Lists, the live board and the public progress look-up read it.
 */
const caseSchema = new Schema(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true },
    mode: { type: String, required: true },
    definitionId: { type: String, required: true },
    definitionVersion: { type: Number, required: true },
    itemCode: { type: String, required: true },
    itemName: { type: String, required: true },
    category: { type: String, required: true },
    department: { type: String, required: true },
    applicantName: { type: String, required: true },
    queryCode: { type: String, default: null },
    status: { type: String, required: true },
    outcome: { type: String, default: null },
    alertLevel: { type: String, required: true },
    position: [{ _id: false, nodeId: String, name: String, department: String, role: String, startedAt: Date }],
    submittedAt: { type: Date, required: true },
    acceptedAt: { type: Date, default: null },
    concludedAt: { type: Date, default: null },
    deadline: { type: Date, default: null },
    statutoryDeadline: { type: Date, default: null },
    provisional: { type: Boolean, required: true },
    workingDaysUsed: { type: Number, default: null },
    onTime: { type: Boolean, default: null },
    anomalyCount: { type: Number, required: true },
    alertCount: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
    /** `urgencyKey` of domain/records/urgency: the lists sort on it, most urgent first. */
    urgency: { type: String, default: null },
    /** Users who acted on the case (the clerks' 已办 list), added by the recorder from the events' actors. */
    actedBy: { type: [String], default: undefined },
  },
  { bufferCommands: false, versionKey: false },
);
caseSchema.index({ department: 1, status: 1, submittedAt: -1 });
caseSchema.index({ itemCode: 1, submittedAt: -1 });
caseSchema.index({ alertLevel: 1, deadline: 1 });
caseSchema.index({ 'position.department': 1, status: 1 });
// The case list's order and cursor (api/cases): newest submission first, ties broken by id.
caseSchema.index({ submittedAt: -1, _id: -1 });
// The lists sorted by urgency (db/queries/case-lists.ts): the board, 本部门 and 办结, 待办, 已办.
caseSchema.index({ urgency: 1, _id: 1 });
caseSchema.index({ department: 1, status: 1, urgency: 1, _id: 1 });
caseSchema.index({ 'position.department': 1, 'position.role': 1, urgency: 1 });
caseSchema.index({ actedBy: 1, urgency: 1, _id: 1 });

export type CaseDoc = InferSchemaType<typeof caseSchema>;

export function caseModel(db: Connection): Model<CaseDoc> {
  return (db.models['Case'] as Model<CaseDoc> | undefined) ?? db.model<CaseDoc>('Case', caseSchema, 'cases');
}
