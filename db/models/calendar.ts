import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const calendarYearSchema = new Schema(
  {
    year: { type: Number, required: true, unique: true },
    holidays: { type: [String], required: true },
    workdays: { type: [String], required: true },
    published: { type: Boolean, required: true },
    source: { type: String, required: true },
    publishedBy: { type: String, required: true },
  },
  { timestamps: true, bufferCommands: false },
);

const calendarAdjustmentSchema = new Schema(
  {
    date: { type: String, required: true, unique: true },
    working: { type: Boolean, required: true },
    reason: { type: String, required: true },
    source: { type: String, required: true },
    publishedBy: { type: String, required: true },
  },
  { timestamps: true, bufferCommands: false },
);

export type CalendarYearDoc = InferSchemaType<typeof calendarYearSchema>;
export type CalendarAdjustmentDoc = InferSchemaType<typeof calendarAdjustmentSchema>;

/** Years published by administrators; they override the built-in national data. */
export function calendarYearModel(db: Connection): Model<CalendarYearDoc> {
  return (db.models['CalendarYear'] as Model<CalendarYearDoc> | undefined) ??
    db.model<CalendarYearDoc>('CalendarYear', calendarYearSchema, 'calendar_years');
}

/** Local changes to single days (e.g. a city's extra holiday). */
export function calendarAdjustmentModel(db: Connection): Model<CalendarAdjustmentDoc> {
  return (db.models['CalendarAdjustment'] as Model<CalendarAdjustmentDoc> | undefined) ??
    db.model<CalendarAdjustmentDoc>('CalendarAdjustment', calendarAdjustmentSchema, 'calendar_adjustments');
}
