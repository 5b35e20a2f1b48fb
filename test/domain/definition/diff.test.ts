import { describe, expect, it } from 'vitest';
import { diffDefinitions, validateDefinition, type ProcessDefinition } from '../../../domain/definition';
import { definitionFixtures } from '../../fixtures/definitions';

const load = (): ProcessDefinition => {
  const { definition } = validateDefinition(definitionFixtures['sequential-licence']);
  if (definition === undefined) throw new Error('fixture does not validate');
  return definition;
};

describe('diffDefinitions', () => {
  it('finds nothing between equal definitions', () => {
    const diff = diffDefinitions(load(), load());
    expect(diff.identical).toBe(true);
    expect(diff.item).toEqual([]);
    expect(diff.nodes).toEqual({ added: [], removed: [], changed: [] });
  });

  it('reports item fields by path, and added, removed and changed nodes and edges', () => {
    const before = load();
    const after = load();
    after.item.promisedLimit.value = 8;
    after.item.catalogue.materials.pop();
    after.nodes = after.nodes.filter((node) => node.id !== 'end-disapproved');
    after.nodes.push({ id: 'sign', name: '会签', kind: 'task', stage: 'review', role: 'reviewer', department: 'health-commission' });
    const review = after.nodes.find((node) => node.id === 'review');
    if (review?.kind !== 'task') throw new Error('no review task');
    review.stepLimitDays = 3;
    review.name = '复审';
    after.edges = after.edges.map((edge) => (edge.id === 'e-reject' ? { ...edge, target: 'sign' } : edge));
    const diff = diffDefinitions(before, after);
    expect(diff.identical).toBe(false);
    expect(diff.item.map((change) => change.path)).toEqual(['promisedLimit.value', 'catalogue.materials']);
    expect(diff.item[0]).toEqual({ path: 'promisedLimit.value', before: 10, after: 8 });
    expect(diff.nodes.added.map((node) => node.id)).toEqual(['sign']);
    expect(diff.nodes.removed.map((node) => node.id)).toEqual(['end-disapproved']);
    expect(diff.nodes.changed.map(({ id, fields }) => ({ id, fields }))).toEqual([{ id: 'review', fields: ['name', 'stepLimitDays'] }]);
    expect(diff.edges.changed.map(({ id, fields }) => ({ id, fields }))).toEqual([{ id: 'e-reject', fields: ['target'] }]);
    expect(diff.layoutChanged).toBe(false);
  });

  it('notices layout changes alone', () => {
    const after = load();
    after.layout = { positions: { start: { x: 1, y: 1 } } };
    const diff = diffDefinitions(load(), after);
    expect(diff.layoutChanged).toBe(true);
    expect(diff.identical).toBe(false);
  });
});
