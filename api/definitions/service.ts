import type { Connection } from 'mongoose';
import { checkDirectory, diffDefinitions, validateDefinition, type DefinitionValidation, type ProcessDefinition } from '../../domain/definition/index';
import { guardedUpdate, type Guard } from '../../db/guarded-write';
import { definitionDraftModel, definitionVersionModel, type DefinitionDraftDoc } from '../../db/models/definition';
import { readDirectory } from '../../db/queries/directory';
import { conflict, notFound, unprocessable } from '../http/errors';
import type { Principal } from '../http/principal';
import { advanceHead, latestVersion, readVersion, versionMeta } from './versions';

/** Validation as the API reports it: the domain's findings without the parsed definition. */
export function validate(definition: unknown): Omit<DefinitionValidation, 'definition'> {
  const { ok, errors, warnings } = validateDefinition(definition, { twoThirdsRule: true });
  return { ok, errors, warnings };
}

function draftView(doc: { itemCode: string; json: string; revision: number; baseVersion: number; updatedBy: string; updatedAt?: Date }) {
  const definition = JSON.parse(doc.json) as unknown;
  return {
    itemCode: doc.itemCode,
    revision: doc.revision,
    baseVersion: doc.baseVersion,
    updatedBy: doc.updatedBy,
    ...(doc.updatedAt ? { updatedAt: doc.updatedAt.toISOString() } : {}),
    definition,
    validation: validate(definition),
  };
}

/** Only the draft still at the revision the editor read. */
const atRevision = (revision: number): Guard<DefinitionDraftDoc> => ({ filter: { revision }, holds: (d) => d?.revision === revision });

/**
 * Creates the draft (no `revision`) or replaces it when `revision` is the current one;
 * `intent` names the logged action, whose repeat finds its revision written.
 */
export async function saveDraft(
  db: Connection, itemCode: string, definition: { item: { code: string } }, revision: number | undefined, user: Pick<Principal, 'username'>, intent: string,
) {
  if (definition.item.code !== itemCode) {
    throw unprocessable('item-code-mismatch', `The definition's item.code must be ${itemCode}.`);
  }
  const drafts = definitionDraftModel(db);
  const json = JSON.stringify(definition);
  if (revision === undefined) {
    const base = await latestVersion(db, itemCode);
    try {
      const doc = await drafts.create({ itemCode, json, revision: 1, baseVersion: base?.version ?? 0, updatedBy: user.username, intent });
      return draftView(doc.toObject());
    } catch (err) {
      const mine = (err as { code?: unknown }).code === 11000 ? await drafts.findOne({ itemCode, intent }).lean() : null;
      if (mine) return draftView(mine);
      if ((err as { code?: unknown }).code === 11000) {
        throw conflict('draft-exists', `A draft of ${itemCode} exists; send its revision to replace it.`);
      }
      throw err;
    }
  }
  // The revision the editor read guards the save; on FerretDB the guard is tested inside one
  // compare-and-swap by `_id`, so of two saves of one revision at once exactly one lands.
  const found = await drafts.findOne({ itemCode }, { _id: 1 }).lean();
  const saved = found !== null && (await guardedUpdate(drafts, found._id, atRevision(revision), { $set: { json, updatedBy: user.username, intent }, $inc: { revision: 1 } }));
  const doc = saved ? await drafts.findById(found._id).lean() : null;
  if (!doc) {
    const mine = await drafts.findOne({ itemCode, intent }).lean();
    if (mine) return draftView(mine);
    const exists = await drafts.exists({ itemCode });
    if (!exists) throw notFound(`Draft of ${itemCode}`);
    throw conflict('stale-revision', `The draft has changed since revision ${revision}; reload it.`);
  }
  return draftView(doc);
}

export async function readDraft(db: Connection, itemCode: string) {
  const doc = await definitionDraftModel(db).findOne({ itemCode }).lean();
  if (!doc) throw notFound(`Draft of ${itemCode}`);
  return draftView(doc);
}

/** Publishes the draft as the next immutable version; errors block it, warnings do not. */
export async function publish(db: Connection, itemCode: string, revision: number, user: Pick<Principal, 'username'>, now: number, intent: string) {
  const published = await definitionVersionModel(db).findOne({ itemCode, intent }).lean();
  if (published) {
    // A repeat of this publication: its version is put in force if the first try stopped before.
    await advanceHead(db, published);
    const definition = JSON.parse(published.json) as ProcessDefinition;
    return { ...versionMeta(published), definition, validation: { ok: true, errors: [], warnings: validateDefinition(definition, { twoThirdsRule: true }).warnings } };
  }
  const draft = await definitionDraftModel(db).findOne({ itemCode }).lean();
  if (!draft) throw notFound(`Draft of ${itemCode}`);
  if (draft.revision !== revision) throw conflict('stale-revision', `The draft is at revision ${draft.revision}, not ${revision}.`);
  const result = validateDefinition(JSON.parse(draft.json), { twoThirdsRule: true });
  if (!result.ok || !result.definition) {
    throw unprocessable('definition-invalid', 'The draft has errors; fix them before publishing.', {
      errors: result.errors,
      warnings: result.warnings,
    });
  }
  const definition = result.definition;
  const unknown = checkDirectory(definition, await readDirectory(db));
  const [first] = unknown;
  if (first) {
    throw unprocessable('definition-directory', `${first.message.en}${unknown.length > 1 ? ` (and ${unknown.length - 1} more)` : ''}; fix it before publishing.`, {
      errors: unknown,
      warnings: result.warnings,
    });
  }
  const version = ((await latestVersion(db, itemCode))?.version ?? 0) + 1;
  try {
    const doc = await definitionVersionModel(db).create({
      itemCode,
      version,
      json: JSON.stringify(definition),
      itemName: definition.item.name,
      category: definition.item.category,
      department: definition.item.department,
      publishedAt: new Date(now),
      publishedBy: user.username,
      intent,
    });
    await advanceHead(db, doc.toObject());
    await guardedUpdate(definitionDraftModel(db), draft._id, atRevision(revision), { $set: { baseVersion: version } });
    return { ...versionMeta(doc.toObject()), definition, validation: { ok: true, errors: [], warnings: result.warnings } };
  } catch (err) {
    if ((err as { code?: unknown }).code === 11000) throw conflict('publish-race', 'Another publication of this item happened at the same time.');
    throw err;
  }
}

export async function listVersions(db: Connection, itemCode: string) {
  const docs = await definitionVersionModel(db).find({ itemCode }).sort({ version: 1 }).lean();
  if (docs.length === 0 && !(await definitionDraftModel(db).exists({ itemCode }))) throw notFound(`Item ${itemCode}`);
  return docs.map(versionMeta);
}

export async function diff(db: Connection, itemCode: string, from: number, to: number | 'draft') {
  const before = (await readVersion(db, itemCode, from)).definition;
  let after: ProcessDefinition;
  if (to === 'draft') {
    const draft = await readDraft(db, itemCode);
    const checked = validateDefinition(draft.definition);
    if (!checked.definition) throw unprocessable('draft-incomplete', 'The draft does not satisfy the schema yet; it cannot be compared.', { errors: checked.errors });
    after = checked.definition;
  } else {
    after = (await readVersion(db, itemCode, to)).definition;
  }
  return diffDefinitions(before, after);
}

export async function listDefinitions(db: Connection) {
  const [versions, drafts] = await Promise.all([
    definitionVersionModel(db).find({}, { itemCode: 1, version: 1, itemName: 1 }).lean(),
    definitionDraftModel(db).find({}, { itemCode: 1, revision: 1, json: 1 }).lean(),
  ]);
  const byCode = new Map<string, { itemCode: string; itemName: string; latestVersion: number | null; draftRevision: number | null }>();
  for (const v of versions) {
    const entry = byCode.get(v.itemCode);
    if (!entry || (entry.latestVersion ?? 0) < v.version) {
      byCode.set(v.itemCode, { itemCode: v.itemCode, itemName: v.itemName, latestVersion: v.version, draftRevision: entry?.draftRevision ?? null });
    }
  }
  for (const d of drafts) {
    const entry = byCode.get(d.itemCode);
    const name = (JSON.parse(d.json) as { item?: { name?: unknown } }).item?.name;
    if (entry) entry.draftRevision = d.revision;
    else byCode.set(d.itemCode, { itemCode: d.itemCode, itemName: typeof name === 'string' ? name : d.itemCode, latestVersion: null, draftRevision: d.revision });
  }
  return [...byCode.values()].sort((a, b) => a.itemCode.localeCompare(b.itemCode));
}
