import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import { cloneJson } from '../definition/json';
import { scoringStandardSchema, type ScoringStandard } from './schema';

/** One problem of a standard: a JSON pointer and what is wrong there. */
export interface StandardIssue {
  path: string;
  message: string;
}

let validator: ValidateFunction<ScoringStandard> | undefined;

function compiled(): ValidateFunction<ScoringStandard> {
  validator ??= new Ajv2020({ allErrors: true, useDefaults: true, discriminator: true, strict: true, strictRequired: false })
    .compile<ScoringStandard>(scoringStandardSchema);
  return validator;
}

/**
 * Checks a scoring standard against its JSON Schema, then that indicator ids are unique,
 * targets lie above floors and scales are not empty. Works on a copy; the answer has
 * defaults filled in. (Ajv compiles with `new Function`: not for the workflow sandbox.)
 */
export function validateStandard(input: unknown): { standard?: ScoringStandard; issues: StandardIssue[] } {
  const copy = cloneJson(input);
  const validate = compiled();
  if (!validate(copy)) {
    return { issues: (validate.errors ?? []).map((e) => ({ path: e.instancePath, message: e.message ?? e.keyword })) };
  }
  const issues: StandardIssue[] = [];
  const seen = new Set<string>();
  copy.indicators.forEach((indicator, i) => {
    if (seen.has(indicator.id)) issues.push({ path: `/indicators/${i}/id`, message: `duplicate indicator id ${indicator.id}` });
    seen.add(indicator.id);
    const f = indicator.formula;
    if (f.kind === 'rate' && (f.target ?? 1) <= (f.floor ?? 0)) issues.push({ path: `/indicators/${i}/formula/target`, message: 'target must exceed floor' });
    if (f.kind === 'average' && f.scaleMax <= (f.scaleMin ?? 0)) issues.push({ path: `/indicators/${i}/formula/scaleMax`, message: 'scaleMax must exceed scaleMin' });
  });
  return issues.length > 0 ? { issues } : { standard: copy, issues };
}
