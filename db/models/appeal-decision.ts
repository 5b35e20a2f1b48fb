import { Schema, type Connection, type Model } from 'mongoose';

/**
 * The one decision of an appeal (申诉), claimed by inserting it under the appeal's id: the only
 * write FerretDB keeps atomic between processes, so of two supervisors deciding at once one
 * decides and the other is told it was decided. `intentId` is the logged action that took it,
 * which completes it again after a failure.
 */
export interface AppealDecisionDoc {
  _id: string;
  intentId: string;
  decision: 'upheld' | 'rejected';
  by: string;
  comment: string;
  at: Date;
}

const appealDecisionSchema = new Schema<AppealDecisionDoc>(
  {
    _id: { type: String, required: true },
    intentId: { type: String, required: true },
    decision: { type: String, required: true, enum: ['upheld', 'rejected'] },
    by: { type: String, required: true },
    comment: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { bufferCommands: false, versionKey: false },
);

export function appealDecisionModel(db: Connection): Model<AppealDecisionDoc> {
  return (db.models['AppealDecision'] as Model<AppealDecisionDoc> | undefined)
    ?? db.model<AppealDecisionDoc>('AppealDecision', appealDecisionSchema, 'evaluation_appeal_decisions');
}
