import { describe, expect, it } from 'vitest';
import { flowStages, validateDefinition, type FlowStage, type ProcessDefinition, type ProcessDefinitionInput } from '../../../domain/definition';
import { definitionFixtures } from '../../fixtures/definitions';
import { definition, edge, end, join, split, start, task } from './builders';

function valid(input: unknown): ProcessDefinition {
  const result = validateDefinition(input);
  if (result.definition === undefined || !result.ok) throw new Error(JSON.stringify(result.errors));
  return result.definition;
}

/** Stages as ids: a task's id, or the branches' ids of a parallel stage. */
const ids = (stages: FlowStage[]) => stages.map((s) => (s.kind === 'task' ? s.task.id : s.branches.map((b) => b.map((t) => t.id))));

describe('flowStages: the tasks in the order of the flow, parallel branches as one stage', () => {
  it('keeps a sequential flow in order and puts the parallel region of the fixture in one stage before 办结', () => {
    expect(ids(flowStages(valid(definitionFixtures['sequential-licence'])))).toEqual(['accept', 'undertake', 'review', 'approve', 'conclude']);
    expect(ids(flowStages(valid(definitionFixtures['parallel-approval'])))).toEqual([
      'accept', [['fire-check', 'fire-review'], ['air-defence'], ['quality-safety']], 'approve', 'conclude',
    ]);
  });

  it('follows the edges, not the order the nodes were written in (a designer appends what it adds)', () => {
    const written: ProcessDefinitionInput = definition(
      [
        task('conclude', { stage: 'conclude', role: 'acceptor' }), end('end'), task('b2'), join('j'), task('a'), task('b1'),
        split('s'), task('accept', { stage: 'accept', role: 'acceptor' }), start(), end('refused', 'refused'),
      ],
      [
        edge('start', 'accept'), edge('accept', 's', { action: 'accept' }), edge('accept', 'refused', { action: 'refuse' }),
        edge('s', 'a'), edge('s', 'b1'), edge('b1', 'b2'), edge('a', 'j'), edge('b2', 'j'), edge('j', 'conclude'), edge('conclude', 'end'),
      ],
    );
    expect(ids(flowStages(valid(written)))).toEqual(['accept', [['a'], ['b1', 'b2']], 'conclude']);
  });

  it('keeps a region nested in a branch inside that branch', () => {
    const nested = definition(
      [start(), split('outer'), task('x'), split('inner'), task('y1'), task('y2'), join('inner-join'), join('outer-join'), task('z'), end()],
      [
        edge('start', 'outer'), edge('outer', 'x'), edge('outer', 'inner'), edge('inner', 'y1'), edge('inner', 'y2'), edge('y1', 'inner-join'),
        edge('y2', 'inner-join'), edge('inner-join', 'outer-join'), edge('x', 'outer-join'), edge('outer-join', 'z'), edge('z', 'end'),
      ],
    );
    const stages = flowStages(valid(nested));
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatchObject({ kind: 'parallel', splitId: 'outer' });
    expect(ids(stages)[0]).toEqual(expect.arrayContaining([['x'], expect.arrayContaining(['y1', 'y2'])]));
    expect(ids(stages)[1]).toBe('z');
  });
});
