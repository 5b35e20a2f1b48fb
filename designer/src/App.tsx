import { useEffect, useState } from 'react';
import { Background, Controls, Position, ReactFlow, type Edge, type Node } from '@xyflow/react';

type Health = { status: string; checks: Record<string, boolean> } | null;

const nodes: Node[] = [
  { id: 'start', position: { x: 0, y: 80 }, data: { label: '申请 Start' }, type: 'input', sourcePosition: Position.Right },
  { id: 'accept', position: { x: 220, y: 80 }, data: { label: '受理 Accept' }, sourcePosition: Position.Right, targetPosition: Position.Left },
  { id: 'end', position: { x: 440, y: 80 }, data: { label: '办结 Conclude' }, type: 'output', targetPosition: Position.Left },
];
const edges: Edge[] = [
  { id: 'e1', source: 'start', target: 'accept' },
  { id: 'e2', source: 'accept', target: 'end' },
];

/** Start page of the web app: the platform's status and a sample process graph. */
export function App() {
  const [health, setHealth] = useState<Health>(null);
  useEffect(() => {
    fetch('/api/v1/health')
      .then((r) => r.json() as Promise<Health>)
      .then(setHealth)
      .catch(() => setHealth({ status: 'unreachable', checks: {} }));
  }, []);
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', height: '100vh', display: 'flex', flexDirection: 'column' }}>
      <header style={{ padding: '12px 16px', borderBottom: '1px solid #ddd' }}>
        <h1 style={{ margin: 0, fontSize: 20 }}>Sunlight 阳光电子监察</h1>
        <p data-testid="health" style={{ margin: '4px 0 0' }}>
          API: {health ? health.status : '…'}
        </p>
      </header>
      <div style={{ flex: 1 }} aria-label="process graph">
        <ReactFlow nodes={nodes} edges={edges} fitView>
          <Background />
          <Controls />
        </ReactFlow>
      </div>
    </main>
  );
}
