import type { Expression } from '../expression/ast';
import { evaluateCondition } from '../expression/evaluate';
import { parseExpression } from '../expression/parser';
import { edgesOf, indexGraph, reachingTo, type GraphIndex } from './graph-index';
import { analyseRegions, type RegionAnalysis } from './regions';
import type { EdgeAction, ProcessDefinition, ProcessEdge, ProcessNode, StartNode, TaskNode } from '../types';

/**
 * Navigation of a validated definition, for the case workflow interpreter. Pure and
 * free of Ajv so that the workflow sandbox can import it. Definitions are treated as
 * immutable: the analysis of each is computed once and remembered.
 */

interface Analysis {
  index: GraphIndex;
  regions: RegionAnalysis;
  conditions: Map<string, Expression>;
}

/** The nodes and edges: all that navigation needs, so that the web app can use it on a case's graph. */
export type GraphShape = Pick<ProcessDefinition, 'nodes' | 'edges'>;

const analyses = new WeakMap<GraphShape, Analysis>();

function analysis(definition: GraphShape): Analysis {
  let found = analyses.get(definition);
  if (found === undefined) {
    const index = indexGraph(definition);
    found = { index, regions: analyseRegions(index), conditions: new Map() };
    analyses.set(definition, found);
  }
  return found;
}

/** The branch of a parallel region a node runs in. */
export interface BranchRef {
  splitId: string;
  joinId: string;
  /** Id of the split's outgoing edge that starts the branch. */
  edgeId: string;
}

/** The node with the given id, if any. */
export function findNode(definition: GraphShape, nodeId: string): ProcessNode | undefined {
  return analysis(definition).index.nodes.get(nodeId);
}

/** The start node (a valid definition has exactly one). */
export function findStart(definition: ProcessDefinition): StartNode | undefined {
  return analysis(definition).index.start;
}

/** Edges leaving a node, in definition order. */
export function outgoingEdges(definition: GraphShape, nodeId: string): readonly ProcessEdge[] {
  return edgesOf(analysis(definition).index.outgoing, nodeId);
}

/** The action that takes an edge: its own, or 'complete' for the sole edge of a task. */
export function effectiveAction(definition: GraphShape, edge: ProcessEdge): EdgeAction | undefined {
  if (edge.action !== undefined) return edge.action;
  const source = findNode(definition, edge.source);
  return source?.kind === 'task' && outgoingEdges(definition, edge.source).length === 1 ? 'complete' : undefined;
}

/** The actions a clerk may take on a task, one per outgoing edge. */
export function taskActions(definition: GraphShape, taskId: string): EdgeAction[] {
  return outgoingEdges(definition, taskId).flatMap((edge) => effectiveAction(definition, edge) ?? []);
}

/** The edge a task's action takes, or undefined when the task offers no such action. */
export function edgeForAction(
  definition: ProcessDefinition,
  taskId: string,
  action: EdgeAction,
): ProcessEdge | undefined {
  return outgoingEdges(definition, taskId).find((edge) => effectiveAction(definition, edge) === action);
}

/**
 * The edge a choice takes for the case data: the first edge, in definition order,
 * whose condition holds, else the default edge.
 */
export function choiceEdge(definition: ProcessDefinition, choiceId: string, data: unknown): ProcessEdge | undefined {
  const { conditions } = analysis(definition);
  const edges = outgoingEdges(definition, choiceId);
  const chosen = edges.find((edge) => {
    if (edge.default === true || edge.condition === undefined) return false;
    let expression = conditions.get(edge.id);
    if (expression === undefined) {
      expression = parseExpression(edge.condition);
      conditions.set(edge.id, expression);
    }
    return evaluateCondition(expression, data);
  });
  return chosen ?? edges.find((edge) => edge.default === true);
}

/** The join that closes a parallel split. */
export function matchingJoin(definition: ProcessDefinition, splitId: string): string | undefined {
  return analysis(definition).regions.regions.get(splitId)?.joinId;
}

/** The split a parallel join closes. */
export function splitOfJoin(definition: ProcessDefinition, joinId: string): string | undefined {
  return analysis(definition).regions.splitOfJoin.get(joinId);
}

/** The innermost parallel branch a node runs in, or undefined outside any parallel region. */
export function branchOf(definition: ProcessDefinition, nodeId: string): BranchRef | undefined {
  const region = analysis(definition).regions.innermost.get(nodeId);
  const edgeId = region?.branchEdge.get(nodeId);
  return region === undefined || edgeId === undefined
    ? undefined
    : { splitId: region.splitId, joinId: region.joinId, edgeId };
}

/** True when two nodes run in the same parallel branch, or both outside any region. */
export function sameBranch(definition: ProcessDefinition, a: string, b: string): boolean {
  const [first, second] = [branchOf(definition, a), branchOf(definition, b)];
  return first?.splitId === second?.splitId && first?.edgeId === second?.edgeId;
}

/**
 * The tasks a `return` from a task may send the case back to: earlier tasks on a
 * path to it, in the same parallel branch, in topological order.
 */
export function returnTargets(definition: ProcessDefinition, taskId: string): TaskNode[] {
  const { index } = analysis(definition);
  const ancestors = reachingTo(index, edgesOf(index.forwardIn, taskId).map((edge) => edge.source));
  return (index.order ?? [...index.nodes.keys()])
    .filter((id) => id !== taskId && ancestors.has(id) && sameBranch(definition, id, taskId))
    .map((id) => index.nodes.get(id))
    .filter((node): node is TaskNode => node?.kind === 'task');
}

/** One stage of a flow as the public guide lists it: a task, or a parallel region whose branches run together (并联审批). */
export type FlowStage =
  | { kind: 'task'; task: TaskNode }
  | { kind: 'parallel'; splitId: string; branches: TaskNode[][] };

/**
 * The tasks of a definition in the order of the flow (the forward graph's topological order,
 * whatever order the nodes were written in): a task outside any parallel region is a stage of
 * its own; an outermost parallel region is one stage holding each branch's tasks in order
 * (a region nested in a branch is part of that branch).
 */
export function flowStages(definition: GraphShape): FlowStage[] {
  const { index, regions } = analysis(definition);
  const order = index.order ?? [...index.nodes.keys()];
  const outermost = (id: string) => ![...regions.regions.values()].some((r) => r.nodes.has(id));
  const stages: FlowStage[] = [];
  for (const id of order) {
    const node = index.nodes.get(id);
    if (node === undefined || !outermost(id)) continue;
    if (node.kind === 'task') stages.push({ kind: 'task', task: node });
    const region = node.kind === 'parallel-split' ? regions.regions.get(id) : undefined;
    if (region === undefined) continue;
    const branches = edgesOf(index.forwardOut, id).map((edge) => order
      .filter((nodeId) => region.branchEdge.get(nodeId) === edge.id)
      .map((nodeId) => index.nodes.get(nodeId))
      .filter((n): n is TaskNode => n?.kind === 'task'));
    stages.push({ kind: 'parallel', splitId: id, branches: branches.filter((b) => b.length > 0) });
  }
  return stages;
}
