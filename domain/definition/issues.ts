import type { ProcessDefinition } from './types';

/** A problem found in a process definition, phrased for a process administrator. */
export interface DefinitionIssue {
  /** Stable identifier, e.g. 'START_COUNT', 'UNREACHABLE_NODE'. */
  code: string;
  severity: 'error' | 'warning';
  nodeId?: string;
  edgeId?: string;
  /** JSON pointer into the definition, for schema errors. */
  path?: string;
  message: { zh: string; en: string };
}

/** Outcome of `validateDefinition`: errors block publishing, warnings do not. */
export interface DefinitionValidation {
  /** True when there are no errors. */
  ok: boolean;
  errors: DefinitionIssue[];
  warnings: DefinitionIssue[];
  /** The definition with defaults filled in, when it satisfies the schema. */
  definition?: ProcessDefinition;
}

export interface IssueLocation {
  nodeId?: string;
  edgeId?: string;
  path?: string;
}

/** Builds an error-level issue. */
export function definitionError(code: string, zh: string, en: string, at: IssueLocation = {}): DefinitionIssue {
  return { code, severity: 'error', ...at, message: { zh, en } };
}

/** Builds a warning-level issue. */
export function definitionWarning(code: string, zh: string, en: string, at: IssueLocation = {}): DefinitionIssue {
  return { code, severity: 'warning', ...at, message: { zh, en } };
}
