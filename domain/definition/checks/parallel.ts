import { edgesOf, reachableFrom, type GraphIndex } from '../graph/graph-index';
import { definitionError, definitionWarning, type DefinitionIssue } from '../issues';
import type { ParallelRegion, RegionAnalysis } from '../graph/regions';
import type { ProcessDefinition } from '../types';

/**
 * Parallel approval checks: every split is closed by exactly one join, branches meet
 * only at that join, and no edge jumps into or out of a region. Nested regions are
 * allowed. Needs an acyclic forward graph.
 */
export function checkParallel(definition: ProcessDefinition, index: GraphIndex, regions: RegionAnalysis): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [...checkDegrees(definition, index)];
  const explainedJoins = new Set<string>();
  const reported = new Set<string>();
  for (const splitId of [...regions.unmatchedSplits].reverse()) {
    issues.push(...explainUnmatched(splitId, index, explainedJoins, reported));
  }
  for (const joinId of regions.sharedJoins) {
    issues.push(definitionError('JOIN_SHARED', `并行汇聚节点 ${joinId} 同时汇合了多个并行分支节点;每个并行分支节点须有自己的汇聚节点`, `Join ${joinId} closes more than one split; each split needs its own join`, { nodeId: joinId }));
  }
  for (const node of definition.nodes) {
    const orphan = !regions.splitOfJoin.has(node.id) && !regions.sharedJoins.includes(node.id) && !explainedJoins.has(node.id);
    if (node.kind === 'parallel-join' && orphan) {
      issues.push(definitionError('JOIN_WITHOUT_SPLIT', `并行汇聚节点“${node.name}”没有对应的并行分支节点`, `Join '${node.name}' closes no parallel split`, { nodeId: node.id }));
    }
  }
  for (const region of regions.regions.values()) issues.push(...checkRegion(region, index));
  for (const merge of regions.merges) {
    issues.push(definitionError('BRANCHES_MERGE', `并行分支在汇聚节点之前于节点 ${merge.nodeId} 合并了`, `Parallel branches of ${merge.splitId} meet at ${merge.nodeId} before their join`, { nodeId: merge.nodeId }));
  }
  return issues;
}

function checkDegrees(definition: ProcessDefinition, index: GraphIndex): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  for (const node of definition.nodes) {
    const at = { nodeId: node.id };
    if (node.kind === 'parallel-split' && edgesOf(index.outgoing, node.id).length < 2) {
      issues.push(definitionError('SPLIT_BRANCH_COUNT', `并行分支节点“${node.name}”至少需要两条分支`, `Split '${node.name}' needs at least two branches`, at));
    }
    if (node.kind === 'parallel-join' && edgesOf(index.incoming, node.id).length < 2) {
      issues.push(definitionError('JOIN_INCOMING_COUNT', `并行汇聚节点“${node.name}”至少需要汇合两条分支`, `Join '${node.name}' needs at least two incoming branches`, at));
    }
    if (node.kind === 'parallel-join' && edgesOf(index.outgoing, node.id).length > 1) {
      issues.push(definitionError('JOIN_OUTGOING_COUNT', `并行汇聚节点“${node.name}”只能有一条出口`, `Join '${node.name}' must have a single outgoing edge`, at));
    }
  }
  return issues;
}

/**
 * Says why a split has no join: takes the join most of its branches reach, and
 * reports each edge by which a branch leaves the nodes between the two (towards
 * an end or past the join) without passing the join.
 */
function explainUnmatched(splitId: string, index: GraphIndex, explainedJoins: Set<string>, reported: Set<string>): DefinitionIssue[] {
  const branches = edgesOf(index.forwardOut, splitId).map((edge) => reachableFrom(index, [edge.target]));
  const joins = (index.order ?? []).filter((id) => index.nodes.get(id)?.kind === 'parallel-join' && branches.some((b) => b.has(id)));
  const score = (joinId: string) => branches.filter((branch) => branch.has(joinId)).length;
  const joinId = joins.reduce<string | undefined>((best, id) => (best === undefined || score(id) > score(best) ? id : best), undefined);
  const noJoin = definitionError('SPLIT_WITHOUT_JOIN', `并行分支节点 ${splitId} 的各分支没有汇合到同一个并行汇聚节点`, `The branches of split ${splitId} do not all meet at one join`, { nodeId: splitId });
  if (joinId === undefined) return [noJoin];
  const afterJoin = reachableFrom(index, [joinId]);
  const region = new Set([...reachableFrom(index, [splitId], joinId)].filter((id) => !afterJoin.has(id)));
  const issues: DefinitionIssue[] = [];
  for (const id of region) {
    for (const edge of edgesOf(index.forwardOut, id)) {
      const escapes = edge.target !== joinId && (!region.has(edge.target) || index.nodes.get(edge.target)?.kind === 'end');
      if (!escapes || reported.has(edge.id)) continue;
      reported.add(edge.id);
      issues.push(definitionError('EDGE_LEAVES_REGION', `连线 ${edge.id} 使并行分支未经汇聚节点 ${joinId} 就离开了并行区域`, `Edge ${edge.id} leaves the parallel region of ${splitId} without passing its join ${joinId}`, { nodeId: splitId, edgeId: edge.id }));
    }
  }
  if (issues.length === 0) return [noJoin];
  explainedJoins.add(joinId);
  return issues;
}

function checkRegion(region: ParallelRegion, index: GraphIndex): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const inside = (id: string) => id === region.splitId || region.nodes.has(id);
  for (const id of [...region.nodes, region.joinId]) {
    for (const edge of edgesOf(index.forwardIn, id)) {
      if (inside(edge.source)) continue;
      issues.push(definitionError('EDGE_INTO_REGION', `连线 ${edge.id} 从并行区域之外跳入了 ${region.splitId} 与 ${region.joinId} 之间`, `Edge ${edge.id} jumps into the parallel region between ${region.splitId} and ${region.joinId}`, { edgeId: edge.id }));
    }
  }
  for (const edge of edgesOf(index.forwardOut, region.splitId)) {
    if (edge.target === region.joinId) {
      issues.push(definitionWarning('EMPTY_BRANCH', `并行分支 ${edge.id} 不含任何环节`, `Parallel branch ${edge.id} holds no task`, { edgeId: edge.id }));
    }
  }
  return issues;
}
