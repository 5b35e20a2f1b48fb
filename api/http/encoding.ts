import type { ErrorRequestHandler } from 'express';
import { badRequest, type FieldProblem } from './errors';

type Part = FieldProblem['in'];

// In unicode mode a surrogate pair reads as one code point, so only a lone surrogate matches.
const LONE_SURROGATE = /\p{Cs}/u;
const wellFormed = (text: string) => !LONE_SURROGATE.test(text);

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Why a string cannot be kept as sent, if it cannot: a lone UTF-16 surrogate has no UTF-8
 * form (the database and the log's hash would each store something else), and NUL ends a
 * BSON field name and has no place in an identifier.
 */
function flaw(text: string, nulAllowed: boolean): string | undefined {
  if (!wellFormed(text)) return 'contains a lone UTF-16 surrogate (not encodable as UTF-8)';
  if (!nulAllowed && text.includes('\u0000')) return 'contains a NUL character';
  return undefined;
}

/**
 * Every member of a request part that cannot be encoded: object keys (NUL refused) and string
 * values (NUL refused outside the body, where values are identifiers) at any depth, each named
 * by its JSON pointer. Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function unencodable(part: Part, value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: { value: unknown; pointer: string }[] = [{ value, pointer: '' }];
  while (stack.length > 0 && problems.length < 20) {
    const { value: node, pointer } = stack.pop() as { value: unknown; pointer: string };
    if (typeof node === 'string') {
      const detail = flaw(node, part === 'body');
      if (detail) problems.push({ in: part, pointer, detail });
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => stack.push({ value: item, pointer: `${pointer}/${i}` }));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        const keyFlaw = flaw(key, false);
        const at = `${pointer}/${escape(key.replace(/\p{Cs}/gu, '\ufffd'))}`;
        if (keyFlaw) problems.push({ in: part, pointer: at, detail: `has a field name that ${keyFlaw}` });
        else stack.push({ value: item, pointer: at });
      }
    }
  }
  return problems;
}

/** Refuses a request with any unencodable member in its path, query, headers or body (or `found` before). */
export function refuseUnencodable(parts: Partial<Record<Part, unknown>>, found: FieldProblem[] = []): void {
  const problems = [...found, ...(Object.entries(parts) as [Part, unknown][]).flatMap(([part, value]) => unencodable(part, value))];
  if (problems.length > 0) throw badRequest('The request holds text that cannot be encoded; send well-formed UTF-8.', problems);
}

/**
 * Query parameters whose raw value does not decode (`%ZZ`, an encoded surrogate `%ED%A0%80`):
 * the query parser keeps such a value as its raw text, which a search would then take
 * literally, so each answers 400 naming the parameter instead.
 */
export function undecodableQuery(url: string): FieldProblem[] {
  const at = url.indexOf('?');
  if (at < 0) return [];
  const problems: FieldProblem[] = [];
  for (const pair of url.slice(at + 1).split('&')) {
    const [name = '', value = ''] = pair.split('=', 2).map((p) => p.replace(/\+/g, ' '));
    if (!decodes(value)) problems.push({ in: 'query', pointer: `/${escape(decodes(name) ? decodeURIComponent(name) : name)}`, detail: 'is not valid percent-encoded UTF-8' });
  }
  return problems;
}

/** Whether a percent-encoded path segment decodes to well-formed text. */
function decodes(raw: string): boolean {
  try {
    return wellFormed(decodeURIComponent(raw));
  } catch {
    return false;
  }
}

/**
 * The router fails to decode a path parameter (`%ZZ`, an encoded surrogate `%ED%A0%80`) before
 * any route runs; answer 400 naming the parameter of the route the path was meant for.
 */
export function badPathEncoding(paths: string[]): ErrorRequestHandler {
  return (err: unknown, req, _res, next) => {
    if (!(err instanceof URIError)) return next(err);
    const segments = req.path.split('/');
    const errors: FieldProblem[] = [];
    for (const path of paths) {
      const pattern = path.split('/');
      if (pattern.length !== segments.length) continue;
      if (!pattern.every((p, i) => p.startsWith(':') || p === segments[i])) continue;
      pattern.forEach((p, i) => {
        if (p.startsWith(':') && !decodes(segments[i] ?? '')) errors.push({ in: 'path', pointer: `/${p.slice(1)}`, detail: 'is not valid percent-encoded UTF-8' });
      });
      if (errors.length > 0) break;
    }
    next(badRequest('The request path is not valid percent-encoded UTF-8.', errors.length > 0 ? errors : [{ in: 'path', pointer: '', detail: 'is not valid percent-encoded UTF-8' }]));
  };
}
