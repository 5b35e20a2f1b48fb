import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/** One channel's delivery of one alert: `_id` is `<alert id>:<channel>`; attempts and the last error are kept. */
const deliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    alertId: { type: String, required: true },
    caseNo: { type: String, required: true },
    channel: { type: String, required: true },
    status: { type: String, required: true, enum: ['pending', 'delivered', 'failed', 'skipped'] },
    recipients: { type: [String], default: [] },
    attempts: { type: Number, default: 0 },
    lastError: { type: String, default: null },
    lastAttemptAt: { type: Date, default: null },
    deliveredAt: { type: Date, default: null },
  },
  { bufferCommands: false, versionKey: false },
);
deliverySchema.index({ status: 1, lastAttemptAt: -1 });

export type NotificationDeliveryDoc = InferSchemaType<typeof deliverySchema>;

export function notificationDeliveryModel(db: Connection): Model<NotificationDeliveryDoc> {
  return (db.models['NotificationDelivery'] as Model<NotificationDeliveryDoc> | undefined) ??
    db.model<NotificationDeliveryDoc>('NotificationDelivery', deliverySchema, 'notification_deliveries');
}
