import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import type { Env } from './env';

/** The `encoding` of an encrypted payload; any other payload is passed through as it is. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata naming the key a payload was encrypted with, so keys can rotate. */
export const KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface PayloadKey {
  id: string;
  /** 32 bytes: AES-256. */
  key: Buffer;
}

const text = (value: string) => new TextEncoder().encode(value);
const textOf = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString();

/** The wire form of a payload inside the ciphertext: JSON of its metadata and data, base64. */
function serialize(payload: Payload): Buffer {
  const metadata = Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]));
  return Buffer.from(JSON.stringify({ metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') }));
}

function deserialize(bytes: Buffer): Payload {
  const parsed = JSON.parse(bytes.toString('utf8')) as { metadata: Record<string, string>; data: string };
  const metadata = Object.fromEntries(Object.entries(parsed.metadata).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]));
  return { metadata, data: new Uint8Array(Buffer.from(parsed.data, 'base64')) };
}

/**
 * Encrypts every Temporal payload (workflow and activity inputs and results, signals,
 * updates, queries, memos) with AES-256-GCM, so the server's database, the history and the
 * Web UI hold ciphertext. Encodes with the first (current) key and names it in the metadata;
 * decodes with whichever configured key the payload names, so an old key kept in the list
 * still opens older histories. A payload without the encrypted encoding (written before
 * encryption was configured) passes through unchanged, so running cases keep replaying.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly keys: Map<string, Buffer>;

  constructor(private readonly ring: readonly PayloadKey[]) {
    if (ring.length === 0) throw new Error('an encrypting codec needs at least one key');
    this.keys = new Map(ring.map(({ id, key }) => [id, key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.ring[0] as PayloadKey;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(id));
      const sealed = Buffer.concat([iv, cipher.update(serialize(payload)), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { encoding: text(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text(id) }, data: new Uint8Array(sealed) };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const metadata = payload.metadata ?? {};
      if (textOf(metadata['encoding']) !== ENCRYPTED_ENCODING) return payload;
      const id = textOf(metadata[KEY_ID_METADATA]);
      const key = this.keys.get(id);
      if (!key) throw new Error(`payload encrypted with key "${id}", which is not configured (TEMPORAL_PAYLOAD_KEYS)`);
      const sealed = Buffer.from(payload.data ?? new Uint8Array());
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(id));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      return deserialize(Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]));
    });
  }
}

/**
 * Reads `TEMPORAL_PAYLOAD_KEYS`: `id:base64key` entries separated by commas, the current
 * key first, each key 32 bytes. Throws naming the entry that is wrong.
 */
export function parsePayloadKeys(value: string | undefined): PayloadKey[] {
  if (!value) return [];
  return value.split(',').map((entry, i) => {
    const [id = '', encoded = ''] = entry.trim().split(':');
    const key = Buffer.from(encoded, 'base64');
    if (!KEY_ID.test(id) || key.length !== 32) {
      throw new Error(`TEMPORAL_PAYLOAD_KEYS entry ${i + 1}: expected <id>:<32 bytes in base64>, id of letters, digits, '.', '_' or '-'`);
    }
    return { id, key };
  });
}

/** A new key entry for `TEMPORAL_PAYLOAD_KEYS`. */
export function newPayloadKey(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/** The `encoding` of a compressed payload; its own encoding is kept under {@link COMPRESSED_FROM_METADATA}. */
export const COMPRESSED_ENCODING = 'binary/deflate';
export const COMPRESSED_FROM_METADATA = 'compressed-from';
/** Payloads smaller than this are left as they are: deflate gains little on them. */
const COMPRESS_FROM_BYTES = 512;
/** A payload that inflates beyond this is refused: Temporal keeps payloads of a few MB at most. */
const INFLATED_LIMIT_BYTES = 64 * 2 ** 20;

/**
 * Compresses a payload's bytes (raw deflate) before the encrypting codec seals them. The worker
 * keeps every payload a cached run was started with or sent (activity inputs above all) for as
 * long as the run is cached, and the server stores them in its history: a recording's JSON
 * shrinks three to ten times. The payload's own metadata stays; its encoding moves to
 * `compressed-from`. Small payloads, and those that deflate by less than a tenth, pass as they
 * are, as does on decoding every payload not compressed (written before this codec).
 *
 * Only beside encryption (`payloadDataConverter`): a sealed payload is unreadable anyway, where
 * a compressed clear one would no longer read in the Web UI without the codec endpoint. What
 * compressing before encrypting lets through is the length of the compressed text: who reads
 * the server's database learns how compressible each payload was, no more.
 */
export class DeflatePayloadCodec implements PayloadCodec {
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const data = payload.data ?? new Uint8Array();
      if (data.length < COMPRESS_FROM_BYTES) return payload;
      const packed = deflateRawSync(data);
      if (packed.length > data.length * 0.9) return payload;
      const { encoding, ...metadata } = payload.metadata ?? {};
      return {
        metadata: { ...metadata, encoding: text(COMPRESSED_ENCODING), ...(encoding && { [COMPRESSED_FROM_METADATA]: encoding }) },
        data: new Uint8Array(packed),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const { encoding, [COMPRESSED_FROM_METADATA]: original, ...metadata } = payload.metadata ?? {};
      if (textOf(encoding) !== COMPRESSED_ENCODING) return payload;
      const data = inflateRawSync(payload.data ?? new Uint8Array(), { maxOutputLength: INFLATED_LIMIT_BYTES });
      return { metadata: { ...metadata, ...(original && { encoding: original }) }, data: new Uint8Array(data) };
    });
  }
}

/**
 * The data converter of every Temporal client and worker: when keys are configured, payloads
 * are compressed, then encrypted (codecs encode in order and decode in reverse).
 */
export function payloadDataConverter(keys: readonly PayloadKey[]): DataConverter {
  return keys.length === 0 ? {} : { payloadCodecs: [new DeflatePayloadCodec(), new AesGcmPayloadCodec(keys)] };
}

/** The configured keys; production refuses to run without them (histories would hold personal data in clear). */
export function payloadKeysOf(env: Pick<Env, 'NODE_ENV' | 'TEMPORAL_PAYLOAD_KEYS'>): PayloadKey[] {
  const keys = parsePayloadKeys(env.TEMPORAL_PAYLOAD_KEYS);
  if (keys.length === 0 && env.NODE_ENV === 'production') throw new Error('TEMPORAL_PAYLOAD_KEYS is required in production (see .env.example)');
  return keys;
}
