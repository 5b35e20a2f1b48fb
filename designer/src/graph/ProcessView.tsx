import { useMemo } from 'react';
import { Background, Controls, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { shapeToGraph, type ProcessShape } from '../../../domain/definition';
import type { DesignerEdge, DesignerNode } from '../designer/types';
import { drawnEdge } from './edges';
import { MarksContext, type Mark } from './marks';
import { nodeTypes } from './nodes';

/**
 * A read-only drawing of a process definition with the designer's node components: the
 * case detail highlights the case's position, the version diff its changes.
 */
export function ProcessView({ definition, marks, label }: { definition: ProcessShape; marks: ReadonlyMap<string, Mark>; label: string }) {
  const { t } = useTranslation();
  const graph = useMemo(() => shapeToGraph(definition), [definition]);
  const nodes = graph.nodes as DesignerNode[];
  const edges = useMemo(
    () => graph.edges.map(({ label: _l, ...edge }) => drawnEdge(edge as DesignerEdge, t, marks.get(edge.id))),
    [graph, marks, t],
  );
  return (
    <ReactFlowProvider>
      <MarksContext.Provider value={marks}>
        <div className="process-view" role="img" aria-label={label}>
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            fitView
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <Controls showInteractive={false} />
          </ReactFlow>
        </div>
      </MarksContext.Provider>
    </ReactFlowProvider>
  );
}
