import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  definitionToGraph,
  graphToDefinition,
  returnTargets,
  validateDefinition,
  type ProcessDefinition,
} from '../../../domain/definition';
import { definitionFixtures } from '../../fixtures/definitions';
import { validDefinition } from './arbitraries';

function validated(input: unknown): ProcessDefinition {
  const result = validateDefinition(input);
  if (result.definition === undefined || !result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.definition;
}

describe('definitionToGraph / graphToDefinition', () => {
  it('gives React Flow nodes with the kind as type and the other fields as data', () => {
    const graph = definitionToGraph(validated(definitionFixtures['sequential-licence']));
    expect(graph.nodes[1]).toEqual({
      id: 'accept',
      type: 'task',
      position: { x: 180, y: 120 },
      data: { name: '受理', stage: 'accept', role: 'acceptor', department: 'health-commission', stepLimitDays: 1 },
    });
    expect(graph.edges.find((e) => e.id === 'e-refuse')).toEqual({
      id: 'e-refuse',
      source: 'accept',
      target: 'end-refused',
      data: { action: 'refuse' },
      label: '不予受理',
    });
    expect(graph.item.code).toBe('330100-XK-WJ-0012');
  });

  it('places nodes without a stored position by layer, deterministically', () => {
    const definition = validated(definitionFixtures['parallel-approval']);
    const graph = definitionToGraph(definition);
    expect(graph.nodes.every((node) => node.autoPlaced === true)).toBe(true);
    const at = (id: string) => graph.nodes.find((node) => node.id === id)?.position;
    expect(at('start')).toEqual({ x: 0, y: 0 });
    expect(at('fire-check')?.x).toBe(at('air-defence')?.x);
    expect(at('fire-check')?.y).not.toBe(at('air-defence')?.y);
    expect(definitionToGraph(definition)).toEqual(graph);
    expect(graphToDefinition(graph).layout).toBeUndefined();
  });

  it('keeps a moved node once the designer drops its autoPlaced flag', () => {
    const graph = definitionToGraph(validated(definitionFixtures['choice-on-form']));
    const [first, ...rest] = graph.nodes;
    if (first === undefined) throw new Error('no nodes');
    const { autoPlaced: _autoPlaced, ...moved } = first;
    const definition = graphToDefinition({ ...graph, nodes: [{ ...moved, position: { x: 5, y: 6 } }, ...rest] });
    expect(definition.layout).toEqual({ positions: { start: { x: 5, y: 6 } } });
  });

  it('round-trips every fixture', () => {
    for (const fixture of Object.values(definitionFixtures)) {
      const definition = validated(fixture);
      expect(graphToDefinition(definitionToGraph(definition))).toStrictEqual(definition);
    }
  });

  it('round-trips generated valid definitions (property)', () => {
    fc.assert(
      fc.property(validDefinition, (input) => {
        const definition = validated(input);
        expect(graphToDefinition(definitionToGraph(definition))).toStrictEqual(definition);
      }),
      { numRuns: 200 },
    );
  });

  it('validates generated definitions without errors, and offers each return target (property)', () => {
    fc.assert(
      fc.property(validDefinition, (input) => {
        const definition = validated(input);
        for (const edge of definition.edges.filter((e) => e.action === 'return')) {
          expect(returnTargets(definition, edge.source).map((task) => task.id)).toContain(edge.target);
        }
      }),
      { numRuns: 200 },
    );
  });
});
