import { cloneJson } from '../json';
import type { EdgeAction, ItemInfo, NodeKind, NodePosition, ProcessDefinition, ProcessEdge, ProcessNode } from '../types';

/**
 * Conversion between a process definition and the designer's React Flow graph.
 * `graphToDefinition(definitionToGraph(d))` equals `d` for every definition.
 */

type NodeOfKind<K extends NodeKind> = Extract<ProcessNode, { kind: K }>;

/** A designer node: React Flow's `type` is the node kind, `data` its other fields. */
export type GraphNode = {
  [K in NodeKind]: {
    id: string;
    type: K;
    position: NodePosition;
    data: Omit<NodeOfKind<K>, 'id' | 'kind'>;
    /** Set when the position was computed, not stored; the designer drops it once the node is moved. */
    autoPlaced?: true;
  };
}[NodeKind];

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  data: Pick<ProcessEdge, 'action' | 'condition' | 'default'>;
  label?: string;
}

export interface ProcessGraph {
  item: ItemInfo;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Fields each node kind carries besides id and kind, in schema order. */
const nodeFields: Record<NodeKind, readonly string[]> = {
  start: ['name'],
  task: ['name', 'stage', 'role', 'department', 'stepLimitDays', 'specialProcedure', 'riskPoint'],
  'parallel-split': ['name'],
  'parallel-join': ['name'],
  choice: ['name'],
  end: ['name', 'outcome'],
};

const actionLabels: Record<EdgeAction, string> = {
  complete: '完成',
  accept: '受理',
  refuse: '不予受理',
  approve: '批准',
  reject: '不予批准',
  return: '退回',
  void: '作废',
};

const column = 200;
const row = 120;

/** What drawing a process needs: its nodes, edges and stored layout, without the item. */
export type ProcessShape = Pick<ProcessDefinition, 'nodes' | 'edges' | 'layout'>;

/** The designer graph of a definition; nodes without a stored position are placed by layer. */
export function definitionToGraph(definition: ProcessDefinition): ProcessGraph {
  return { item: cloneJson(definition.item), ...shapeToGraph(definition) };
}

/** The nodes and edges of a process as the designer draws them, e.g. the graph a case runs on. */
export function shapeToGraph(definition: ProcessShape): Omit<ProcessGraph, 'item'> {
  const stored = definition.layout?.positions ?? {};
  const placed = fallbackPositions(definition, stored);
  const nodes = definition.nodes.map((node) => {
    const position = stored[node.id];
    const data = pick(node, nodeFields[node.kind]);
    const base = { id: node.id, type: node.kind, data } as GraphNode;
    return position === undefined
      ? { ...base, position: placed.get(node.id) ?? { x: 0, y: 0 }, autoPlaced: true as const }
      : { ...base, position: { x: position.x, y: position.y } };
  });
  const edges = definition.edges.map((edge): GraphEdge => {
    const label = edgeLabel(edge);
    const graphEdge: GraphEdge = { id: edge.id, source: edge.source, target: edge.target, data: pick(edge, ['action', 'condition', 'default']) };
    return label === undefined ? graphEdge : { ...graphEdge, label };
  });
  return { nodes, edges };
}

/** The definition a designer graph describes; labels and computed positions are not kept. */
export function graphToDefinition(graph: ProcessGraph): ProcessDefinition {
  const nodes = graph.nodes.map(
    (node) => ({ id: node.id, kind: node.type, ...pick(node.data, nodeFields[node.type]) }) as ProcessNode,
  );
  const edges = graph.edges.map(
    (edge): ProcessEdge => ({ id: edge.id, source: edge.source, target: edge.target, ...pick(edge.data, ['action', 'condition', 'default']) }),
  );
  const positions: Record<string, NodePosition> = {};
  for (const node of graph.nodes) if (node.autoPlaced !== true) positions[node.id] = { x: node.position.x, y: node.position.y };
  const definition: ProcessDefinition = { schemaVersion: 1, item: cloneJson(graph.item), nodes, edges };
  return Object.keys(positions).length === 0 ? definition : { ...definition, layout: { positions } };
}

function edgeLabel(edge: ProcessEdge): string | undefined {
  if (edge.default === true) return '默认';
  if (edge.condition !== undefined) return edge.condition;
  return edge.action === undefined ? undefined : actionLabels[edge.action];
}

/**
 * Layered placement: x by breadth-first depth from the start along forward edges,
 * y by order within the layer, below any stored positions.
 */
function fallbackPositions(definition: ProcessShape, stored: Record<string, NodePosition>): Map<string, NodePosition> {
  const depth = new Map<string, number>();
  const start = definition.nodes.find((node) => node.kind === 'start');
  const queue = start === undefined ? [] : [start.id];
  if (start !== undefined) depth.set(start.id, 0);
  const forward = new Map<string, string[]>();
  for (const edge of definition.edges) {
    if (edge.action !== 'return') forward.set(edge.source, [...(forward.get(edge.source) ?? []), edge.target]);
  }
  for (let i = 0; i < queue.length; i += 1) {
    const id = queue[i] as string;
    for (const target of forward.get(id) ?? []) {
      if (depth.has(target)) continue;
      depth.set(target, (depth.get(id) ?? 0) + 1);
      queue.push(target);
    }
  }
  const deepest = Math.max(0, ...depth.values());
  const top = Math.max(-row, ...Object.values(stored).map((p) => p.y)) + row;
  const perLayer = new Map<number, number>();
  const positions = new Map<string, NodePosition>();
  for (const node of definition.nodes) {
    if (stored[node.id] !== undefined) continue;
    const layer = depth.get(node.id) ?? deepest + 1;
    const index = perLayer.get(layer) ?? 0;
    perLayer.set(layer, index + 1);
    positions.set(node.id, { x: layer * column, y: top + index * row });
  }
  return positions;
}

function pick<T extends object>(source: T, keys: readonly string[]): Partial<T> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (source as Record<string, unknown>)[key];
    if (value !== undefined) picked[key] = cloneJson(value);
  }
  return picked as Partial<T>;
}
