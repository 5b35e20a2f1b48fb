import type { Edge, Node } from '@xyflow/react';
import type { GraphEdge, GraphNode, NodeKind } from '../../../domain/definition';

/** The data React Flow carries for a node of kind K: the definition node's fields but id and kind. */
export type NodeData<K extends NodeKind> = Extract<GraphNode, { type: K }>['data'];

/** The designer's typed node union: React Flow's `type` is the process node kind. */
export type DesignerNode = {
  [K in NodeKind]: Node<NodeData<K>, K> & { autoPlaced?: true };
}[NodeKind];

export type StartFlowNode = Extract<DesignerNode, { type: 'start' }>;
export type TaskFlowNode = Extract<DesignerNode, { type: 'task' }>;
export type EndFlowNode = Extract<DesignerNode, { type: 'end' }>;

export type EdgeData = GraphEdge['data'];
export type DesignerEdge = Edge<EdgeData>;

/** What the inspector shows: a node, an edge, or the item itself when nothing is selected. */
export type Selection = { kind: 'node'; id: string } | { kind: 'edge'; id: string } | { kind: 'item' };
