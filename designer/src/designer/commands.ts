import type { ReactFlowInstance } from '@xyflow/react';
import { validateDefinition, type DefinitionIssue } from '../../../domain/definition';
import { NODE_HEIGHT, NODE_WIDTH, layoutGraph } from './layout';
import { currentDefinition } from './store';
import { designerStore } from './useDesigner';

/** Designer commands shared by the toolbar and the keyboard shortcuts. */
export const undo = () => designerStore.temporal.getState().undo();
export const redo = () => designerStore.temporal.getState().redo();
export const copy = () => designerStore.getState().copySelection();
export const paste = () => designerStore.getState().paste();
export const remove = () => designerStore.getState().deleteSelection();

type Viewable = Pick<ReactFlowInstance, 'getNodes' | 'getNodesBounds' | 'setViewport'>;

/** The least zoom at which a node's name and meta line stay readable. */
export const READABLE_ZOOM = 0.6;
const MARGIN = 24;

/**
 * Shows the graph as large as fits, but never smaller than {@link READABLE_ZOOM}: a graph too
 * large for that is shown from its start (left, top) instead of whole at an unreadable size.
 */
export function fitReadable(flow: Viewable, canvas: Element | null = document.querySelector('.designer-canvas'), duration = 200): void {
  const nodes = flow.getNodes();
  if (nodes.length === 0 || canvas === null) return;
  const bounds = flow.getNodesBounds(nodes);
  const { width, height } = canvas.getBoundingClientRect();
  const fit = Math.min((width - 2 * MARGIN) / Math.max(bounds.width, 1), (height - 2 * MARGIN) / Math.max(bounds.height, 1));
  const zoom = Math.min(1, Math.max(READABLE_ZOOM, fit));
  const place = (size: number, start: number, extent: number) =>
    extent * zoom > size - 2 * MARGIN ? MARGIN - start * zoom : (size - extent * zoom) / 2 - start * zoom;
  void flow.setViewport({ x: place(width, bounds.x, bounds.width), y: place(height, bounds.y, bounds.height), zoom }, { duration });
}

/** Lays the graph out left to right (dagre), using the measured size of each node, and shows it readably. */
export function autoLayout(flow: Viewable | null): void {
  const { nodes, edges, applyPositions } = designerStore.getState();
  const positions = layoutGraph(
    nodes.map((n) => ({ id: n.id, width: n.measured?.width ?? NODE_WIDTH, height: n.measured?.height ?? NODE_HEIGHT })),
    edges.map((e) => ({ source: e.source, target: e.target, backwards: e.data?.action === 'return' })),
  );
  applyPositions(positions);
  // Two frames: the moved nodes must be rendered before the view can fit them.
  if (flow) requestAnimationFrame(() => requestAnimationFrame(() => fitReadable(flow)));
}

/** The current definition as a JSON file download. */
export function exportJson(): void {
  const definition = currentDefinition(designerStore.getState());
  const blob = new Blob([`${JSON.stringify(definition, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${definition.item.code}.json`;
  link.click();
  URL.revokeObjectURL(url);
}

/** Loads a definition from JSON text; answers the schema issues when it cannot be drawn. */
export function importJson(text: string): DefinitionIssue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return [{ code: 'JSON', severity: 'error', message: { zh: `不是有效的 JSON:${String(error)}`, en: `Not valid JSON: ${String(error)}` } }];
  }
  const validation = validateDefinition(parsed);
  if (validation.definition === undefined) return validation.errors;
  const { draft } = designerStore.getState();
  designerStore.getState().load(validation.definition, draft);
  designerStore.setState({ dirty: true });
  designerStore.temporal.getState().clear();
  return [];
}
