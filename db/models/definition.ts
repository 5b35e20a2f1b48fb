import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

/*
 * Definitions are stored as JSON text: an application form is a JSON Schema whose keys
 * ('$ref', '$defs', dotted names) a document database may refuse as field names, and a
 * published version is never queried inside, only read whole.
 */

const draftSchema = new Schema(
  {
    itemCode: { type: String, required: true, unique: true },
    json: { type: String, required: true },
    /** Version the draft started from (0 for a new item). */
    baseVersion: { type: Number, required: true },
    revision: { type: Number, required: true },
    updatedBy: { type: String, required: true },
    /** The logged action that wrote this revision: its repeat finds it written. */
    intent: { type: String, default: null },
  },
  { timestamps: true, bufferCommands: false },
);

const versionSchema = new Schema(
  {
    itemCode: { type: String, required: true },
    version: { type: Number, required: true },
    json: { type: String, required: true },
    itemName: { type: String, required: true },
    category: { type: String, required: true },
    department: { type: String, required: true },
    publishedAt: { type: Date, required: true },
    publishedBy: { type: String, required: true },
    /** The logged action that published it: its repeat answers this version. */
    intent: { type: String, default: null },
  },
  { bufferCommands: false },
);
versionSchema.index({ itemCode: 1, version: 1 }, { unique: true });

export type DefinitionDraftDoc = InferSchemaType<typeof draftSchema>;
export type DefinitionVersionDoc = InferSchemaType<typeof versionSchema>;

/** Editable drafts, one per item. */
export function definitionDraftModel(db: Connection): Model<DefinitionDraftDoc> {
  return (db.models['DefinitionDraft'] as Model<DefinitionDraftDoc> | undefined) ??
    db.model<DefinitionDraftDoc>('DefinitionDraft', draftSchema, 'definition_drafts');
}

/** Published, immutable versions; cases run on one of them. */
export function definitionVersionModel(db: Connection): Model<DefinitionVersionDoc> {
  return (db.models['DefinitionVersion'] as Model<DefinitionVersionDoc> | undefined) ??
    db.model<DefinitionVersionDoc>('DefinitionVersion', versionSchema, 'definition_versions');
}

/**
 * Which version of an item is in force, under the item code as `_id`: the hot paths (a case's
 * start, the public guide and progress, ingest) read it by `_id`, where finding the latest
 * version by `itemCode` reads every version on FerretDB (0.5 s at 1,500 versions of 12 KB).
 * Advanced after each publication, never back (`api/definitions/versions.ts`).
 */
const headSchema = new Schema(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    /** The `_id` of that version's document. */
    versionId: { type: Schema.Types.ObjectId, required: true },
  },
  { bufferCommands: false, versionKey: false },
);

export type DefinitionHeadDoc = InferSchemaType<typeof headSchema>;

export function definitionHeadModel(db: Connection): Model<DefinitionHeadDoc> {
  return (db.models['DefinitionHead'] as Model<DefinitionHeadDoc> | undefined) ??
    db.model<DefinitionHeadDoc>('DefinitionHead', headSchema, 'definition_heads');
}
