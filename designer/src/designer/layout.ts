import { Graph, layout } from '@dagrejs/dagre';

export interface LayoutNode {
  id: string;
  width?: number;
  height?: number;
}
export interface LayoutEdge {
  source: string;
  target: string;
  /** Return edges point backwards; they must not drag a task to a later layer. */
  backwards?: boolean;
}

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 64;

const NODE_SEP = 40;
const RANK_SEP = 70;
/** More incoming edges than this, and none out: a shared end such as 不予受理, reached from all over. */
const SHARED_SINK_FAN_IN = 3;

/**
 * Ends reached from many places (every acceptance's refusal, say) would stretch an edge across
 * every layer between, and dagre pays for each layer crossed; they are placed after the rest.
 */
function sharedSinks(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Set<string> {
  const fanIn = new Map<string, number>();
  const hasOut = new Set<string>();
  for (const edge of edges) {
    fanIn.set(edge.target, (fanIn.get(edge.target) ?? 0) + 1);
    hasOut.add(edge.source);
  }
  return new Set(nodes.filter((n) => (fanIn.get(n.id) ?? 0) > SHARED_SINK_FAN_IN && !hasOut.has(n.id)).map((n) => n.id));
}

/**
 * Left-to-right layered layout (dagre) of a process graph: top-left positions by node id,
 * as React Flow places nodes. Shared ends go one layer right of their last predecessor,
 * below the graph.
 */
export function layoutGraph(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Map<string, { x: number; y: number }> {
  const sinks = sharedSinks(nodes, edges);
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: NODE_SEP, ranksep: RANK_SEP, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) {
    if (!sinks.has(node.id)) graph.setNode(node.id, { width: node.width ?? NODE_WIDTH, height: node.height ?? NODE_HEIGHT });
  }
  edges.forEach((edge, index) => {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) return;
    if (edge.backwards) graph.setEdge(edge.target, edge.source, { weight: 0, minlen: 0 }, `b${index}`);
    else graph.setEdge(edge.source, edge.target, { weight: 1, minlen: 1 }, `e${index}`);
  });
  layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  let bottom = 0;
  for (const node of nodes) {
    if (sinks.has(node.id)) continue;
    const placed = graph.node(node.id) as { x: number; y: number; width: number; height: number };
    positions.set(node.id, { x: Math.round(placed.x - placed.width / 2), y: Math.round(placed.y - placed.height / 2) });
    bottom = Math.max(bottom, placed.y + placed.height / 2);
  }
  for (const node of nodes) {
    if (!sinks.has(node.id)) continue;
    const right = Math.max(0, ...edges.filter((e) => e.target === node.id).map((e) => {
      const from = nodes.find((n) => n.id === e.source);
      return (positions.get(e.source)?.x ?? 0) + (from?.width ?? NODE_WIDTH);
    }));
    positions.set(node.id, { x: Math.round(right + RANK_SEP), y: Math.round(bottom + NODE_SEP) });
    bottom += (node.height ?? NODE_HEIGHT) + NODE_SEP;
  }
  return positions;
}
