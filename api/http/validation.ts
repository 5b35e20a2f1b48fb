import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormatsModule from 'ajv-formats';
import type { JSONSchema } from 'json-schema-to-ts';
import { badRequest, type FieldProblem } from './errors';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule);

type Part = FieldProblem['in'];

function createAjv(coerce: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    useDefaults: true,
    discriminator: true,
    strict: false,
    coerceTypes: coerce ? 'array' : false,
    logger: false,
  });
  addFormats(ajv);
  return ajv;
}

// Bodies are JSON and keep their types; path and query strings are coerced to the schema's types.
const strictAjv = createAjv(false);
const coercingAjv = createAjv(true);
const compiled = new Map<Part, WeakMap<object, ValidateFunction>>();

function validatorFor(part: Part, schema: JSONSchema): ValidateFunction {
  let cache = compiled.get(part);
  if (!cache) compiled.set(part, (cache = new WeakMap()));
  const key = schema as object;
  let validate = cache.get(key);
  if (!validate) {
    validate = (part === 'body' ? strictAjv : coercingAjv).compile(withoutIds(schema));
    cache.set(key, validate);
  }
  return validate;
}

/** Schemas shared across parts carry `$id`s that one Ajv instance may compile only once. */
function withoutIds(schema: JSONSchema): object {
  return JSON.parse(JSON.stringify(schema, (key, value: unknown) => (key === '$id' ? undefined : value))) as object;
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** One Ajv error as a field problem whose pointer names the offending member itself. */
export function fieldProblem(part: Part, error: ErrorObject): FieldProblem {
  const params = error.params as Record<string, unknown>;
  const member = params['missingProperty'] ?? params['additionalProperty'] ?? params['propertyName'];
  const pointer = typeof member === 'string' ? `${error.instancePath}/${escape(member)}` : error.instancePath;
  const detail =
    error.keyword === 'additionalProperties'
      ? 'is not a known field'
      : error.keyword === 'required'
        ? 'is required'
        : (error.message ?? 'is invalid');
  return { in: part, pointer, detail };
}

/**
 * Validates one part of a request against its schema (coercing path and query strings)
 * and returns the value with defaults filled in; throws a 400 naming every bad field.
 */
export function validatePart<T>(part: Part, schema: JSONSchema, value: unknown): T {
  const validate = validatorFor(part, schema);
  if (validate(value)) return value as T;
  const errors = dedupe((validate.errors ?? []).map((e) => fieldProblem(part, e)));
  throw badRequest(`The request ${part === 'path' ? 'path' : part} is invalid.`, errors);
}

/** A `oneOf` reports the same member once per branch; keep one line per pointer and detail. */
function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.pointer}\u0000${p.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Compiles an application form (a JSON Schema authored by an administrator). */
export function compileForm(schema: object): ValidateFunction {
  return strictAjv.compile(withoutIds(schema as JSONSchema));
}
