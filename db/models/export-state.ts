import { Schema, type Connection, type Model } from 'mongoose';

/** A batch decided but not yet acknowledged: sent again, identically, until it is. */
export interface ExportBatchRef {
  batchId: string;
  from: string;
  to: string;
  count: number;
}

export interface ExportStateDoc {
  _id: string;
  cursor: string;
  pending: ExportBatchRef | null;
  batches: number;
  entries: number;
  lastBatchId: string | null;
  lastSentAt: Date | null;
}

const stateSchema = new Schema<ExportStateDoc>(
  {
    _id: { type: String, required: true },
    cursor: { type: String, default: '' },
    pending: { type: Schema.Types.Mixed, default: null },
    batches: { type: Number, default: 0 },
    entries: { type: Number, default: 0 },
    lastBatchId: { type: String, default: null },
    lastSentAt: { type: Date, default: null },
  },
  { bufferCommands: false, versionKey: false },
);

/** The persisted cursor of the upward export: where a restarted exporter resumes. */
export function exportStateModel(db: Connection): Model<ExportStateDoc> {
  return (db.models['ExportState'] as Model<ExportStateDoc> | undefined) ?? db.model<ExportStateDoc>('ExportState', stateSchema, 'export_state');
}
