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

/**
 * Left-to-right layered layout (dagre) of a process graph: top-left positions by node id,
 * as React Flow places nodes.
 */
export function layoutGraph(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Map<string, { x: number; y: number }> {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 70, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: node.width ?? NODE_WIDTH, height: node.height ?? NODE_HEIGHT });
  edges.forEach((edge, index) => {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) return;
    if (edge.backwards) graph.setEdge(edge.target, edge.source, { weight: 0, minlen: 0 }, `b${index}`);
    else graph.setEdge(edge.source, edge.target, { weight: 1, minlen: 1 }, `e${index}`);
  });
  layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const placed = graph.node(node.id) as { x: number; y: number; width: number; height: number };
    positions.set(node.id, { x: Math.round(placed.x - placed.width / 2), y: Math.round(placed.y - placed.height / 2) });
  }
  return positions;
}
