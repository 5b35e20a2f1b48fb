import type { Connection } from 'mongoose';
import { ALWAYS, guardedUpdate } from '../../db/guarded-write';
import { externalSystemModel } from '../../db/models/external-system';
import { lastPushes } from '../../db/queries/ingest-pushes';
import { notFound } from '../http/errors';

const LAST_PUSHES = 10;
async function pushesOf(db: Connection, systemId: string) {
  const docs = await lastPushes(db, systemId, LAST_PUSHES);
  return docs.map((d) => ({
    at: d.at.toISOString(), accepted: d.accepted, duplicates: d.duplicates, rejected: d.rejected, failed: d.failed,
    refusals: d.refusals.map((r) => ({
      index: r.index ?? 0, eventId: r.eventId ?? null, caseNo: r.caseNo ?? null, status: r.status as 'rejected' | 'failed', code: r.code ?? null, detail: r.detail ?? null,
    })),
  }));
}

/** Every registered system with its last pushes; never a key or its hash. */
export async function listSystems(db: Connection) {
  const systems = await externalSystemModel(db).find().sort({ systemId: 1 }).lean();
  return Promise.all(systems.map(async (s) => ({
    systemId: s.systemId, name: s.name, departments: s.departments, active: s.active,
    registeredAt: (s as { createdAt?: Date }).createdAt?.toISOString() ?? new Date(0).toISOString(),
    keyRotatedAt: s.keyRotatedAt?.toISOString() ?? null,
    pushes: await pushesOf(db, s.systemId),
  })));
}

/**
 * Replaces a system's key by the hash of a new one: the old key finds no system from then on.
 * Applying it again under the same intent writes the same hash.
 */
export async function rotateKey(db: Connection, systemId: string, keyHash: string, at: number): Promise<void> {
  const systems = externalSystemModel(db);
  const system = await systems.findOne({ systemId }, { _id: 1 }).lean();
  // One compare-and-swap by `_id` on FerretDB, so no concurrent write of the system can put the old hash back.
  if (!system || !(await guardedUpdate(systems, system._id, ALWAYS, { $set: { keyHash, keyRotatedAt: new Date(at) } }))) throw notFound(`System ${systemId}`);
}
