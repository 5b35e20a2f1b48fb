import type { ProcessDefinition, ProcessEdge, ProcessNode, StartNode } from '../types';

/**
 * Adjacency of a definition's graph. "Forward" edges are all edges but `return`
 * edges: a valid definition's forward graph is acyclic, and returns are the only
 * way back.
 */
export interface GraphIndex {
  nodes: ReadonlyMap<string, ProcessNode>;
  outgoing: ReadonlyMap<string, readonly ProcessEdge[]>;
  incoming: ReadonlyMap<string, readonly ProcessEdge[]>;
  forwardOut: ReadonlyMap<string, readonly ProcessEdge[]>;
  forwardIn: ReadonlyMap<string, readonly ProcessEdge[]>;
  start: StartNode | undefined;
  /** Forward graph in topological order, or undefined when it has a cycle. */
  order: readonly string[] | undefined;
}

const none: readonly ProcessEdge[] = [];

/** True for an edge that sends a case back to an earlier task. */
export function isReturnEdge(edge: ProcessEdge): boolean {
  return edge.action === 'return';
}

/** Builds the adjacency maps of a definition; the first node with a given id wins. */
export function indexGraph(definition: Pick<ProcessDefinition, 'nodes' | 'edges'>): GraphIndex {
  const nodes = new Map<string, ProcessNode>();
  for (const node of definition.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  const outgoing = new Map<string, ProcessEdge[]>();
  const incoming = new Map<string, ProcessEdge[]>();
  const forwardOut = new Map<string, ProcessEdge[]>();
  const forwardIn = new Map<string, ProcessEdge[]>();
  for (const edge of definition.edges) {
    append(outgoing, edge.source, edge);
    append(incoming, edge.target, edge);
    if (!isReturnEdge(edge) && nodes.has(edge.source) && nodes.has(edge.target)) {
      append(forwardOut, edge.source, edge);
      append(forwardIn, edge.target, edge);
    }
  }
  const start = definition.nodes.find((node): node is StartNode => node.kind === 'start');
  return { nodes, outgoing, incoming, forwardOut, forwardIn, start, order: topologicalOrder(nodes, forwardIn, forwardOut) };
}

/** Edges of a map entry, never undefined. */
export function edgesOf(map: ReadonlyMap<string, readonly ProcessEdge[]>, nodeId: string): readonly ProcessEdge[] {
  return map.get(nodeId) ?? none;
}

/** Node ids reachable from `from` along forward edges (including `from`), never passing `stop`. */
export function reachableFrom(index: GraphIndex, from: Iterable<string>, stop?: string): Set<string> {
  return traverse(from, (id) => edgesOf(index.forwardOut, id).map((edge) => edge.target), stop);
}

/** Node ids from which one of `to` is reachable along forward edges (including `to`). */
export function reachingTo(index: GraphIndex, to: Iterable<string>, stop?: string): Set<string> {
  return traverse(to, (id) => edgesOf(index.forwardIn, id).map((edge) => edge.source), stop);
}

function traverse(from: Iterable<string>, next: (id: string) => string[], stop?: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...from];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id) || id === stop) continue;
    seen.add(id);
    stack.push(...next(id));
  }
  return seen;
}

function topologicalOrder(
  nodes: ReadonlyMap<string, ProcessNode>,
  forwardIn: ReadonlyMap<string, readonly ProcessEdge[]>,
  forwardOut: ReadonlyMap<string, readonly ProcessEdge[]>,
): string[] | undefined {
  const pending = new Map<string, number>();
  for (const id of nodes.keys()) pending.set(id, edgesOf(forwardIn, id).length);
  const ready = [...nodes.keys()].filter((id) => pending.get(id) === 0);
  const order: string[] = [];
  for (let i = 0; i < ready.length; i += 1) {
    const id = ready[i] as string;
    order.push(id);
    for (const edge of edgesOf(forwardOut, id)) {
      const left = (pending.get(edge.target) ?? 0) - 1;
      pending.set(edge.target, left);
      if (left === 0) ready.push(edge.target);
    }
  }
  return order.length === nodes.size ? order : undefined;
}

function append(map: Map<string, ProcessEdge[]>, key: string, edge: ProcessEdge): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [edge]);
  else list.push(edge);
}
