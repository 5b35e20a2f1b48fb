import { checkChoices } from './checks/choice';
import { indexGraph } from './graph/graph-index';
import type { DefinitionIssue, DefinitionValidation } from './issues';
import { checkLimits, type LimitCheckOptions } from './checks/limit';
import { checkParallel } from './checks/parallel';
import { analyseRegions } from './graph/regions';
import { checkFormSchema, validateSchema } from './schema/validation';
import { checkStructure } from './checks/structure';
import { checkTasks } from './checks/task';

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
