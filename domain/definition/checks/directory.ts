import { definitionError, type DefinitionIssue } from '../issues';
import type { ProcessDefinition } from '../types';

/** What the organisation has: department codes, and the positions its active users hold. */
export interface Directory {
  departments: readonly string[];
  positions: readonly string[];
}

/**
 * Checks that every department and task role of a definition exists in the directory: a
 * task whose role no one holds, or whose department does not exist, could never be acted on,
 * and its cases would stand until their red card. Each issue names the node and the field.
 */
export function checkDirectory(definition: ProcessDefinition, directory: Directory): DefinitionIssue[] {
  const departments = new Set(directory.departments);
  const positions = new Set(directory.positions);
  const issues: DefinitionIssue[] = [];
  if (!departments.has(definition.item.department)) {
    const code = definition.item.department;
    issues.push(definitionError('UNKNOWN_DEPARTMENT', `事项的主管部门“${code}”不在部门目录中`, `The item's department '${code}' is not in the directory`, { path: '/item/department' }));
  }
  definition.nodes.forEach((node, index) => {
    if (node.kind !== 'task') return;
    const label = `“${node.name}”(${node.id})`;
    if (!departments.has(node.department)) {
      issues.push(definitionError(
        'UNKNOWN_DEPARTMENT',
        `环节${label}的办理部门“${node.department}”不在部门目录中`,
        `Task '${node.name}' (${node.id}): department '${node.department}' is not in the directory`,
        { nodeId: node.id, path: `/nodes/${index}/department` },
      ));
    }
    if (!positions.has(node.role)) {
      issues.push(definitionError(
        'UNKNOWN_ROLE',
        `环节${label}的岗位“${node.role}”没有任何在岗人员担任,无人能办理`,
        `Task '${node.name}' (${node.id}): role '${node.role}' is held by no active user, so no one could act on it`,
        { nodeId: node.id, path: `/nodes/${index}/role` },
      ));
    }
  });
  return issues;
}
