import { describe, expect, it } from 'vitest';
import { checkDirectory, validateDefinition, type ProcessDefinition } from '../../../domain/definition';
import { definitionFixtures } from '../../fixtures/definitions';

const load = (): ProcessDefinition => {
  const { definition } = validateDefinition(definitionFixtures['sequential-licence']);
  if (definition === undefined) throw new Error('fixture does not validate');
  return definition;
};
const directory = { departments: ['health-commission'], positions: ['acceptor', 'undertaker', 'reviewer', 'approver'] };

describe('checkDirectory', () => {
  it('passes a definition whose departments and roles all exist', () => {
    expect(checkDirectory(load(), directory)).toEqual([]);
  });

  it('refuses a role no one holds and a department that does not exist, naming the node and the field', () => {
    const definition = load();
    const index = definition.nodes.findIndex((node) => node.id === 'review');
    const review = definition.nodes[index];
    if (review?.kind !== 'task') throw new Error('no review task');
    review.role = 'reviwer';
    review.department = 'helth-commission';
    const issues = checkDirectory(definition, directory);
    expect(issues.map(({ code, severity, nodeId, path }) => ({ code, severity, nodeId, path }))).toEqual([
      { code: 'UNKNOWN_DEPARTMENT', severity: 'error', nodeId: 'review', path: `/nodes/${index}/department` },
      { code: 'UNKNOWN_ROLE', severity: 'error', nodeId: 'review', path: `/nodes/${index}/role` },
    ]);
    expect(issues[1]?.message.zh).toContain('reviwer');
    expect(issues[1]?.message.zh).toContain(review.name);
    expect(issues[1]?.message.en).toContain("role 'reviwer'");
  });

  it('checks the item’s own department', () => {
    const issues = checkDirectory(load(), { ...directory, departments: [] });
    expect(issues[0]).toMatchObject({ code: 'UNKNOWN_DEPARTMENT', path: '/item/department' });
    expect(issues.filter((i) => i.code === 'UNKNOWN_DEPARTMENT')).toHaveLength(1 + load().nodes.filter((n) => n.kind === 'task').length);
  });
});
