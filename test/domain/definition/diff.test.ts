import { describe, expect, it } from 'vitest';
import { diffDefinitions, diffEntries, diffMarks, unionShape, validateDefinition, type ProcessDefinition } from '../../../domain/definition';
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

  it('tells each change as a line, with nested fields by dotted path', () => {
    const before = load();
    const after = load();
    after.item.promisedLimit.value = 8;
    after.nodes.push({ id: 'sign', name: '会签', kind: 'task', stage: 'review', role: 'reviewer', department: 'health-commission' });
    after.nodes = after.nodes.filter((node) => node.id !== 'end-disapproved');
    after.edges = after.edges.filter((edge) => edge.target !== 'end-disapproved');
    const review = after.nodes.find((node) => node.id === 'review');
    if (review?.kind !== 'task') throw new Error('no review task');
    review.stepLimitDays = 3;
    review.specialProcedure = { kind: 'expert-review', limitDays: 12 };
    const entries = diffEntries(diffDefinitions(before, after), after.item.name);
    expect(entries.map(({ mark, element, id }) => `${mark} ${element} ${id}`)).toEqual([
      'changed item ',
      'added node sign',
      'changed node review',
      'removed node end-disapproved',
      ...before.edges.filter((edge) => edge.target === 'end-disapproved').map((edge) => `removed edge ${edge.id}`),
    ]);
    expect(entries[0]).toMatchObject({ name: after.item.name, fields: [{ path: 'promisedLimit.value', before: 10, after: 8 }] });
    expect(entries[1]).toMatchObject({ name: '会签', fields: [] });
    const changed = entries[2]?.fields ?? [];
    const earlier = before.nodes.find((node) => node.id === 'review');
    expect(changed.find((f) => f.path === 'stepLimitDays')).toEqual({ path: 'stepLimitDays', before: earlier?.kind === 'task' ? earlier.stepLimitDays : null, after: 3 });
    expect(changed.filter((f) => f.path.startsWith('specialProcedure')).map((f) => f.path)).toEqual(
      earlier?.kind === 'task' && earlier.specialProcedure ? ['specialProcedure.limitDays'] : ['specialProcedure'],
    );
    expect(entries.at(-1)?.name).toMatch(/ → end-disapproved$/);
  });

  it('marks every differing element and draws removed ones beside the later version', () => {
    const before = load();
    const after = load();
    after.nodes = after.nodes.filter((node) => node.id !== 'end-disapproved');
    const gone = after.edges.filter((edge) => edge.target === 'end-disapproved');
    after.edges = after.edges.filter((edge) => edge.target !== 'end-disapproved');
    after.nodes.push({ id: 'sign', name: '会签', kind: 'task', stage: 'review', role: 'reviewer', department: 'health-commission' });
    const diff = diffDefinitions(before, after);
    const marks = diffMarks(diff);
    expect(marks.get('sign')).toBe('added');
    expect(marks.get('end-disapproved')).toBe('removed');
    for (const edge of gone) expect(marks.get(edge.id)).toBe('removed');
    expect(marks.has('review')).toBe(false);
    const union = unionShape(before, after, diff);
    expect(union.nodes.map((n) => n.id)).toEqual([...after.nodes.map((n) => n.id), 'end-disapproved']);
    expect(union.edges.map((e) => e.id)).toEqual([...after.edges.map((e) => e.id), ...gone.map((e) => e.id)]);
    expect(union.layout?.positions['end-disapproved']).toEqual(before.layout?.positions['end-disapproved']);
  });
});
