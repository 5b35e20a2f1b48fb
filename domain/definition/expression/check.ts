import type { Expression, LiteralValue } from './ast';
import { conditionDataRoot } from './evaluate';
import { isRecord } from '../json';

/** A problem a condition is known to have before any case runs. */
export interface ExpressionProblem {
  kind: 'unknown-identifier' | 'type';
  /** Offset in the condition's source. */
  position: number;
  message: { zh: string; en: string };
}

type ValueType = 'number' | 'string' | 'boolean' | 'null' | 'object' | 'array';

/** What is known of a value: its possible types (empty = unknown) and, for a field, its allowed values. */
interface Inferred {
  types: Set<ValueType>;
  allowed?: readonly unknown[];
  label?: string;
}

const typeNames: Record<ValueType, string> = {
  number: '数字',
  string: '文本',
  boolean: '是/否',
  null: '空值',
  object: '对象',
  array: '列表',
};

/**
 * Checks a parsed condition: every name must be a field `data.<field>` of the
 * application form (when its JSON Schema declares properties), and operands must
 * have types the operators accept where those types are knowable from the schema.
 */
export function checkExpression(expression: Expression, formSchema?: unknown): ExpressionProblem[] {
  const problems: ExpressionProblem[] = [];
  const result = infer(expression, formSchema, problems);
  requireBoolean(result, expression.position, problems);
  return problems;
}

function infer(expression: Expression, formSchema: unknown, problems: ExpressionProblem[]): Inferred {
  switch (expression.type) {
    case 'literal':
      return { types: new Set([typeOf(expression.value)]) };
    case 'path':
      return resolvePath(expression.path, expression.position, formSchema, problems);
    case 'compare': {
      const left = infer(expression.left, formSchema, problems);
      const right = infer(expression.right, formSchema, problems);
      const ordering = !['==', '!='].includes(expression.operator);
      checkComparable(left, right, ordering, expression.position, problems);
      checkAllowed(left, expression.right, problems);
      checkAllowed(right, expression.left, problems);
      return { types: new Set(['boolean']) };
    }
    case 'in': {
      const value = infer(expression.value, formSchema, problems);
      for (const item of expression.list) {
        checkComparable(value, { types: new Set([typeOf(item.value)]) }, false, item.position, problems);
        checkAllowed(value, item, problems);
      }
      return { types: new Set(['boolean']) };
    }
    case 'not':
      requireBoolean(infer(expression.operand, formSchema, problems), expression.operand.position, problems);
      return { types: new Set(['boolean']) };
    case 'and':
    case 'or':
      for (const operand of expression.operands) {
        requireBoolean(infer(operand, formSchema, problems), operand.position, problems);
      }
      return { types: new Set(['boolean']) };
  }
}

function resolvePath(path: string[], position: number, formSchema: unknown, problems: ExpressionProblem[]): Inferred {
  const name = path.join('.');
  if (path[0] !== conditionDataRoot || path.length < 2) {
    problems.push({
      kind: 'unknown-identifier',
      position,
      message: {
        zh: `“${name}”不是申请表字段,条件只能引用 data.字段名`,
        en: `'${name}' is not a form field; conditions may only read data.<field>`,
      },
    });
    return { types: new Set() };
  }
  let schema: unknown = formSchema;
  for (const segment of path.slice(1)) {
    const properties = isRecord(schema) && isRecord(schema.properties) ? schema.properties : undefined;
    if (properties === undefined) return { types: new Set(), label: name };
    if (!Object.prototype.hasOwnProperty.call(properties, segment)) {
      problems.push({
        kind: 'unknown-identifier',
        position,
        message: { zh: `申请表中没有字段“${name}”`, en: `the application form has no field '${name}'` },
      });
      return { types: new Set() };
    }
    schema = properties[segment];
  }
  return { ...schemaTypes(schema), label: name };
}

function schemaTypes(schema: unknown): Inferred {
  if (!isRecord(schema)) return { types: new Set() };
  const declared = Array.isArray(schema.type) ? schema.type : [schema.type];
  const types = new Set<ValueType>();
  for (const type of declared) {
    if (type === 'integer' || type === 'number') types.add('number');
    else if (['string', 'boolean', 'null', 'object', 'array'].includes(type as string)) types.add(type as ValueType);
  }
  const allowed = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined;
  if (types.size === 0 && allowed !== undefined) allowed.forEach((value) => types.add(typeOf(value)));
  return allowed === undefined ? { types } : { types, allowed };
}

function checkComparable(
  left: Inferred,
  right: Inferred,
  ordering: boolean,
  position: number,
  problems: ExpressionProblem[],
): void {
  const scalar = (side: Inferred) => [...side.types].filter((t) => (ordering ? t === 'number' || t === 'string' : t !== 'null'));
  const known = left.types.size > 0 && right.types.size > 0;
  const [l, r] = [scalar(left), scalar(right)];
  const incompatible = ordering
    ? (left.types.size > 0 && l.length === 0) || (right.types.size > 0 && r.length === 0) || (known && !l.some((t) => r.includes(t)))
    : known && l.length > 0 && r.length > 0 && !l.some((t) => r.includes(t));
  if (!incompatible) return;
  const describe = (side: Inferred) => [...side.types].map((t) => typeNames[t]).join('/');
  problems.push({
    kind: 'type',
    position,
    message: {
      zh: `无法比较${describe(left)}与${describe(right)}`,
      en: `cannot compare ${[...left.types].join('/')} with ${[...right.types].join('/')}`,
    },
  });
}

function checkAllowed(field: Inferred, other: Expression, problems: ExpressionProblem[]): void {
  if (field.allowed === undefined || other.type !== 'literal' || other.value === null) return;
  if (field.allowed.some((value) => value === other.value)) return;
  const options = field.allowed.map((value) => JSON.stringify(value)).join(', ');
  problems.push({
    kind: 'type',
    position: other.position,
    message: {
      zh: `${JSON.stringify(other.value)} 不是字段“${field.label ?? ''}”的可选值(${options})`,
      en: `${JSON.stringify(other.value)} is not an allowed value of '${field.label ?? ''}' (${options})`,
    },
  });
}

function requireBoolean(inferred: Inferred, position: number, problems: ExpressionProblem[]): void {
  if (inferred.types.size === 0 || inferred.types.has('boolean')) return;
  problems.push({
    kind: 'type',
    position,
    message: { zh: '此处需要一个是/否条件', en: 'a true/false condition is expected here' },
  });
}

function typeOf(value: LiteralValue | unknown): ValueType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'number' || type === 'string' || type === 'boolean' ? type : 'object';
}
