import type { ComparisonOperator, Expression, LiteralExpression, PathExpression } from './ast';
import { ExpressionSyntaxError } from './errors';
import { tokenize, type Token } from './tokens';

/** Deepest nesting of parentheses and negations accepted. */
export const maxExpressionDepth = 32;

/** Names that could reach an object's prototype chain; refused wherever they appear. */
const reservedNames = new Set(['__proto__', 'constructor', 'prototype']);
const comparisonOperators = new Set(['==', '!=', '<', '<=', '>', '>=']);

/**
 * Parses a choice condition into an AST.
 *
 * Grammar: `or := and ('||' and)*`, `and := not ('&&' not)*`, `not := '!' not | comparison`,
 * `comparison := primary (op primary | 'in' '[' literals ']')?`,
 * `primary := literal | path | '(' or ')'`.
 * @throws ExpressionSyntaxError with the offset of the first unreadable token.
 */
export function parseExpression(source: string): Expression {
  return new Parser(tokenize(source)).parse();
}

/** Like `parseExpression` but returns the error instead of throwing it. */
export function tryParseExpression(
  source: string,
): { ok: true; expression: Expression } | { ok: false; error: ExpressionSyntaxError } {
  try {
    return { ok: true, expression: parseExpression(source) };
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return { ok: false, error };
    throw error;
  }
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Expression {
    const expression = this.parseOr();
    const rest = this.peek();
    if (rest.kind !== 'end') throw new ExpressionSyntaxError('unexpected-token', rest.position, rest.text);
    return expression;
  }

  private parseOr(): Expression {
    return this.parseChain('||', 'or', () => this.parseAnd());
  }

  private parseAnd(): Expression {
    return this.parseChain('&&', 'and', () => this.parseNot());
  }

  private parseChain(operator: string, type: 'and' | 'or', operand: () => Expression): Expression {
    const first = operand();
    const operands = [first];
    while (this.isOperator(operator)) {
      this.index += 1;
      operands.push(operand());
    }
    return operands.length === 1 ? first : { type, operands, position: first.position };
  }

  private parseNot(): Expression {
    const token = this.peek();
    if (!this.isOperator('!')) return this.parseComparison();
    this.index += 1;
    return this.nested(token, () => ({ type: 'not', operand: this.parseNot(), position: token.position }));
  }

  private parseComparison(): Expression {
    const left = this.parsePrimary();
    const token = this.peek();
    if (token.kind === 'operator' && comparisonOperators.has(token.text)) {
      this.index += 1;
      const right = this.parsePrimary();
      return { type: 'compare', operator: token.text as ComparisonOperator, left, right, position: token.position };
    }
    if (token.kind === 'keyword' && token.text === 'in') {
      this.index += 1;
      return { type: 'in', value: left, list: this.parseList(), position: token.position };
    }
    return left;
  }

  private parseList(): LiteralExpression[] {
    this.expectOperator('[');
    const list: LiteralExpression[] = [];
    if (this.isOperator(']')) {
      this.index += 1;
      return list;
    }
    for (;;) {
      const item = this.parsePrimary();
      if (item.type !== 'literal') throw new ExpressionSyntaxError('list-literal', item.position);
      list.push(item);
      if (this.isOperator(']')) break;
      this.expectOperator(',');
    }
    this.index += 1;
    return list;
  }

  private parsePrimary(): Expression {
    const token = this.next();
    switch (token.kind) {
      case 'number':
      case 'string':
        return { type: 'literal', value: token.value ?? null, position: token.position };
      case 'keyword':
        if (token.text === 'in') break;
        return { type: 'literal', value: token.text === 'null' ? null : token.text === 'true', position: token.position };
      case 'identifier':
        return this.parsePath(token);
      case 'operator':
        if (token.text === '-' && this.peek().kind === 'number') {
          const number = this.next();
          return { type: 'literal', value: -(number.value as number), position: token.position };
        }
        if (token.text === '(') {
          const inner = this.nested(token, () => this.parseOr());
          this.expectOperator(')');
          return inner;
        }
        break;
      case 'end':
        throw new ExpressionSyntaxError('early-end', token.position);
    }
    throw new ExpressionSyntaxError('unexpected-token', token.position, token.text);
  }

  private parsePath(first: Token): PathExpression {
    const path = [this.segment(first)];
    while (this.isOperator('.')) {
      this.index += 1;
      const token = this.next();
      if (token.kind !== 'identifier' && token.kind !== 'keyword') {
        throw new ExpressionSyntaxError('field-name', token.position);
      }
      path.push(this.segment(token));
    }
    return { type: 'path', path, position: first.position };
  }

  private segment(token: Token): string {
    if (reservedNames.has(token.text)) throw new ExpressionSyntaxError('reserved-name', token.position, token.text);
    return token.text;
  }

  private nested<T>(token: Token, parse: () => T): T {
    this.depth += 1;
    if (this.depth > maxExpressionDepth) throw new ExpressionSyntaxError('too-deep', token.position);
    const result = parse();
    this.depth -= 1;
    return result;
  }

  private peek(): Token {
    return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  private isOperator(text: string): boolean {
    const token = this.peek();
    return token.kind === 'operator' && token.text === text;
  }

  private expectOperator(text: string): void {
    const token = this.next();
    if (token.kind !== 'operator' || token.text !== text) {
      throw new ExpressionSyntaxError('expected', token.position, text);
    }
  }
}
