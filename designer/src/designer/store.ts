import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react';
import { temporal } from 'zundo';
import { createStore } from 'zustand/vanilla';
import {
  definitionToGraph,
  graphToDefinition,
  type DefinitionValidation,
  type Directory,
  type ItemInfo,
  type NodeKind,
  type ProcessDefinition,
  type ProcessGraph,
  type TaskStage,
} from '../../../domain/definition';
import { newDefinition, newNodeData, type PaletteEntry } from './defaults';
import { NODE_WIDTH } from './layout';
import type { DesignerEdge, DesignerNode, EdgeData, NodeData, Selection } from './types';

/** The part of the state that undo and redo restore: the definition being drawn. */
export interface DesignerGraph {
  item: ItemInfo;
  nodes: DesignerNode[];
  edges: DesignerEdge[];
}

/** Where the draft lives on the server; null for one not saved yet. */
export interface DraftRef {
  itemCode: string;
  revision: number | null;
  baseVersion: number;
}

export interface DesignerState extends DesignerGraph {
  draft: DraftRef | null;
  /** Changed since loaded or saved. */
  dirty: boolean;
  selection: Selection;
  clipboard: { nodes: DesignerNode[]; edges: DesignerEdge[] } | null;
  validation: DefinitionValidation | null;
  /** Departments and positions that exist, once read: tasks naming others are errors. */
  directory: Directory | null;

  load(definition: ProcessDefinition, draft: DraftRef | null): void;
  markSaved(draft: DraftRef): void;
  onNodesChange(changes: NodeChange<DesignerNode>[]): void;
  onEdgesChange(changes: EdgeChange<DesignerEdge>[]): void;
  connect(connection: Connection): string | null;
  addNode(entry: PaletteEntry, position: XYPosition): string;
  updateNodeData(id: string, patch: Partial<NodeData<NodeKind>>): void;
  replaceNodeData(id: string, data: NodeData<NodeKind>): void;
  updateEdgeData(id: string, data: EdgeData): void;
  updateItem(item: ItemInfo): void;
  select(selection: Selection): void;
  deleteSelection(): void;
  copySelection(): void;
  paste(offset?: XYPosition): void;
  applyPositions(positions: Map<string, XYPosition>): void;
  setValidation(validation: DefinitionValidation | null): void;
  setDirectory(directory: Directory | null): void;
  /** Adds a task after `sourceId`, joined to it by a new edge, in one undo step; answers its id. */
  append(sourceId: string): string | null;
}

/** Fields that undo/redo ignore: selection, measurement and drag flags are view state. */
function stripNode(node: DesignerNode): DesignerNode {
  const { selected: _s, dragging: _d, measured: _m, ...rest } = node;
  return rest as DesignerNode;
}
function stripEdge(edge: DesignerEdge): DesignerEdge {
  const { selected: _s, ...rest } = edge;
  return rest;
}

function sameGraph(a: DesignerGraph, b: DesignerGraph): boolean {
  if (a.item !== b.item || a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length) return false;
  const nodesSame = a.nodes.every((n, i) => {
    const m = b.nodes[i] as DesignerNode;
    return n.id === m.id && n.data === m.data && n.position.x === m.position.x && n.position.y === m.position.y;
  });
  return nodesSame && a.edges.every((e, i) => {
    const f = b.edges[i] as DesignerEdge;
    return e.id === f.id && e.data === f.data && e.source === f.source && e.target === f.target;
  });
}

/** The process graph the domain converts: the store's nodes and edges without view state. */
export function toProcessGraph(graph: DesignerGraph): ProcessGraph {
  return {
    item: graph.item,
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      type: n.type,
      position: n.position,
      data: n.data,
      ...(n.autoPlaced ? { autoPlaced: true as const } : {}),
    })) as ProcessGraph['nodes'],
    edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, data: e.data ?? {} })),
  };
}

/** The definition the designer currently shows (pure; the domain's `graphToDefinition`). */
export function currentDefinition(graph: DesignerGraph): ProcessDefinition {
  return graphToDefinition(toProcessGraph(graph));
}

function graphOf(definition: ProcessDefinition): DesignerGraph {
  const graph = definitionToGraph(definition);
  return {
    item: graph.item,
    nodes: graph.nodes as DesignerNode[],
    edges: graph.edges.map(({ label: _label, ...edge }) => edge),
  };
}

/** An id matching the schema's element pattern and unused in `taken`. */
function freshId(prefix: string, taken: Set<string>): string {
  for (let n = taken.size + 1; ; n += 1) {
    const id = `${prefix}-${n}`;
    if (!taken.has(id)) return id;
  }
}

const idPrefix: Record<NodeKind, string> = {
  start: 'start',
  task: 'task',
  'parallel-split': 'split',
  'parallel-join': 'join',
  choice: 'choice',
  end: 'end',
};

/** The stage a quick-appended step takes after a task of each stage. */
const nextStage: Record<TaskStage, TaskStage> = {
  accept: 'undertake',
  undertake: 'review',
  review: 'approve',
  approve: 'conclude',
  conclude: 'conclude',
  special: 'review',
};

/** Horizontal space between a node and the step appended after it. */
const APPEND_GAP = 70;

/** While a node is dragged only the first change of the drag is recorded, so one drag is one undo step. */
let dragRecorded = false;

/**
 * Creates the designer's store: the graph being drawn (with undo/redo history of its graph
 * only), the selection, the clipboard and the latest validation. Plain TS, testable without a DOM.
 */
export function createDesignerStore(initial: ProcessDefinition = newDefinition()) {
  return createStore<DesignerState>()(
    temporal(
      (set, get) => ({
        ...graphOf(initial),
        draft: null,
        dirty: false,
        selection: { kind: 'item' },
        clipboard: null,
        validation: null,
        directory: null,

        load(definition, draft) {
          set({ ...graphOf(definition), draft, dirty: false, selection: { kind: 'item' } });
        },
        markSaved(draft) {
          set({ draft, dirty: false });
        },
        onNodesChange(changes) {
          const dragging = changes.some((c) => c.type === 'position' && c.dragging === true);
          if (!dragging) dragRecorded = false;
          const moved = new Set(changes.filter((c) => c.type === 'position' && c.position).map((c) => (c as { id: string }).id));
          const nodes = applyNodeChanges(changes, get().nodes).map((n) => {
            if (!moved.has(n.id) || n.autoPlaced === undefined) return n;
            const { autoPlaced: _a, ...rest } = n;
            return rest as DesignerNode;
          });
          const structural = changes.some((c) => c.type === 'position' || c.type === 'remove' || c.type === 'add');
          set({ nodes, ...(structural ? { dirty: true } : {}), selection: selectionOf(nodes, get().edges, get().selection) });
          if (dragging) dragRecorded = true;
        },
        onEdgesChange(changes) {
          const edges = applyEdgeChanges(changes, get().edges);
          const structural = changes.some((c) => c.type === 'remove' || c.type === 'add');
          set({ edges, ...(structural ? { dirty: true } : {}), selection: selectionOf(get().nodes, edges, get().selection) });
        },
        connect({ source, target }) {
          const { nodes, edges } = get();
          if (source === target || edges.some((e) => e.source === source && e.target === target)) return null;
          const from = nodes.find((n) => n.id === source);
          if (from === undefined || !nodes.some((n) => n.id === target)) return null;
          const id = freshId('e', new Set(edges.map((e) => e.id)));
          const data: EdgeData = from.type === 'task' ? { action: defaultAction(from.data.stage, edges.filter((e) => e.source === source).length) } : {};
          set({ edges: [...edges.map(stripEdge), { id, source, target, data, selected: true }], nodes: get().nodes.map(unselectNode), dirty: true, selection: { kind: 'edge', id } });
          return id;
        },
        addNode(entry, position) {
          const { nodes, item } = get();
          const id = freshId(idPrefix[entry.kind], new Set(nodes.map((n) => n.id)));
          const node = { id, type: entry.kind, position, data: newNodeData(entry, item.department), selected: true } as DesignerNode;
          set({ nodes: [...nodes.map(unselectNode), node], edges: get().edges.map(stripEdge), dirty: true, selection: { kind: 'node', id } });
          return id;
        },
        updateNodeData(id, patch) {
          set({ nodes: get().nodes.map((n) => (n.id === id ? ({ ...n, data: { ...n.data, ...patch } } as DesignerNode) : n)), dirty: true });
        },
        replaceNodeData(id, data) {
          set({ nodes: get().nodes.map((n) => (n.id === id ? ({ ...n, data } as DesignerNode) : n)), dirty: true });
        },
        updateEdgeData(id, data) {
          set({ edges: get().edges.map((e) => (e.id === id ? { ...e, data } : e)), dirty: true });
        },
        updateItem(item) {
          set({ item, dirty: true });
        },
        select(selection) {
          const nodeId = selection.kind === 'node' ? selection.id : null;
          const edgeId = selection.kind === 'edge' ? selection.id : null;
          set({
            selection,
            nodes: get().nodes.map((n) => (n.id === nodeId ? { ...n, selected: true } : unselectNode(n))),
            edges: get().edges.map((e) => (e.id === edgeId ? { ...e, selected: true } : stripEdge(e))),
          });
        },
        deleteSelection() {
          const { nodes, edges } = get();
          const gone = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
          const keptEdges = edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
          if (gone.size === 0 && keptEdges.length === edges.length) return;
          set({ nodes: nodes.filter((n) => !gone.has(n.id)), edges: keptEdges, dirty: true, selection: { kind: 'item' } });
        },
        copySelection() {
          const { nodes, edges } = get();
          const picked = nodes.filter((n) => n.selected).map(stripNode);
          const ids = new Set(picked.map((n) => n.id));
          if (picked.length === 0) return;
          set({ clipboard: { nodes: picked, edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map(stripEdge) } });
        },
        paste(offset = { x: 40, y: 40 }) {
          const { clipboard, nodes, edges } = get();
          if (clipboard === null) return;
          const nodeIds = new Set(nodes.map((n) => n.id));
          const edgeIds = new Set(edges.map((e) => e.id));
          const renamed = new Map<string, string>();
          const pasted = clipboard.nodes.map((n) => {
            const id = freshId(idPrefix[n.type], nodeIds);
            nodeIds.add(id);
            renamed.set(n.id, id);
            return { ...n, id, position: { x: n.position.x + offset.x, y: n.position.y + offset.y }, selected: true } as DesignerNode;
          });
          const pastedEdges = clipboard.edges.map((e) => {
            const id = freshId('e', edgeIds);
            edgeIds.add(id);
            return { ...e, id, source: renamed.get(e.source) as string, target: renamed.get(e.target) as string };
          });
          const only = pasted.length === 1 ? (pasted[0] as DesignerNode) : undefined;
          set({
            nodes: [...nodes.map(unselectNode), ...pasted],
            edges: [...edges.map(stripEdge), ...pastedEdges],
            // Pasting again offsets again, so copies do not stack on each other.
            clipboard: { nodes: pasted.map(stripNode), edges: pastedEdges },
            dirty: true,
            selection: only ? { kind: 'node', id: only.id } : { kind: 'item' },
          });
        },
        applyPositions(positions) {
          set({
            nodes: get().nodes.map((n) => {
              const position = positions.get(n.id);
              if (position === undefined) return n;
              const { autoPlaced: _a, ...rest } = n;
              return { ...rest, position } as DesignerNode;
            }),
            dirty: true,
          });
        },
        setValidation(validation) {
          set({ validation });
        },
        setDirectory(directory) {
          set({ directory });
        },
        append(sourceId) {
          const { nodes, edges, item } = get();
          const from = nodes.find((n) => n.id === sourceId);
          if (from === undefined || from.type === 'end') return null;
          const stage = from.type === 'task' ? nextStage[from.data.stage] : 'accept';
          const department = from.type === 'task' ? from.data.department : item.department;
          const id = freshId(idPrefix.task, new Set(nodes.map((n) => n.id)));
          const width = from.measured?.width ?? NODE_WIDTH;
          const position = { x: from.position.x + width + APPEND_GAP, y: from.position.y };
          const node = { id, type: 'task', position, data: newNodeData({ kind: 'task', stage }, department), selected: true } as DesignerNode;
          const edgeId = freshId('e', new Set(edges.map((e) => e.id)));
          const data: EdgeData = from.type === 'task' ? { action: defaultAction(from.data.stage, edges.filter((e) => e.source === sourceId).length) } : {};
          set({
            nodes: [...nodes.map(unselectNode), node],
            edges: [...edges.map(stripEdge), { id: edgeId, source: sourceId, target: id, data }],
            dirty: true,
            selection: { kind: 'node', id },
          });
          return id;
        },
      }),
      {
        limit: 200,
        partialize: (state): DesignerGraph => ({ item: state.item, nodes: state.nodes.map(stripNode), edges: state.edges.map(stripEdge) }),
        equality: sameGraph,
        handleSet: (handleSet) => (pastState, replace, currentState, deltaState) => {
          if (dragRecorded) return;
          (handleSet as (p: unknown, r: unknown, c: unknown, d: unknown) => void)(pastState, replace, currentState, deltaState);
        },
      },
    ),
  );
}

function unselectNode(node: DesignerNode): DesignerNode {
  if (!node.selected) return node;
  return { ...node, selected: false };
}

function selectionOf(nodes: DesignerNode[], edges: DesignerEdge[], previous: Selection): Selection {
  const selectedNodes = nodes.filter((n) => n.selected);
  const selectedEdges = edges.filter((e) => e.selected);
  if (selectedNodes.length === 1 && selectedEdges.length === 0) return { kind: 'node', id: (selectedNodes[0] as DesignerNode).id };
  if (selectedEdges.length === 1 && selectedNodes.length === 0) return { kind: 'edge', id: (selectedEdges[0] as DesignerEdge).id };
  if (selectedNodes.length + selectedEdges.length === 0) return { kind: 'item' };
  return previous;
}

/** The action a new edge out of a task takes: its stage's main action first, then the alternative. */
function defaultAction(stage: string, existing: number): NonNullable<EdgeData['action']> {
  if (stage === 'accept') return existing === 0 ? 'accept' : 'refuse';
  if (stage === 'approve') return existing === 0 ? 'approve' : 'reject';
  return existing === 0 ? 'complete' : 'return';
}

export type DesignerStore = ReturnType<typeof createDesignerStore>;
