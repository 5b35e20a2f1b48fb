import type { Expression, LiteralExpression } from './ast';
import { parseExpression } from './parser';
import { isRecord } from '../json';

/** The only root name a condition may read: the case's application data. */
export const conditionDataRoot = 'data';

const reservedNames = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Evaluates a choice condition against case data. Total and side-effect free: a
 * missing field reads as null, a comparison between mismatched types is false, and
 * only a value that is exactly `true` counts as true. Reads own properties of plain
 * objects only, so nothing on a prototype is ever reached.
 * @throws ExpressionSyntaxError when given source text that does not parse.
 */
export function evaluateCondition(condition: string | Expression, data: unknown): boolean {
  const expression = typeof condition === 'string' ? parseExpression(condition) : condition;
  return evaluate(expression, data) === true;
}

function evaluate(expression: Expression, data: unknown): unknown {
  switch (expression.type) {
    case 'literal':
      return expression.value;
    case 'path':
      return readPath(expression.path, data);
    case 'compare': {
      const left = evaluate(expression.left, data);
      const right = evaluate(expression.right, data);
      switch (expression.operator) {
        case '==':
          return equal(left, right);
        case '!=':
          return !equal(left, right);
        default:
          return ordered(expression.operator, left, right);
      }
    }
    case 'in': {
      const value = evaluate(expression.value, data);
      return expression.list.some((item: LiteralExpression) => equal(value, item.value));
    }
    case 'not':
      return evaluate(expression.operand, data) !== true;
    case 'and':
      return expression.operands.every((operand) => evaluate(operand, data) === true);
    case 'or':
      return expression.operands.some((operand) => evaluate(operand, data) === true);
  }
}

function readPath(path: readonly string[], data: unknown): unknown {
  if (path[0] !== conditionDataRoot) return null;
  let current: unknown = data;
  for (const segment of path.slice(1)) {
    if (reservedNames.has(segment) || !isRecord(current) || !Object.prototype.hasOwnProperty.call(current, segment)) {
      return null;
    }
    current = current[segment];
  }
  return current === undefined || typeof current === 'function' ? null : current;
}


/** Equality of JSON scalars; objects and arrays are never equal to anything. */
function equal(left: unknown, right: unknown): boolean {
  return left === right && (left === null || typeof left !== 'object');
}

function ordered(operator: '<' | '<=' | '>' | '>=', left: unknown, right: unknown): boolean {
  const comparable =
    (typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string');
  if (!comparable) return false;
  const [a, b] = [left as number | string, right as number | string];
  switch (operator) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}
