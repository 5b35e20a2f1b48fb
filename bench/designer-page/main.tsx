/**
 * The designer's canvas alone, on a 300-node, 400-edge definition, for bench/designer.bench.ts:
 * loads, validates and lays out the graph, renders it, and times animation frames on request.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import '../../designer/src/styles.css';
import '../../designer/src/i18n';
import { validateDefinition } from '../../domain/definition';
import { Canvas } from '../../designer/src/designer/Canvas';
import { layoutGraph } from '../../designer/src/designer/layout';
import { designerStore, useLiveValidation } from '../../designer/src/designer/useDesigner';
import { validateGraph } from '../../designer/src/designer/validation';
import { largeDefinition } from '../../test/fixtures/definitions/large';

interface BenchWindow {
  bench: {
    loadMs: number;
    validateMs: number;
    layoutMs: number;
    nodes: number;
    edges: number;
    errors: number;
    frames: number[];
    recording: boolean;
    record(): void;
    stop(): number[];
  };
}

const time = <T,>(run: () => T): [T, number] => {
  const started = performance.now();
  const result = run();
  return [result, performance.now() - started];
};

const [definition, parseMs] = time(() => validateDefinition(largeDefinition(300, 400)).definition);
if (!definition) throw new Error('the large definition does not satisfy the schema');
const [, loadMs] = time(() => designerStore.getState().load(definition, null));
const [validation, validateMs] = time(() => validateGraph(designerStore.getState()));
const [positions, layoutMs] = time(() => {
  const { nodes, edges } = designerStore.getState();
  return layoutGraph(nodes.map((n) => ({ id: n.id })), edges.map((e) => ({ source: e.source, target: e.target, backwards: e.data?.action === 'return' })));
});
designerStore.getState().applyPositions(positions);

const frames: number[] = [];
const bench: BenchWindow['bench'] = {
  loadMs: parseMs + loadMs,
  validateMs,
  layoutMs,
  nodes: definition.nodes.length,
  edges: definition.edges.length,
  errors: validation.errors.length,
  frames,
  recording: false,
  record() {
    frames.length = 0;
    bench.recording = true;
    let last = performance.now();
    const tick = (now: number) => {
      frames.push(now - last);
      last = now;
      if (bench.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  },
  stop() {
    bench.recording = false;
    return frames.slice(1);
  },
};
(window as unknown as BenchWindow).bench = bench;

function Bench() {
  useLiveValidation();
  return (
    <ReactFlowProvider>
      <div style={{ height: '100vh', display: 'grid' }}>
        <Canvas />
      </div>
    </ReactFlowProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(<Bench />);
