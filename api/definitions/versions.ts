import type { Connection } from 'mongoose';
import type { ProcessDefinition } from '../../domain/definition/index';
import { definitionVersionModel, type DefinitionVersionDoc } from '../../db/models/definition';
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

export async function latestVersion(db: Connection, itemCode: string): Promise<DefinitionVersionDoc | null> {
  return definitionVersionModel(db).findOne({ itemCode }).sort({ version: -1 }).lean();
}

/** A published version with its parsed definition. */
export async function readVersion(db: Connection, itemCode: string, version?: number) {
  const doc =
    version === undefined
      ? await latestVersion(db, itemCode)
      : await definitionVersionModel(db).findOne({ itemCode, version }).lean();
  if (!doc) throw notFound(version === undefined ? `Published item ${itemCode}` : `Version ${version} of ${itemCode}`);
  return { ...versionMeta(doc), definition: JSON.parse(doc.json) as ProcessDefinition };
}
