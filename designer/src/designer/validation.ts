import { checkDirectory, validateDefinition, type DefinitionIssue, type DefinitionValidation, type Directory } from '../../../domain/definition';
import { currentDefinition, type DesignerGraph } from './store';
import type { Selection } from './types';

/**
 * The same checks the server runs before publishing: the domain's `validateDefinition` and,
 * once the directory is read, `checkDirectory` (every task's department and role exist).
 */
export function validateGraph(graph: DesignerGraph, directory: Directory | null = null): DefinitionValidation {
  const validation = validateDefinition(currentDefinition(graph));
  if (directory === null || validation.definition === undefined) return validation;
  const unknown = checkDirectory(validation.definition, directory);
  return unknown.length === 0 ? validation : { ...validation, ok: false, errors: [...validation.errors, ...unknown] };
}

/**
 * The element an issue is about: its node or edge, else the node or edge its JSON pointer
 * (`/nodes/3/role`) falls in (the graph's order is the definition's), else the item.
 */
export function issueTarget(issue: DefinitionIssue, graph: Pick<DesignerGraph, 'nodes' | 'edges'>): Selection {
  if (issue.nodeId !== undefined) return { kind: 'node', id: issue.nodeId };
  if (issue.edgeId !== undefined) return { kind: 'edge', id: issue.edgeId };
  const match = /^\/(nodes|edges)\/(\d+)/.exec(issue.path ?? '');
  if (match !== null) {
    const index = Number(match[2]);
    const element = match[1] === 'nodes' ? graph.nodes[index] : graph.edges[index];
    if (element !== undefined) return { kind: match[1] === 'nodes' ? 'node' : 'edge', id: element.id };
  }
  return { kind: 'item' };
}

/** 'error' or 'warning' per node and edge id: the worst issue about each. */
export function severityByElement(validation: DefinitionValidation | null, graph: Pick<DesignerGraph, 'nodes' | 'edges'>): Map<string, 'error' | 'warning'> {
  const map = new Map<string, 'error' | 'warning'>();
  if (validation === null) return map;
  for (const issue of [...validation.errors, ...validation.warnings]) {
    const target = issueTarget(issue, graph);
    if (target.kind === 'item') continue;
    if (map.get(target.id) !== 'error') map.set(target.id, issue.severity);
  }
  return map;
}
