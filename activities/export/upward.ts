import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { webhookSignature } from '../notify/channels';
import { exportStateModel, type ExportBatchRef, type ExportStateDoc } from '../../db/models/export-state';
import { batchIdOf, FEED_SETTLE_MS, readFeed } from '../../db/queries/feed';

/** Where and how the feed is pushed (EXPORT_URL, EXPORT_SECRET, EXPORT_BATCH_SIZE). */
export interface UpwardExportSettings {
  url: string;
  secret: string;
  batchSize: number;
  /** How far behind the clock the feed stays (see db/queries/feed.ts); default 10 s. */
  settleMs?: number;
  /** Per attempt; default 30 s. */
  timeoutMs?: number;
  /** Name of the export state document; one per receiver. Default 'upward'. */
  stateId?: string;
}

export interface UpwardExportDeps {
  db: Connection;
  logger: Logger;
  settings: UpwardExportSettings;
  now?: () => number;
}

/**
 * The three steps of one batch. The cursor and the pending batch are persisted in
 * MongoDB, and each step is safe to repeat: `prepare` answers the pending batch while
 * there is one, `deliver` sends the same bytes under the same Idempotency-Key, `commit`
 * advances the cursor only from the batch it was given (compare-and-set).
 */
export function upwardExportSteps(deps: UpwardExportDeps) {
  const { db, settings } = deps;
  const State = exportStateModel(db);
  const stateId = settings.stateId ?? 'upward';
  const now = deps.now ?? Date.now;

  async function state(): Promise<ExportStateDoc> {
    const upsert = () => State.findOneAndUpdate({ _id: stateId }, { $setOnInsert: { cursor: '', pending: null } }, { upsert: true, new: true }).lean();
    try {
      return await upsert();
    } catch (error) {
      // Two first upserts at once: one inserted, the other finds its document now.
      if ((error as { code?: unknown }).code !== 11000) throw error;
      return upsert();
    }
  }

  return {
    async prepare(): Promise<ExportBatchRef | null> {
      const current = await state();
      if (current.pending) return current.pending;
      const page = await readFeed(db, { after: current.cursor, limit: settings.batchSize, horizon: now() - (settings.settleMs ?? FEED_SETTLE_MS) });
      if (page.entries.length === 0) return null;
      const batch = { batchId: batchIdOf(current.cursor, page.next), from: current.cursor, to: page.next, count: page.entries.length };
      const claimed = await State.updateOne({ _id: stateId, cursor: current.cursor, pending: null }, { $set: { pending: batch } });
      if (claimed.modifiedCount === 1) return batch;
      return (await state()).pending;
    },

    async deliver(batch: ExportBatchRef): Promise<{ status: number }> {
      // The range was read behind the settle horizon, so it reads the same again; should a
      // write have landed later than the horizon allows, it is sent too rather than dropped.
      const page = await readFeed(db, { after: batch.from, through: batch.to, limit: batch.count * 2 + 100, horizon: now() });
      if (page.entries.length !== batch.count) {
        deps.logger.warn({ batchId: batch.batchId, expected: batch.count, found: page.entries.length }, 'export batch range changed after it was read');
      }
      const body = JSON.stringify({ batchId: batch.batchId, from: batch.from, to: batch.to, count: batch.count, entries: page.entries });
      const timestamp = String(now());
      const response = await fetch(settings.url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'idempotency-key': batch.batchId,
          'x-sunlight-timestamp': timestamp,
          'x-sunlight-signature': webhookSignature(settings.secret, timestamp, body),
        },
        signal: AbortSignal.timeout(settings.timeoutMs ?? 30_000),
      });
      // 409: the receiver has this batch already (it answered too late for us before).
      if (!response.ok && response.status !== 409) throw new Error(`export batch ${batch.batchId}: receiver answered ${response.status}`);
      await response.body?.cancel();
      return { status: response.status };
    },

    async commit(batch: ExportBatchRef): Promise<{ cursor: string }> {
      await State.updateOne(
        { _id: stateId, 'pending.batchId': batch.batchId, cursor: batch.from },
        { $set: { cursor: batch.to, pending: null, lastBatchId: batch.batchId, lastSentAt: new Date(now()) }, $inc: { batches: 1, entries: batch.count } },
      );
      deps.logger.info({ batchId: batch.batchId, count: batch.count }, 'export batch acknowledged');
      return { cursor: (await state()).cursor };
    },
  };
}
