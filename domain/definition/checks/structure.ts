import { edgesOf, reachableFrom, reachingTo, type GraphIndex } from '../graph/graph-index';
import { definitionError, definitionWarning, type DefinitionIssue } from '../issues';
import type { ProcessDefinition } from '../types';

/**
 * Structural checks: unique ids, edges between existing nodes, one start, ends that
 * end, no cycle except through `return` edges, and every node on a path from the
 * start to an end.
 */
export function checkStructure(definition: ProcessDefinition, index: GraphIndex): DefinitionIssue[] {
  return [...checkIdentity(definition, index), ...checkStartAndEnds(definition, index), ...checkPaths(definition, index)];
}

function checkIdentity(definition: ProcessDefinition, index: GraphIndex): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const seenNodes = new Set<string>();
  for (const node of definition.nodes) {
    if (seenNodes.has(node.id)) {
      issues.push(definitionError('DUPLICATE_NODE_ID', `节点标识 ${node.id} 重复`, `Node id ${node.id} is used twice`, { nodeId: node.id }));
    }
    seenNodes.add(node.id);
  }
  const seenEdges = new Set<string>();
  for (const edge of definition.edges) {
    const at = { edgeId: edge.id };
    if (seenEdges.has(edge.id)) issues.push(definitionError('DUPLICATE_EDGE_ID', `连线标识 ${edge.id} 重复`, `Edge id ${edge.id} is used twice`, at));
    seenEdges.add(edge.id);
    if (!index.nodes.has(edge.source)) {
      issues.push(definitionError('EDGE_SOURCE_UNKNOWN', `连线 ${edge.id} 的起点 ${edge.source} 不存在`, `Edge ${edge.id} starts at unknown node ${edge.source}`, at));
    }
    if (!index.nodes.has(edge.target)) {
      issues.push(definitionError('EDGE_TARGET_UNKNOWN', `连线 ${edge.id} 的终点 ${edge.target} 不存在`, `Edge ${edge.id} ends at unknown node ${edge.target}`, at));
    }
    if (edge.source === edge.target) {
      issues.push(definitionError('SELF_LOOP', `连线 ${edge.id} 首尾是同一个节点`, `Edge ${edge.id} leads from a node to itself`, at));
    }
  }
  for (const nodeId of Object.keys(definition.layout?.positions ?? {})) {
    if (!index.nodes.has(nodeId)) {
      issues.push(definitionWarning('LAYOUT_UNKNOWN_NODE', `布局中的节点 ${nodeId} 不存在`, `The layout places unknown node ${nodeId}`, { path: `/layout/positions/${nodeId}` }));
    }
  }
  return issues;
}

function checkStartAndEnds(definition: ProcessDefinition, index: GraphIndex): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const starts = definition.nodes.filter((node) => node.kind === 'start');
  if (starts.length === 0) issues.push(definitionError('START_COUNT', '流程缺少开始节点', 'The process has no start node'));
  for (const extra of starts.slice(1)) {
    issues.push(definitionError('START_COUNT', `流程只能有一个开始节点,${extra.id} 是多余的`, `A process has exactly one start; ${extra.id} is another`, { nodeId: extra.id }));
  }
  if (!definition.nodes.some((node) => node.kind === 'end')) {
    issues.push(definitionError('END_MISSING', '流程缺少结束节点', 'The process has no end node'));
  }
  for (const node of definition.nodes) {
    if (node.kind === 'start') {
      for (const edge of edgesOf(index.incoming, node.id)) {
        issues.push(definitionError('START_INCOMING', `开始节点不能有进入的连线(${edge.id})`, `Edge ${edge.id} leads into the start node`, { edgeId: edge.id }));
      }
      if (edgesOf(index.outgoing, node.id).length > 1) {
        issues.push(definitionError('START_OUTGOING_COUNT', '开始节点只能有一条连线;需要分支时请使用并行或条件节点', 'The start node must have a single outgoing edge; use a split or choice to branch', { nodeId: node.id }));
      }
    }
    if (node.kind === 'end') {
      for (const edge of edgesOf(index.outgoing, node.id)) {
        issues.push(definitionError('END_OUTGOING', `结束节点 ${node.id} 不能有离开的连线(${edge.id})`, `Edge ${edge.id} leaves end node ${node.id}`, { edgeId: edge.id }));
      }
    }
  }
  return issues;
}

function checkPaths(definition: ProcessDefinition, index: GraphIndex): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  if (index.order === undefined) {
    for (const edgeId of backEdges(definition, index)) {
      issues.push(definitionError('CYCLE', `连线 ${edgeId} 形成循环;只有“退回”连线可以指回前面的环节`, `Edge ${edgeId} closes a cycle; only 'return' edges may lead back`, { edgeId }));
    }
  }
  const reached = index.start === undefined ? undefined : reachableFrom(index, [index.start.id]);
  const ends = definition.nodes.filter((node) => node.kind === 'end').map((node) => node.id);
  const reachingEnd = reachingTo(index, ends);
  for (const node of index.nodes.values()) {
    const at = { nodeId: node.id };
    if (reached !== undefined && !reached.has(node.id) && node.kind !== 'start') {
      issues.push(definitionError('UNREACHABLE_NODE', `节点“${node.name}”从开始节点无法到达`, `Node '${node.name}' cannot be reached from the start`, at));
    }
    if (node.kind === 'end') continue;
    if (edgesOf(index.outgoing, node.id).length === 0) {
      issues.push(definitionError('DEAD_END', `节点“${node.name}”没有离开的连线,流程会停在这里`, `Node '${node.name}' has no outgoing edge; cases would stop there`, at));
    } else if (!reachingEnd.has(node.id)) {
      issues.push(definitionError('NO_PATH_TO_END', `节点“${node.name}”无法到达任何结束节点`, `Node '${node.name}' cannot reach any end node`, at));
    }
  }
  return issues;
}

/** Forward edges that close a cycle, found by depth-first search in definition order. */
function backEdges(definition: ProcessDefinition, index: GraphIndex): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const found: string[] = [];
  for (const root of definition.nodes) {
    if (state.has(root.id)) continue;
    const stack: { id: string; next: number }[] = [{ id: root.id, next: 0 }];
    state.set(root.id, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { id: string; next: number };
      const edge = edgesOf(index.forwardOut, frame.id)[frame.next];
      frame.next += 1;
      if (edge === undefined) {
        state.set(frame.id, 'done');
        stack.pop();
      } else if (state.get(edge.target) === 'open') {
        // A self-loop or an edge into the start is already reported more precisely.
        if (edge.source !== edge.target && index.nodes.get(edge.target)?.kind !== 'start') found.push(edge.id);
      } else if (!state.has(edge.target)) {
        state.set(edge.target, 'open');
        stack.push({ id: edge.target, next: 0 });
      }
    }
  }
  return found;
}
