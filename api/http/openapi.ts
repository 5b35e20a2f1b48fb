import type { JSONSchema } from 'json-schema-to-ts';
import type { RouteSpec } from './route';

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          in: { type: 'string', enum: ['body', 'query', 'path', 'header'] },
          pointer: { type: 'string', description: 'JSON pointer into that part of the request' },
          detail: { type: 'string' },
        },
        required: ['in', 'pointer', 'detail'],
      },
    },
  },
  required: ['type', 'title', 'status', 'code'],
} as const;

const COMMON_PROBLEMS: Record<number, string> = {
  400: 'Invalid request: malformed JSON or fields that break the schema (see `errors`).',
  401: 'Not signed in.',
  403: 'The caller may not do this.',
  404: 'No such resource (or not visible to the caller).',
  413: 'The body is too large.',
  415: 'The body is not JSON.',
  503: 'The database or the workflow service is down (`unavailable`), or an action was not answered in time (`action-pending`: repeat it with the same Idempotency-Key, which never acts twice); retry after `Retry-After` seconds.',
};

/** Strips keywords that belong to a standalone document, not to an embedded schema. */
function embed(schema: JSONSchema): JSONSchema {
  return JSON.parse(
    JSON.stringify(schema, (key, value: unknown) => (key === '$id' || key === '$schema' ? undefined : value)),
  ) as JSONSchema;
}

function parametersOf(schema: JSONSchema | undefined, where: 'path' | 'query') {
  if (!schema || typeof schema !== 'object') return [];
  const properties = (schema.properties ?? {}) as Record<string, JSONSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof s === 'object' && s.description ? { description: s.description } : {}),
    schema: embed(s),
  }));
}

function operation(spec: RouteSpec) {
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    responses[status] = r.schema
      ? { description: r.description, content: { [r.contentType ?? 'application/json']: { schema: embed(r.schema) } } }
      : { description: r.description };
  }
  const problems = Object.entries(COMMON_PROBLEMS).filter(([status]) => {
    if (status === '401' || status === '403') return spec.access !== 'public';
    if (status === '413' || status === '415') return spec.body !== undefined;
    return true;
  });
  for (const [status, description] of problems) {
    responses[status] ??= { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  }
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    tags: spec.tags,
    ...(spec.access === 'public'
      ? { security: [] }
      : spec.access === 'system'
        ? { security: [{ apiKey: [] }] }
        : { security: [{ bearer: [] }], description: `Roles: ${(spec.access as readonly string[]).join(', ')}.` }),
    parameters: [
      ...parametersOf(spec.params as JSONSchema | undefined, 'path'),
      ...parametersOf(spec.query as JSONSchema | undefined, 'query'),
      ...(spec.headers ?? []).map((h) => ({ name: h.name, in: 'header', required: h.required, description: h.description, schema: h.schema })),
    ],
    ...(spec.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: embed(spec.body as JSONSchema) } } } }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of every mounted route, built from the schemas Ajv validates with. */
export function buildOpenApi(specs: RouteSpec[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = `/api/v1${spec.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
    (paths[path] ??= {})[spec.method] = operation(spec);
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Sunlight API',
      version,
      description: 'Electronic supervision (电子监察) of administrative approval cases.',
    },
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      },
    },
  };
}
