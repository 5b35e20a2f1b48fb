import { ExpressionSyntaxError } from './errors';

/**
 * Tokenizer of the condition language used on choice edges. Hand-written so that
 * nothing is ever evaluated as code; every token carries its source position.
 */

/** Longest condition accepted, in characters; longer input is refused, not scanned. */
export const maxExpressionLength = 2000;

export type TokenKind = 'number' | 'string' | 'identifier' | 'keyword' | 'operator' | 'end';

export interface Token {
  kind: TokenKind;
  /** Operator or keyword text, identifier name, or the literal's source text. */
  text: string;
  /** Decoded value of a number or string literal. */
  value?: number | string;
  /** Zero-based character offset in the source. */
  position: number;
}

const keywords = new Set(['true', 'false', 'null', 'in']);
const operators = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '[', ']', ',', '.', '-'];
const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
const numberPattern = /[0-9]+(\.[0-9]+)?/y;
const identifierStart = /[\p{L}_]/u;
const identifierPart = /[\p{L}\p{N}_]/u;

/**
 * Splits a condition into tokens, ending with an 'end' token.
 * @throws ExpressionSyntaxError on an unknown character, an unterminated string or over-long input.
 */
export function tokenize(source: string): Token[] {
  if (source.length > maxExpressionLength) {
    throw new ExpressionSyntaxError('too-long', maxExpressionLength, String(maxExpressionLength));
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
    } else if (/[0-9]/.test(ch)) {
      numberPattern.lastIndex = i;
      const text = numberPattern.exec(source)?.[0] ?? ch;
      if (identifierPart.test(source.charAt(i + text.length))) {
        throw new ExpressionSyntaxError('malformed-number', i + text.length);
      }
      tokens.push({ kind: 'number', text, value: Number(text), position: i });
      i += text.length;
    } else if (ch === '"' || ch === "'") {
      const end = readString(source, i);
      tokens.push({ kind: 'string', text: source.slice(i, end.next), value: end.value, position: i });
      i = end.next;
    } else if (identifierStart.test(ch)) {
      let j = i + 1;
      while (j < source.length && identifierPart.test(source.charAt(j))) j += 1;
      const text = source.slice(i, j);
      tokens.push({ kind: keywords.has(text) ? 'keyword' : 'identifier', text, position: i });
      i = j;
    } else {
      const op = operators.find((candidate) => source.startsWith(candidate, i));
      if (op === undefined) throw new ExpressionSyntaxError('unexpected-character', i, ch);
      tokens.push({ kind: 'operator', text: op, position: i });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end', text: '', position: source.length });
  return tokens;
}

function readString(source: string, start: number): { value: string; next: number } {
  const quote = source.charAt(start);
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === quote) return { value, next: i + 1 };
    if (ch === '\\') {
      const escaped = source.charAt(i + 1);
      if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      const decoded = escapes[escaped];
      if (decoded === undefined) throw new ExpressionSyntaxError('bad-escape', i);
      value += decoded;
      i += 2;
    } else {
      value += ch;
      i += 1;
    }
  }
  throw new ExpressionSyntaxError('unterminated-string', start);
}
