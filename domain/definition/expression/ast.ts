/** Syntax tree of a choice condition; every node keeps its source offset for messages. */

export type LiteralValue = string | number | boolean | null;
export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

export interface LiteralExpression {
  type: 'literal';
  value: LiteralValue;
  position: number;
}

/** A dotted name such as `data.applicant.type`, split into its segments. */
export interface PathExpression {
  type: 'path';
  path: string[];
  position: number;
}

export type Expression =
  | LiteralExpression
  | PathExpression
  | { type: 'compare'; operator: ComparisonOperator; left: Expression; right: Expression; position: number }
  | { type: 'in'; value: Expression; list: LiteralExpression[]; position: number }
  | { type: 'not'; operand: Expression; position: number }
  | { type: 'and' | 'or'; operands: Expression[]; position: number };
