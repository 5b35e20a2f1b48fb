import { checkChoices } from './choice-checks';
import { indexGraph } from './graph-index';
import type { DefinitionIssue, DefinitionValidation } from './issues';
import { checkLimits, type LimitCheckOptions } from './limit-checks';
import { checkParallel } from './parallel-checks';
import { analyseRegions } from './regions';
import { checkFormSchema, validateSchema } from './schema-validation';
import { checkStructure } from './structure-checks';
import { checkTasks } from './task-checks';

export type ValidationOptions = LimitCheckOptions;

/**
 * Validates a process definition: first against the JSON Schema (issues carry JSON
 * pointers), then, if the shape is right, the graph rules the schema cannot state.
 * Errors block publishing; warnings do not. Never modifies its input.
 */
export function validateDefinition(input: unknown, options: ValidationOptions = {}): DefinitionValidation {
  const { definition, issues: schemaIssues } = validateSchema(input);
  if (definition === undefined) return { ok: false, errors: schemaIssues, warnings: [] };
  const index = indexGraph(definition);
  const regions = index.order === undefined ? undefined : analyseRegions(index);
  const issues: DefinitionIssue[] = [
    ...checkFormSchema(definition),
    ...checkStructure(definition, index),
    ...(regions === undefined ? [] : checkParallel(definition, index, regions)),
    ...checkTasks(definition, index, regions),
    ...checkChoices(definition, index),
    ...checkLimits(definition, index, options),
  ];
  const errors = issues.filter((issue) => issue.severity === 'error');
  const warnings = issues.filter((issue) => issue.severity === 'warning');
  return { ok: errors.length === 0, errors, warnings, definition };
}
