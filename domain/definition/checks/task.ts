import { edgesOf, reachingTo, type GraphIndex } from '../graph/graph-index';
import { definitionError, definitionWarning, type DefinitionIssue } from '../issues';
import type { RegionAnalysis } from '../graph/regions';
import type { ProcessDefinition, TaskNode } from '../types';

/** Actions that only make sense at acceptance (受理 / 不予受理). */
const acceptanceActions = new Set(['accept', 'refuse']);

/**
 * Task checks: each clerk action on a task leads to one edge; `return` edges go back
 * to an earlier task of the same parallel branch; special procedures declare their
 * limit; risk points name their preventive documents.
 */
export function checkTasks(
  definition: ProcessDefinition,
  index: GraphIndex,
  regions: RegionAnalysis | undefined,
): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  for (const node of definition.nodes) {
    if (node.kind === 'task') issues.push(...checkActions(node, index), ...checkTaskFields(node));
  }
  for (const edge of definition.edges) {
    const source = index.nodes.get(edge.source);
    if (edge.action !== undefined && source !== undefined && source.kind !== 'task') {
      issues.push(definitionError('EDGE_ACTION_NOT_ALLOWED', `连线 ${edge.id} 不是从办理环节出发的,不能设置动作`, `Edge ${edge.id} does not leave a task, so it cannot carry an action`, { edgeId: edge.id }));
    }
    if (edge.action === 'return' && source?.kind === 'task' && edge.source !== edge.target) {
      issues.push(...checkReturn(edge.id, edge.source, edge.target, index, regions));
    }
  }
  return issues;
}

function checkActions(task: TaskNode, index: GraphIndex): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const edges = edgesOf(index.outgoing, task.id);
  const seen = new Set<string>();
  for (const edge of edges) {
    const at = { nodeId: task.id, edgeId: edge.id };
    const action = edge.action ?? (edges.length === 1 ? 'complete' : undefined);
    if (action === undefined) {
      issues.push(definitionError('TASK_ACTION_MISSING', `环节“${task.name}”有多条出口,连线 ${edge.id} 须注明办理动作`, `Task '${task.name}' has several exits; edge ${edge.id} needs an action`, at));
      continue;
    }
    if (seen.has(action)) {
      issues.push(definitionError('TASK_ACTION_DUPLICATE', `环节“${task.name}”的动作 ${action} 对应了多条连线`, `Task '${task.name}' has more than one edge for action ${action}`, at));
    }
    seen.add(action);
    if (acceptanceActions.has(action) && task.stage !== 'accept') {
      issues.push(definitionWarning('ACTION_STAGE_MISMATCH', `受理/不予受理动作只应出现在受理环节,环节“${task.name}”不是受理环节`, `Accept and refuse belong to an acceptance task; '${task.name}' is not one`, at));
    }
  }
  return issues;
}

function checkTaskFields(task: TaskNode): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const at = { nodeId: task.id };
  if (task.stage === 'special' && task.specialProcedure === undefined) {
    issues.push(definitionError('SPECIAL_PROCEDURE_MISSING', `特别程序环节“${task.name}”须说明程序类型和时限`, `Special-procedure task '${task.name}' must state its procedure and limit`, at));
  }
  if (task.specialProcedure !== undefined && task.specialProcedure.limitDays === undefined) {
    issues.push(definitionError('SPECIAL_PROCEDURE_LIMIT_MISSING', `环节“${task.name}”的特别程序须规定时限`, `The special procedure of task '${task.name}' needs its own limit`, at));
  }
  if (task.riskPoint !== undefined && task.riskPoint.requiredDocuments.length === 0) {
    issues.push(definitionWarning('RISK_POINT_NO_DOCUMENTS', `风险点环节“${task.name}”未列出防控所需文书`, `Risk point '${task.name}' lists no required preventive documents`, at));
  }
  return issues;
}

function checkReturn(
  edgeId: string,
  sourceId: string,
  targetId: string,
  index: GraphIndex,
  regions: RegionAnalysis | undefined,
): DefinitionIssue[] {
  const at = { edgeId };
  const target = index.nodes.get(targetId);
  if (target === undefined) return [];
  if (target.kind !== 'task') {
    return [definitionError('RETURN_TARGET_NOT_TASK', `退回连线 ${edgeId} 只能指向一个办理环节`, `Return edge ${edgeId} must lead to a task`, at)];
  }
  const predecessors = reachingTo(index, edgesOf(index.forwardIn, sourceId).map((edge) => edge.source));
  if (!predecessors.has(targetId)) {
    return [definitionError('RETURN_NOT_PREDECESSOR', `退回连线 ${edgeId} 须指向此前办理过的环节,“${target.name}”不在此前的路径上`, `Return edge ${edgeId} must lead to an earlier task; '${target.name}' is not before it`, at)];
  }
  const [from, to] = [regions?.innermost.get(sourceId), regions?.innermost.get(targetId)];
  if (from?.splitId !== to?.splitId || from?.branchEdge.get(sourceId) !== to?.branchEdge.get(targetId)) {
    return [definitionError('RETURN_LEAVES_BRANCH', `退回连线 ${edgeId} 不能跨出所在的并行分支`, `Return edge ${edgeId} must stay within its parallel branch`, at)];
  }
  return [];
}
