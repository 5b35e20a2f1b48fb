import { describe, expect, it } from 'vitest';
import {
  checkExpression,
  evaluateCondition,
  ExpressionSyntaxError,
  parseExpression,
  tryParseExpression,
} from '../../../domain/definition';
import { baseItem } from './builders';

const formSchema = baseItem.catalogue.formSchema;

function syntaxError(source: string): ExpressionSyntaxError {
  const result = tryParseExpression(source);
  if (result.ok) throw new Error(`expected ${source} not to parse`);
  return result.error;
}

describe('parseExpression', () => {
  it('parses literals, dotted paths, comparisons, in-lists and boolean operators', () => {
    expect(parseExpression('data.applicant.type == "企业"')).toEqual({
      type: 'compare',
      operator: '==',
      left: { type: 'path', path: ['data', 'applicant', 'type'], position: 0 },
      right: { type: 'literal', value: '企业', position: 23 },
      position: 20,
    });
    const ast = parseExpression('!(data.amount >= 10.5) && data.kind in ["a", -1, true, null] || data.urgent');
    expect(ast.type).toBe('or');
    expect(JSON.stringify(ast)).toContain('"value":-1');
  });

  it('makes && bind tighter than ||', () => {
    const ast = parseExpression('true || false && false');
    expect(ast).toMatchObject({ type: 'or', operands: [{ type: 'literal' }, { type: 'and' }] });
  });

  it.each([
    ['data.amount >', 'early-end', 13],
    ['data.amount > > 1', 'unexpected-token', 14],
    ['data.amount @ 1', 'unexpected-character', 12],
    ['"open', 'unterminated-string', 0],
    ['data.kind in [data.x]', 'list-literal', 14],
    ['(data.amount > 1', 'expected', 16],
    ['data.', 'field-name', 5],
    ['12abc', 'malformed-number', 2],
    ['data.amount 1', 'unexpected-token', 12],
  ])('refuses %j with %s at %i', (source, code, position) => {
    const error = syntaxError(source);
    expect(error.code).toBe(code);
    expect(error.position).toBe(position);
    expect(error.reason.zh.length).toBeGreaterThan(0);
  });

  it('throws ExpressionSyntaxError from parseExpression', () => {
    expect(() => parseExpression('data.amount ==')).toThrow(ExpressionSyntaxError);
  });
});

describe('malicious conditions', () => {
  it.each(['data.constructor', 'data.__proto__.polluted == 1', 'constructor.constructor("return 1")', 'data.x.prototype'])(
    'refuses %j',
    (source) => {
      expect(syntaxError(source).code).toMatch(/reserved-name|unexpected-token/);
    },
  );

  it('refuses calls and code-like input', () => {
    for (const source of ['process.exit(1)', 'data.x; 1', 'a = 1', '`x`', 'data["amount"]', 'new Function("x")']) {
      expect(tryParseExpression(source).ok).toBe(false);
    }
  });

  it('refuses huge input quickly, without scanning it', () => {
    const started = performance.now();
    expect(syntaxError('1 == 1 && '.repeat(100_000)).code).toBe('too-long');
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('refuses deep nesting instead of overflowing the stack', () => {
    expect(syntaxError(`${'('.repeat(500)}true${')'.repeat(500)}`).code).toBe('too-deep');
    expect(syntaxError(`${'!'.repeat(500)}true`).code).toBe('too-deep');
  });

  it('never reads inherited properties, whatever AST it is given', () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    expect(evaluateCondition({ type: 'path', path: ['data', 'toString'], position: 0 }, {})).toBe(false);
    expect(
      evaluateCondition(
        { type: 'compare', operator: '==', left: { type: 'path', path: ['data', '__proto__'], position: 0 }, right: { type: 'literal', value: null, position: 0 }, position: 0 },
        data,
      ),
    ).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('evaluateCondition', () => {
  const data = { amount: 120, name: '张三', urgent: true, kind: 'enterprise', applicant: { type: 'company', age: 3 } };

  it.each([
    ['data.amount > 100', true],
    ['data.amount <= 100', false],
    ['data.amount == 120 && data.urgent', true],
    ['data.applicant.type == "company"', true],
    ['data.kind in ["enterprise", "other"]', true],
    ['!(data.kind in ["individual"])', true],
    ['data.name >= "张"', true],
    ['data.missing == null', true],
    ['data.missing.deeper == null', true],
    ['data.missing > 1', false],
    ['data.name > 1', false],
    ['data.applicant == data.applicant', false],
    ['!data.amount', true],
    ['data.urgent || data.missing', true],
    ["'a\\'b' == \"a'b\"", true],
    ['other.amount == null', true],
  ])('%s → %s', (source, expected) => {
    expect(evaluateCondition(source, data)).toBe(expected);
  });

  it('treats non-object data as having no fields', () => {
    expect(evaluateCondition('data.amount == null', 42)).toBe(true);
    expect(evaluateCondition('data.amount == null', [1, 2])).toBe(true);
  });

  it('accepts a parsed expression', () => {
    const ast = parseExpression('data.amount > 10');
    expect(evaluateCondition(ast, { amount: 11 })).toBe(true);
    expect(evaluateCondition(ast, { amount: 9 })).toBe(false);
  });
});

describe('checkExpression', () => {
  const problems = (source: string, schema: unknown = formSchema) =>
    checkExpression(parseExpression(source), schema).map((p) => [p.kind, p.position]);

  it('accepts conditions that fit the form', () => {
    expect(problems('data.amount > 10 && data.kind == "enterprise" || data.applicant.age >= 18')).toEqual([]);
    expect(problems('data.urgent && data.name != null')).toEqual([]);
  });

  it('reports unknown fields with their position', () => {
    expect(problems('data.amount > 1 && data.amout > 2')).toEqual([['unknown-identifier', 19]]);
    expect(problems('data.applicant.typo == "x"')).toEqual([['unknown-identifier', 0]]);
    expect(problems('amount > 1')).toEqual([['unknown-identifier', 0]]);
    expect(problems('data == 1')).toEqual([['unknown-identifier', 0]]);
  });

  it('reports type errors where types are known', () => {
    expect(problems('data.amount == "abc"')).toEqual([['type', 12]]);
    expect(problems('data.urgent > 1')).toEqual([['type', 12]]);
    expect(problems('data.kind == "company"')).toEqual([['type', 13]]);
    expect(problems('data.kind in ["enterprise", 3]')).toEqual([
      ['type', 28],
      ['type', 28],
    ]);
    expect(problems('data.amount && true')).toEqual([['type', 0]]);
    expect(problems('data.amount')).toEqual([['type', 0]]);
    expect(problems('1 < null')).toEqual([['type', 2]]);
  });

  it('checks only the root name when the form declares no fields', () => {
    expect(problems('data.anything == "x"', {})).toEqual([]);
    expect(problems('case.anything == "x"', {})).toEqual([['unknown-identifier', 0]]);
  });

  it('allows comparing any field with null', () => {
    expect(problems('data.amount == null || data.kind != null')).toEqual([]);
  });
});

describe('checkExpression without a form schema', () => {
  it('checks only the root name', () => {
    expect(checkExpression(parseExpression('data.anything == "x"'))).toEqual([]);
    expect(checkExpression(parseExpression('case.anything == "x"')).map((p) => p.kind)).toEqual(['unknown-identifier']);
  });
});
