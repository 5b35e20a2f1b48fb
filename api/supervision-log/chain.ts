import { createHash, getHashes } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { LogTargetKind, SupervisionLogAction } from '../../domain/records/supervision-log';

/*
 * The supervision log (监察日志) is a hash chain. Each record's `content` is the RFC 8785
 * (JSON Canonicalization Scheme) text of
 *   { v, seq, prevHash, alg, at, actor, action, target, requestId, details }
 * — object keys sorted by UTF-16 code units, no whitespace, numbers in ECMAScript form,
 * strings with the minimal JSON escapes. `hash` is the lowercase hex digest of the UTF-8
 * bytes of `content` by `alg`. Because `content` holds `seq` and `prevHash`, changing,
 * removing, inserting or reordering any record breaks the chain at that point.
 */

export const HASH_ALGORITHMS = ['sha256', 'sm3'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

/** `prevHash` of the first record. */
export const GENESIS_HASH = '0'.repeat(64);
export const LOG_FORMAT = 'sunlight-supervision-log';
export const CANONICALIZATION = 'RFC 8785 JSON Canonicalization Scheme';

/** Who acted: a signed-in user, or the platform itself (reminders, scheduled jobs). */
export interface LogActor {
  userId: string;
  username: string;
  roles: string[];
}

export interface LogTarget {
  kind: LogTargetKind;
  id: string;
}

/** What a caller records; the chain adds seq, prevHash, alg and the time. */
export interface SupervisionLogEntry {
  actor: LogActor;
  /** Dotted verb, e.g. 'definition.publish', 'alert.acknowledge': one of the list the web app names. */
  action: SupervisionLogAction;
  target: LogTarget;
  requestId?: string | null;
  /** JSON only (no Date, undefined or NaN): it is hashed as written. */
  details?: Record<string, unknown>;
  /** The intent this record completes; kept in `details.intentId` and appended once. */
  intentId?: string;
}

export interface LogContent {
  v: 1;
  seq: number;
  prevHash: string;
  alg: HashAlgorithm;
  at: string;
  actor: LogActor;
  action: string;
  target: LogTarget;
  requestId: string | null;
  details: Record<string, unknown>;
}

/** One link of the chain as stored and exported. */
export interface ChainRecord {
  seq: number;
  prevHash: string;
  hash: string;
  content: string;
}

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

/** Fails at start-up rather than on the first append when this Node build lacks SM3. */
export function assertHashAvailable(alg: HashAlgorithm): void {
  if (!getHashes().includes(alg)) throw new Error(`hash algorithm ${alg} is not available in this Node.js build`);
}

export function digest(alg: HashAlgorithm, text: string): string {
  return createHash(alg).update(text, 'utf8').digest('hex');
}

/** The next record after `prev` (null for the first). */
export function buildRecord(
  prev: { seq: number; hash: string } | null, entry: SupervisionLogEntry, at: Date, alg: HashAlgorithm,
): { record: ChainRecord; content: LogContent } {
  const content: LogContent = {
    v: 1,
    seq: (prev?.seq ?? 0) + 1,
    prevHash: prev?.hash ?? GENESIS_HASH,
    alg,
    at: at.toISOString(),
    actor: { userId: entry.actor.userId, username: entry.actor.username, roles: [...entry.actor.roles] },
    action: entry.action,
    target: { kind: entry.target.kind, id: entry.target.id },
    requestId: entry.requestId ?? null,
    details: entry.intentId === undefined ? (entry.details ?? {}) : { ...entry.details, intentId: entry.intentId },
  };
  const text = canonicalJson(content);
  return { record: { seq: content.seq, prevHash: content.prevHash, hash: digest(alg, text), content: text }, content };
}

export interface ChainProblem {
  seq: number | null;
  /** Line of an exported file (1 is the header), when checking a file. */
  line?: number;
  problem: string;
}

export interface ChainReport {
  valid: boolean;
  count: number;
  head: { seq: number; hash: string } | null;
  algorithms: HashAlgorithm[];
  problems: ChainProblem[];
}

const MAX_PROBLEMS = 100;

function parseContent(text: string): LogContent | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'content is not JSON';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'content is not a JSON object';
  const c = parsed as Partial<LogContent>;
  if (c.v !== 1) return `unknown content version ${String(c.v)}`;
  if (!HASH_ALGORITHMS.includes(c.alg as HashAlgorithm)) return `unknown hash algorithm ${String(c.alg)}`;
  if (canonicalJson(parsed) !== text) return 'content is not in canonical form';
  return c as LogContent;
}

/**
 * Checks records in sequence order, one at a time, so a log of any length is checked in
 * constant memory. Each problem names the record where the chain breaks.
 */
export class ChainVerifier {
  private count = 0;
  private expectedSeq: number;
  private prevHash: string;
  private head: { seq: number; hash: string } | null = null;
  private readonly algorithms = new Set<HashAlgorithm>();
  readonly problems: ChainProblem[] = [];

  constructor(start: { seq: number; prevHash: string } = { seq: 1, prevHash: GENESIS_HASH }) {
    this.expectedSeq = start.seq;
    this.prevHash = start.prevHash;
  }

  fail(problem: ChainProblem): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
  }

  /** Checks one record; `check` compares what else the store keeps beside it with the parsed content. */
  push(record: ChainRecord, line?: number, check?: (content: LogContent) => string | null): LogContent | null {
    const at = { seq: typeof record.seq === 'number' ? record.seq : null, ...(line !== undefined && { line }) };
    this.count++;
    if (record.seq !== this.expectedSeq) {
      this.fail({ ...at, problem: `expected record ${this.expectedSeq} here: a record is missing, duplicated or out of order` });
    }
    if (record.prevHash !== this.prevHash) {
      this.fail({ ...at, problem: `prevHash does not match the hash of the record before it (that record or this one was altered)` });
    }
    const content = typeof record.content === 'string' ? parseContent(record.content) : 'content is missing';
    let parsed: LogContent | null = null;
    if (typeof content === 'string') {
      this.fail({ ...at, problem: content });
    } else {
      parsed = content;
      this.algorithms.add(content.alg);
      if (digest(content.alg, record.content) !== record.hash) this.fail({ ...at, problem: 'hash does not match the content (the record was altered)' });
      if (content.seq !== record.seq || content.prevHash !== record.prevHash) {
        this.fail({ ...at, problem: 'seq or prevHash differs from the hashed content' });
      }
      const other = check?.(content);
      if (other) this.fail({ ...at, problem: other });
    }
    this.expectedSeq = (typeof record.seq === 'number' ? record.seq : this.expectedSeq) + 1;
    this.prevHash = record.hash;
    this.head = { seq: record.seq, hash: record.hash };
    return parsed;
  }

  report(): ChainReport {
    return {
      valid: this.problems.length === 0,
      count: this.count,
      head: this.head,
      algorithms: [...this.algorithms].sort(),
      problems: this.problems,
    };
  }
}

/** First line of an exported file: what it holds and how to check it. */
export interface ExportHeader {
  format: typeof LOG_FORMAT;
  version: 1;
  canonicalization: typeof CANONICALIZATION;
  fromSeq: number;
  toSeq: number;
  count: number;
  /** Hash of record fromSeq − 1 (the genesis hash when the file starts at 1). */
  prevHash: string;
  /** Hash of record toSeq: compare with the live log, or a copy kept elsewhere. */
  headHash: string;
  exportedAt: string;
}
