import type { Connection } from 'mongoose';
import type { ProcessDefinition } from '../../domain/definition/index';
import { guardedUpdate } from '../../db/guarded-write';
import { definitionHeadModel, definitionVersionModel, type DefinitionVersionDoc } from '../../db/models/definition';
import { notFound } from '../http/errors';

export function versionMeta(doc: DefinitionVersionDoc) {
  return {
    itemCode: doc.itemCode,
    version: doc.version,
    itemName: doc.itemName,
    category: doc.category,
    department: doc.department,
    publishedAt: doc.publishedAt.toISOString(),
    publishedBy: doc.publishedBy,
  };
}

type VersionDoc = DefinitionVersionDoc & { _id: unknown };

/**
 * The latest published version, found by scanning the item's versions: authoritative, for
 * publishing and editing. Hot paths read {@link versionInForce} instead.
 */
export async function latestVersion(db: Connection, itemCode: string): Promise<VersionDoc | null> {
  return definitionVersionModel(db).findOne({ itemCode }).sort({ version: -1 }).lean();
}

/*
 * Published versions never change, so each process keeps the ones it has read (per database,
 * the most recently used, at most KEPT): a version is looked up in the database once.
 */
const KEPT = 256;
const kept = new WeakMap<Connection, Map<string, VersionDoc>>();

function keep(db: Connection, doc: VersionDoc): VersionDoc {
  let docs = kept.get(db);
  if (!docs) kept.set(db, (docs = new Map()));
  const key = `${doc.itemCode}@${doc.version}`;
  docs.delete(key);
  docs.set(key, doc);
  for (const oldest of docs.keys()) {
    if (docs.size <= KEPT) break;
    docs.delete(oldest);
  }
  return doc;
}

function recall(db: Connection, itemCode: string, version: number): VersionDoc | null {
  const doc = kept.get(db)?.get(`${itemCode}@${version}`) ?? null;
  return doc && keep(db, doc);
}

/** Moves the item's head to this version unless it is already there or beyond (a publication, or the first read of an item published before heads). */
export async function advanceHead(db: Connection, doc: VersionDoc): Promise<void> {
  await guardedUpdate(definitionHeadModel(db), doc.itemCode, {
    filter: { version: { $lt: doc.version } },
    holds: (stored) => stored === null || stored.version < doc.version,
  }, { $set: { version: doc.version, versionId: doc._id } }, { upsert: true });
}

/**
 * The version in force: the item's head by `_id`, then that version (kept once read). An
 * item without a head (published before heads existed) is found once by scanning, and its
 * head written. A publication whose process stopped between the version and its head is in
 * force once the publication is repeated (its logged action is) or the next one is made.
 */
export async function versionInForce(db: Connection, itemCode: string): Promise<VersionDoc | null> {
  const head = await definitionHeadModel(db).findById(itemCode).lean();
  if (head) {
    const doc = recall(db, itemCode, head.version) ?? (await definitionVersionModel(db).findById(head.versionId).lean());
    if (doc) return keep(db, doc);
  }
  const latest = await latestVersion(db, itemCode);
  if (!latest) return null;
  await advanceHead(db, latest);
  return keep(db, latest);
}

async function versionOf(db: Connection, itemCode: string, version: number): Promise<VersionDoc | null> {
  const known = recall(db, itemCode, version);
  if (known) return known;
  const doc = await definitionVersionModel(db).findOne({ itemCode, version }).lean();
  return doc && keep(db, doc);
}

/** A published version (the one in force when none is named) with its parsed definition. */
export async function readVersion(db: Connection, itemCode: string, version?: number) {
  const doc = version === undefined ? await versionInForce(db, itemCode) : await versionOf(db, itemCode, version);
  if (!doc) throw notFound(version === undefined ? `Published item ${itemCode}` : `Version ${version} of ${itemCode}`);
  return { ...versionMeta(doc), definition: JSON.parse(doc.json) as ProcessDefinition };
}
