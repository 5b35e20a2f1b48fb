import type { RequestHandler } from 'express';
import type { Payload } from '@temporalio/common';
import type { ApiContext } from '../context';
import { ApiError } from '../http/errors';
import { defineRoute, type RouteSpec } from '../http/route';

/** Those who may read every department's cases, personal data included. */
const DECODERS = ['administrator', 'supervisor', 'auditor'] as const;
const tags = ['codec'];

/** Temporal's JSON form of payloads: metadata values and data in base64. */
const payloadsBody = {
  type: 'object',
  properties: {
    payloads: {
      type: 'array', maxItems: 1000,
      items: {
        type: 'object',
        properties: {
          metadata: { type: 'object', additionalProperties: { type: 'string', maxLength: 1000 } },
          data: { type: 'string' },
        },
      },
    },
  },
  required: ['payloads'],
  additionalProperties: false,
} as const;

type JsonPayload = { metadata?: Record<string, string>; data?: string };

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])),
  data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')),
});
const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/**
 * Temporal's remote codec server contract (`POST /codec/encode`, `/codec/decode`, body
 * `{payloads}`), behind Sunlight's sign-in: the Web UI or `temporal --codec-endpoint
 * … --codec-auth "Bearer <token>"` decode histories only for a user who may read cases'
 * personal data. The codec is the API client's own.
 */
export function codecRoutes(ctx: ApiContext): RouteSpec[] {
  const codecs = () => {
    const configured = ctx.temporal.options.loadedDataConverter.payloadCodecs;
    if (configured.length === 0) throw new ApiError(404, 'codec-not-configured', 'Not found', 'Payloads are not encrypted here (no TEMPORAL_PAYLOAD_KEYS).');
    return configured;
  };
  const route = (op: 'encode' | 'decode') => defineRoute({
    method: 'post', path: `/codec/${op}`, operationId: `${op}Payloads`,
    summary: `${op === 'encode' ? 'Encrypt' : 'Decrypt'} Temporal payloads (remote codec server for the Web UI and CLI)`,
    tags, access: DECODERS, body: payloadsBody,
    responses: { 200: { description: `The ${op}d payloads`, schema: payloadsBody } },
    handler: async ({ body }) => {
      let payloads = body.payloads.map(fromJson);
      const chain = op === 'encode' ? codecs() : [...codecs()].reverse();
      try {
        for (const codec of chain) payloads = await codec[op](payloads);
      } catch {
        throw new ApiError(422, 'undecodable-payload', 'Unprocessable payload', 'A payload could not be decrypted with the configured keys.');
      }
      return { payloads: payloads.map(toJson) };
    },
  });
  return [route('encode'), route('decode')];
}

/** CORS for the Temporal Web UI's origin on the codec routes: it calls them from the browser. */
export function codecCors(origin: string): RequestHandler {
  return (req, res, next) => {
    if (req.get('origin') !== origin) return next();
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
    if (req.method !== 'OPTIONS') return next();
    res.setHeader('Access-Control-Allow-Methods', 'POST');
    res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, x-namespace');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
