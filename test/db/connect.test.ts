import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import { describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../../db/connect';

describe('connectDatabase', () => {
  it('connects with the queries keeping no stack trace of where they ran (each would map every frame through the source maps)', async () => {
    const db = await connectDatabase(inject('mongoUri').replace(/\/[^/]*$/, `/connect-${randomUUID().slice(0, 8)}`));
    try {
      const Things = db.model('Thing', new Schema({ _id: String, n: Number }, { versionKey: false }));
      const query = Things.findById('a').lean();
      await query;
      expect((query as unknown as { _executionStack: unknown })._executionStack).toBe(true);
    } finally {
      await db.dropDatabase().catch(() => undefined);
      await db.close();
    }
  });
});
