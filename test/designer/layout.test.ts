import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../domain/definition';
import { layoutGraph } from '../../designer/src/designer/layout';
import { definitionFixtures } from '../fixtures/definitions';

describe('auto-layout', () => {
  it('places every node left to right along the flow, return edges aside', () => {
    const { definition } = validateDefinition(definitionFixtures['parallel-approval']);
    if (!definition) throw new Error('fixture');
    const positions = layoutGraph(
      definition.nodes.map((n) => ({ id: n.id })),
      definition.edges.map((e) => ({ source: e.source, target: e.target, backwards: e.action === 'return' })),
    );
    expect(positions.size).toBe(definition.nodes.length);
    const x = (id: string) => positions.get(id)?.x ?? Number.NaN;
    expect(x('start')).toBeLessThan(x('accept'));
    expect(x('split')).toBeLessThan(x('fire-check'));
    expect(x('fire-check')).toBeLessThan(x('fire-review'));
    expect(x('fire-review')).toBeLessThan(x('join'));
    expect(x('join')).toBeLessThan(x('end-approved'));
    const branches = ['fire-check', 'air-defence', 'quality-safety'].map((id) => positions.get(id)?.y);
    expect(new Set(branches).size).toBe(3);
  });

  it('places an end reached from many places after all of them, below the graph', () => {
    const nodes = [{ id: 'start' }, ...[1, 2, 3, 4, 5].map((i) => ({ id: `t${i}` })), { id: 'done' }, { id: 'refused' }];
    const chain = ['start', 't1', 't2', 't3', 't4', 't5', 'done'];
    const edges = [
      ...chain.slice(1).map((target, i) => ({ source: chain[i] as string, target })),
      ...[1, 2, 3, 4, 5].map((i) => ({ source: `t${i}`, target: 'refused' })),
    ];
    const positions = layoutGraph(nodes, edges);
    const refused = positions.get('refused');
    for (const id of chain.slice(0, -1)) {
      expect(refused?.x).toBeGreaterThan(positions.get(id)?.x ?? Infinity);
      expect(refused?.y).toBeGreaterThan(positions.get(id)?.y ?? Infinity);
    }
  });
});
