import { describe, expect, it } from 'vitest';
import {
  branchOf,
  choiceEdge,
  edgeForAction,
  findNode,
  findStart,
  matchingJoin,
  outgoingEdges,
  returnTargets,
  sameBranch,
  splitOfJoin,
  taskActions,
  validateDefinition,
  type ProcessDefinition,
} from '../../../domain/definition';
import { definitionFixtures, type DefinitionFixtureName } from '../../fixtures/definitions';
import { definition, edge, end, join, split, start, task } from './builders';

function load(name: DefinitionFixtureName): ProcessDefinition {
  const { definition: loaded } = validateDefinition(definitionFixtures[name]);
  if (loaded === undefined) throw new Error(`fixture ${name} does not validate`);
  return loaded;
}

describe('graph helpers', () => {
  const sequential = load('sequential-licence');
  const parallel = load('parallel-approval');
  const choice = load('choice-on-form');

  it('finds the start, nodes and outgoing edges', () => {
    expect(findStart(sequential)?.id).toBe('start');
    expect(findNode(sequential, 'review')?.kind).toBe('task');
    expect(findNode(sequential, 'missing')).toBeUndefined();
    expect(outgoingEdges(sequential, 'accept').map((e) => e.id)).toEqual(['e-accept', 'e-refuse']);
    expect(outgoingEdges(sequential, 'end-approved')).toEqual([]);
  });

  it('maps a task action to its edge, with complete for a sole unlabelled edge', () => {
    expect(edgeForAction(sequential, 'accept', 'refuse')?.target).toBe('end-refused');
    expect(edgeForAction(sequential, 'undertake', 'complete')?.target).toBe('review');
    expect(edgeForAction(sequential, 'undertake', 'approve')).toBeUndefined();
    expect(taskActions(sequential, 'review')).toEqual(['complete', 'return']);
    expect(taskActions(sequential, 'start')).toEqual([]);
  });

  it('matches splits and joins', () => {
    expect(matchingJoin(parallel, 'split')).toBe('join');
    expect(splitOfJoin(parallel, 'join')).toBe('split');
    expect(matchingJoin(parallel, 'accept')).toBeUndefined();
  });

  it('tells the branch a node runs in', () => {
    expect(branchOf(parallel, 'fire-review')).toEqual({ splitId: 'split', joinId: 'join', edgeId: 'b-fire' });
    expect(branchOf(parallel, 'air-defence')?.edgeId).toBe('b-air-defence');
    expect(branchOf(parallel, 'approve')).toBeUndefined();
    expect(branchOf(parallel, 'split')).toBeUndefined();
    expect(sameBranch(parallel, 'fire-check', 'fire-review')).toBe(true);
    expect(sameBranch(parallel, 'fire-check', 'air-defence')).toBe(false);
    expect(sameBranch(parallel, 'accept', 'approve')).toBe(true);
  });

  it('lists return targets: earlier tasks in the same branch', () => {
    expect(returnTargets(sequential, 'approve').map((t) => t.id)).toEqual(['accept', 'undertake', 'review']);
    expect(returnTargets(parallel, 'fire-review').map((t) => t.id)).toEqual(['fire-check']);
    expect(returnTargets(parallel, 'approve').map((t) => t.id)).toEqual(['accept']);
    expect(returnTargets(sequential, 'accept')).toEqual([]);
  });

  it('picks the edge of a choice from case data, falling back to the default', () => {
    expect(choiceEdge(choice, 'needs-police', { roadClass: 'arterial' })?.target).toBe('police-countersign');
    expect(choiceEdge(choice, 'needs-police', { roadClass: 'branch', excavation: true, occupiedArea: 500 })?.id).toBe('e-police');
    expect(choiceEdge(choice, 'needs-police', { roadClass: 'branch', excavation: false, occupiedArea: 500 })?.id).toBe('e-no-police');
    expect(choiceEdge(choice, 'needs-police', {})?.id).toBe('e-no-police');
  });

  it('handles nested regions', () => {
    const { definition: nested } = validateDefinition(
      definition(
        [start(), split('s'), split('s2'), task('x'), task('y'), join('j2'), task('p'), join('j'), end()],
        [edge('start', 's'), edge('s', 's2'), edge('s2', 'x'), edge('s2', 'y'), edge('x', 'j2'), edge('y', 'j2'), edge('j2', 'j'), edge('s', 'p'), edge('p', 'j'), edge('j', 'end')],
      ),
    );
    if (nested === undefined) throw new Error('nested definition does not validate');
    expect(matchingJoin(nested, 's2')).toBe('j2');
    expect(matchingJoin(nested, 's')).toBe('j');
    expect(branchOf(nested, 'x')).toEqual({ splitId: 's2', joinId: 'j2', edgeId: 's2-x' });
    expect(branchOf(nested, 's2')).toEqual({ splitId: 's', joinId: 'j', edgeId: 's-s2' });
    expect(branchOf(nested, 'j2')).toEqual({ splitId: 's', joinId: 'j', edgeId: 's-s2' });
    expect(branchOf(nested, 'p')?.edgeId).toBe('s-p');
  });
});
