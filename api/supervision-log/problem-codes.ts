import type { ChainProblem } from './chain';

/**
 * A stable code for each kind of break the chain's check reports (chain.ts, service.ts,
 * export-file.ts write them in English), so the web app can say it in the reader's language.
 * The first pattern that matches names it; the problem texts are this module's own.
 */
const CODES = [
  ['out-of-order', /^expected record \d+ here/],
  ['prev-hash', /^prevHash does not match/],
  ['hash', /^hash does not match the content/],
  ['seq-or-prev-hash', /^seq or prevHash differs/],
  ['copies-differ', /^the stored fields differ/],
  ['anchor-differs', /^the hash differs from the anchor/],
  ['anchor-missing', /^the anchored record is missing/],
  ['content-unreadable', /^(content is|unknown content version|unknown hash algorithm)/],
] as const;

export type ChainProblemCode = (typeof CODES)[number][0] | 'other';
export const PROBLEM_CODES: readonly ChainProblemCode[] = [...CODES.map(([code]) => code), 'other'];

export function withCode(p: ChainProblem): ChainProblem & { code: ChainProblemCode } {
  return { ...p, code: CODES.find(([, pattern]) => pattern.test(p.problem))?.[0] ?? 'other' };
}
