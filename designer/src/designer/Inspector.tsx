import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesignerState } from './store';
import type { DesignerNode } from './types';
import { selectItem } from './selectors';
import { EdgeInspector } from './EdgeInspector';
import { ItemInspector } from './ItemInspector';
import { NodeInspector } from './NodeInspector';
import { useDesigner } from './useDesigner';

const selectedNodeOf = (s: DesignerState) => (s.selection.kind === 'node' ? s.nodes.find((n) => n.id === (s.selection as { id: string }).id) : undefined);
// Data and type, not the node: a node's object changes on every frame of a drag, its data does not.
const selectSelectedNodeData = (s: DesignerState) => selectedNodeOf(s)?.data;
const selectSelectedNodeType = (s: DesignerState) => selectedNodeOf(s)?.type;
const selectSelectedNodeId = (s: DesignerState) => selectedNodeOf(s)?.id;
const selectSelectedEdge = (s: DesignerState) => (s.selection.kind === 'edge' ? s.edges.find((e) => e.id === (s.selection as { id: string }).id) : undefined);

/** Edits the selected node or edge, or the item when nothing is selected. */
export function Inspector() {
  const { t } = useTranslation();
  const nodeId = useDesigner(selectSelectedNodeId);
  const nodeType = useDesigner(selectSelectedNodeType);
  const nodeData = useDesigner(selectSelectedNodeData);
  const edge = useDesigner(selectSelectedEdge);
  const item = useDesigner(selectItem);
  const node = useMemo(
    () => (nodeId && nodeType && nodeData ? ({ id: nodeId, type: nodeType, data: nodeData, position: { x: 0, y: 0 } } as DesignerNode) : undefined),
    [nodeId, nodeType, nodeData],
  );
  return (
    <aside className="inspector" aria-label={t('inspector.title')} data-testid="inspector">
      {node ? <NodeInspector node={node} /> : edge ? <EdgeInspector edge={edge} /> : <ItemInspector item={item} />}
    </aside>
  );
}
