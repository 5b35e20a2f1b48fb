import type { Schema, SchemaType } from 'mongoose';

/**
 * The document Mongoose would store for an insert, computed without hydrating it, or null
 * when this cannot vouch for it (the caller then lets Mongoose cast and validate it).
 *
 * Mongoose's `insertMany` builds a Document per document: it casts every path, applies the
 * defaults, runs the validators and resets its change tracking after the write. In a burst of
 * recordings that was about a fifth of the worker's main thread (a CPU profile of a midnight
 * of 1,000 cases, 2026-12-06), for documents the recorder builds already in their stored form.
 * For such a document it is enough to take the schema's paths in order (what strict mode
 * keeps), fill in the defaults, and check what Mongoose would check: every value already of
 * its path's type (nothing to cast), every required path present. A schema with anything
 * more (another validator, a type not below, timestamps, a version key, middleware on
 * validation or insertion) is left to Mongoose whole, as is any document that fails a check,
 * so Mongoose still answers every error with its own message. A schema that minimizes
 * (Mongoose's default) drops empty objects; a document holding one is left to Mongoose too.
 */
export type StoredForm = (doc: object) => Record<string, unknown> | null;

const forms = new WeakMap<Schema, StoredForm | null>();

/** The stored form of the schema's documents, or null when the schema needs Mongoose. */
export function storedFormOf(schema: Schema): StoredForm | null {
  if (forms.has(schema)) return forms.get(schema) ?? null;
  const form = compile(schema, true);
  const minimize = schema.get('minimize') !== false;
  const whole: StoredForm | null = form && ((doc) => {
    const stored = form(doc);
    return stored === null || (minimize && holdsEmptyObject(stored)) ? null : stored;
  });
  forms.set(schema, whole);
  return whole;
}

type Check = (value: unknown) => unknown;
/** Marks a value this cannot vouch for. */
const REFUSED = Symbol('refused');

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

function holdsEmptyObject(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsEmptyObject);
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 0 || keys.some((key) => holdsEmptyObject(value[key]));
}

/** A value that needs no cast for a path of this kind, or REFUSED. */
const SCALARS: Record<string, Check> = {
  String: (v) => (typeof v === 'string' ? v : REFUSED),
  Number: (v) => (typeof v === 'number' && !Number.isNaN(v) ? v : REFUSED),
  Boolean: (v) => (typeof v === 'boolean' ? v : REFUSED),
  Date: (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v : REFUSED),
  Mixed: (v) => v,
};

interface PathSchema extends SchemaType {
  instance: string;
  validators: { type?: string }[];
  defaultValue?: unknown;
  /** A subdocument's or a document array's own schema. */
  schema?: Schema;
  /** An array's element type. */
  caster?: { instance?: string };
  $isMongooseDocumentArray?: boolean;
  checkRequired(value: unknown): boolean;
}

/** The check of one path's value (null or missing handled by the caller), or null when the path needs Mongoose. */
function checkOf(type: PathSchema): Check | null {
  const scalar = SCALARS[type.instance];
  if (scalar) return scalar;
  if (type.instance === 'Embedded' && type.schema) {
    const form = compile(type.schema, false);
    return form && ((v) => (isPlainObject(v) ? (form(v) ?? REFUSED) : REFUSED));
  }
  if (type.instance === 'Array') {
    let element: Check | null;
    if (type.$isMongooseDocumentArray && type.schema) {
      const form = compile(type.schema, false);
      element = form && ((v) => (isPlainObject(v) ? (form(v) ?? REFUSED) : REFUSED));
    } else {
      element = SCALARS[type.caster?.instance ?? ''] ?? null;
    }
    if (!element) return null;
    const each = element;
    return (v) => {
      if (!Array.isArray(v)) return REFUSED;
      const out: unknown[] = [];
      for (const item of v) {
        // Mongoose keeps a null element as it is.
        const stored = item === null ? null : each(item);
        if (stored === REFUSED) return REFUSED;
        out.push(stored);
      }
      return out;
    };
  }
  return null;
}

function compile(schema: Schema, top: boolean): StoredForm | null {
  if (top && (schema.get('versionKey') !== false || schema.get('timestamps'))) return null;
  // Strict mode drops what the schema does not name, as the form does; any other mode is Mongoose's.
  if (schema.get('strict') !== true) return null;
  const hooks = (schema as unknown as { s: { hooks: { _pres: Map<string, unknown[]>; _posts: Map<string, unknown[]> } } }).s.hooks;
  for (const name of ['validate', 'insertMany']) {
    if ((hooks._pres.get(name)?.length ?? 0) > 0 || (hooks._posts.get(name)?.length ?? 0) > 0) return null;
  }
  if (Object.keys((schema as unknown as { nested: object }).nested).length > 0) return null;
  const paths: { name: string; check: Check; required: PathSchema | null; defaultOf: () => unknown }[] = [];
  let supported = true;
  schema.eachPath((name, schemaType) => {
    const type = schemaType as PathSchema;
    const check = checkOf(type);
    // Mongoose's `required` of an array or a subdocument has rules of its own; those paths are left to it.
    const plainRequired = !type.isRequired || SCALARS[type.instance] !== undefined;
    if (!check || !plainRequired || type.validators.some((v) => v.type !== 'required')) {
      supported = false;
      return;
    }
    const given = type.defaultValue;
    paths.push({
      name, check, required: type.isRequired ? type : null,
      defaultOf: typeof given === 'function' ? () => (given as () => unknown).call(null) : () => given,
    });
  });
  if (!supported) return null;
  return (doc) => {
    const source = doc as Record<string, unknown>;
    const stored: Record<string, unknown> = {};
    for (const path of paths) {
      const given = source[path.name];
      const value = given === undefined ? path.defaultOf() : given;
      if (value === undefined || value === null) {
        if (path.required) return null;
        if (value === null) stored[path.name] = null;
        continue;
      }
      const checked = path.check(value);
      if (checked === REFUSED) return null;
      if (path.required && !path.required.checkRequired(checked)) return null;
      stored[path.name] = checked;
    }
    return stored;
  };
}
