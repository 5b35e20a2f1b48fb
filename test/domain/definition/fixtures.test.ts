import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../domain/definition';
import { definitionFixtures } from '../../fixtures/definitions';
import { largeDefinition } from '../../fixtures/definitions/large';

describe('definition fixtures', () => {
  it.each(Object.entries(definitionFixtures))('%s validates without errors or warnings', (_name, fixture) => {
    const result = validateDefinition(fixture, { twoThirdsRule: true });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('cover the node kinds and features the scenarios rely on', () => {
    const all = Object.values(definitionFixtures).flatMap((fixture) => validateDefinition(fixture).definition ?? []);
    expect(all).toHaveLength(Object.keys(definitionFixtures).length);
    const kinds = new Set(all.flatMap((d) => d.nodes.map((n) => n.kind)));
    expect([...kinds].sort()).toEqual(['choice', 'end', 'parallel-join', 'parallel-split', 'start', 'task']);
    const tasks = all.flatMap((d) => d.nodes).filter((n) => n.kind === 'task');
    expect(tasks.some((t) => t.specialProcedure !== undefined)).toBe(true);
    expect(tasks.some((t) => t.riskPoint !== undefined)).toBe(true);
    const actions = new Set(all.flatMap((d) => d.edges.map((e) => e.action)));
    expect(actions).toEqual(new Set(['accept', 'refuse', 'complete', 'return', 'approve', 'reject', undefined]));
  });
});

describe('largeDefinition', () => {
  it('builds exactly the requested size, valid', () => {
    const input = largeDefinition(300, 400);
    expect([input.nodes.length, input.edges.length]).toEqual([300, 400]);
    const result = validateDefinition(input);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });
});
