import { useCallback, useMemo, type DragEvent } from 'react';
import { Background, Controls, MiniMap, NodeToolbar, Position, ReactFlow, useReactFlow, type Connection } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { drawnEdge } from '../graph/edges';
import { MarksContext, type Mark } from '../graph/marks';
import { nodeTypes } from '../graph/nodes';
import type { PaletteEntry } from './defaults';
import { PALETTE_MIME } from './Palette';
import { selectConnect, selectEdges, selectNodes, selectOnEdgesChange, selectOnNodesChange, selectSelection, selectValidation } from './selectors';
import { designerStore, useDesigner } from './useDesigner';
import { severityByElement } from './validation';

/** The least zoom a user may choose; auto-layout and loading stop at {@link READABLE_ZOOM}. */
const MIN_ZOOM = 0.1;

const minimapColor = (node: { type?: string }) => (node.type === 'task' ? '#4b7bec' : node.type === 'end' ? '#20bf6b' : '#a5b1c2');

/** The drawing surface: nodes and edges from the store, issues marked, palette entries dropped in. */
export function Canvas() {
  const { t } = useTranslation();
  const nodes = useDesigner(selectNodes);
  const edges = useDesigner(selectEdges);
  const validation = useDesigner(selectValidation);
  const onNodesChange = useDesigner(selectOnNodesChange);
  const onEdgesChange = useDesigner(selectOnEdgesChange);
  const connect = useDesigner(selectConnect);
  const selection = useDesigner(selectSelection);
  const flow = useReactFlow();
  const appendable = selection.kind === 'node' && nodes.some((n) => n.id === selection.id && n.type !== 'end') ? selection.id : null;

  // Issues move only when validation reruns, so the marks are rebuilt then, not while dragging.
  const marks = useMemo(() => {
    const { nodes: n, edges: e } = designerStore.getState();
    return severityByElement(validation, { nodes: n, edges: e }) as ReadonlyMap<string, Mark>;
  }, [validation]);
  const drawn = useMemo(() => edges.map((edge) => drawnEdge(edge, t, marks.get(edge.id))), [edges, marks, t]);

  const onConnect = useCallback((connection: Connection) => void connect(connection), [connect]);
  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const raw = event.dataTransfer.getData(PALETTE_MIME);
      if (raw === '') return;
      event.preventDefault();
      const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      designerStore.getState().addNode(JSON.parse(raw) as PaletteEntry, { x: position.x - 90, y: position.y - 32 });
    },
    [flow],
  );

  return (
    <MarksContext.Provider value={marks}>
      <div className="designer-canvas" onDragOver={onDragOver} onDrop={onDrop} aria-label={t('designer.canvas')}>
        <ReactFlow
          nodes={nodes}
          edges={drawn}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          deleteKeyCode={['Delete', 'Backspace']}
          fitView
          minZoom={MIN_ZOOM}
          proOptions={{ hideAttribution: true }}
        >
          <Background />
          <Controls />
          <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel={t('designer.minimap')} />
          {appendable !== null && (
            <NodeToolbar nodeId={appendable} isVisible position={Position.Right}>
              <button type="button" className="quick-append" title={t('design.append')} aria-label={t('design.append')} data-testid="quick-append" onClick={() => designerStore.getState().append(appendable)}>
                +
              </button>
            </NodeToolbar>
          )}
        </ReactFlow>
      </div>
    </MarksContext.Provider>
  );
}
