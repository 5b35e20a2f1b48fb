import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../domain/definition';
import { choice, definition, edge, end, issues, join, split, start, task } from './builders';

/** start → a → s → (b1 | b2) → j → c → end */
function parallel() {
  return definition(
    [start(), task('a'), split('s'), task('b1'), task('b2'), join('j'), task('c'), end()],
    [edge('start', 'a'), edge('a', 's'), edge('s', 'b1'), edge('s', 'b2'), edge('b1', 'j'), edge('b2', 'j'), edge('j', 'c'), edge('c', 'end')],
  );
}

describe('validateDefinition: parallel regions', () => {
  it('accepts a split closed by its join', () => {
    expect(issues(validateDefinition(parallel()))).toEqual([]);
  });

  it('accepts nested regions and a choice inside a branch', () => {
    const def = definition(
      [start(), split('s'), split('s2'), task('x'), task('y'), join('j2'), choice('q'), task('p'), task('r'), join('j'), end()],
      [
        edge('start', 's'),
        edge('s', 's2'),
        edge('s2', 'x'),
        edge('s2', 'y'),
        edge('x', 'j2'),
        edge('y', 'j2'),
        edge('j2', 'j'),
        edge('s', 'q'),
        edge('q', 'p', { condition: 'data.amount > 1' }),
        edge('q', 'r', { default: true }),
        edge('p', 'j'),
        edge('r', 'j'),
        edge('j', 'end'),
      ],
    );
    expect(issues(validateDefinition(def))).toEqual([]);
  });

  it('SPLIT_BRANCH_COUNT', () => {
    const def = definition([start(), split('s'), task('b'), join('j'), end()], [edge('start', 's'), edge('s', 'b'), edge('b', 'j'), edge('j', 'end')]);
    expect(issues(validateDefinition(def))).toContainEqual({ code: 'SPLIT_BRANCH_COUNT', nodeId: 's' });
  });

  it('JOIN_INCOMING_COUNT and JOIN_WITHOUT_SPLIT for a join that closes nothing', () => {
    const def = definition([start(), task('a'), join('j'), end()], [edge('start', 'a'), edge('a', 'j'), edge('j', 'end')]);
    expect(issues(validateDefinition(def))).toEqual([
      { code: 'JOIN_INCOMING_COUNT', nodeId: 'j' },
      { code: 'JOIN_WITHOUT_SPLIT', nodeId: 'j' },
    ]);
  });

  it('JOIN_OUTGOING_COUNT', () => {
    const def = parallel();
    def.nodes.push(end('end2'));
    def.edges.push(edge('j', 'end2'));
    expect(issues(validateDefinition(def))).toEqual([{ code: 'JOIN_OUTGOING_COUNT', nodeId: 'j' }]);
  });

  it('SPLIT_WITHOUT_JOIN when no join is reachable', () => {
    const def = definition(
      [start(), split('s'), task('b1'), task('b2'), end()],
      [edge('start', 's'), edge('s', 'b1'), edge('s', 'b2'), edge('b1', 'end'), edge('b2', 'end')],
    );
    expect(issues(validateDefinition(def))).toEqual([{ code: 'SPLIT_WITHOUT_JOIN', nodeId: 's' }]);
  });

  it('EDGE_LEAVES_REGION for a branch that ends without the join', () => {
    const def = parallel();
    def.nodes.push(end('refused', 'disapproved'));
    def.edges[4] = edge('b1', 'j', { action: 'complete' });
    def.edges.push(edge('b1', 'refused', { action: 'reject' }));
    expect(issues(validateDefinition(def))).toEqual([{ code: 'EDGE_LEAVES_REGION', nodeId: 's', edgeId: 'b1-refused' }]);
  });

  it('EDGE_LEAVES_REGION for a branch that skips past the join', () => {
    const def = parallel();
    def.edges[5] = edge('b2', 'c');
    expect(issues(validateDefinition(def))).toEqual([
      { code: 'JOIN_INCOMING_COUNT', nodeId: 'j' },
      { code: 'EDGE_LEAVES_REGION', nodeId: 's', edgeId: 'b2-c' },
    ]);
  });

  it('EDGE_INTO_REGION for an edge from outside into a branch', () => {
    const def = parallel();
    def.edges[1] = edge('a', 's', { action: 'complete' });
    def.edges.push(edge('a', 'b2', { action: 'approve' }));
    expect(issues(validateDefinition(def))).toEqual([{ code: 'EDGE_INTO_REGION', edgeId: 'a-b2' }]);
  });

  it('EDGE_INTO_REGION for an edge from outside into the join', () => {
    const def = parallel();
    def.edges[1] = edge('a', 's', { action: 'complete' });
    def.edges.push(edge('a', 'j', { action: 'approve' }));
    expect(issues(validateDefinition(def))).toEqual([{ code: 'EDGE_INTO_REGION', edgeId: 'a-j' }]);
  });

  it('JOIN_SHARED when two splits end at one join', () => {
    const def = definition(
      [start(), split('s1'), split('s2'), task('a'), task('b'), task('c'), join('j'), end()],
      [edge('start', 's1'), edge('s1', 'a'), edge('s1', 's2'), edge('s2', 'b'), edge('s2', 'c'), edge('a', 'j'), edge('b', 'j'), edge('c', 'j'), edge('j', 'end')],
    );
    expect(issues(validateDefinition(def))).toEqual([{ code: 'JOIN_SHARED', nodeId: 'j' }]);
  });

  it('BRANCHES_MERGE when branches meet before the join', () => {
    const def = definition(
      [start(), split('s'), task('b1'), task('b2'), task('m'), task('o'), join('j'), end()],
      [edge('start', 's'), edge('s', 'b1'), edge('s', 'b2'), edge('s', 'o'), edge('b1', 'm'), edge('b2', 'm'), edge('m', 'j'), edge('o', 'j'), edge('j', 'end')],
    );
    expect(issues(validateDefinition(def))).toEqual([{ code: 'BRANCHES_MERGE', nodeId: 'm' }]);
  });

  it('EMPTY_BRANCH is a warning', () => {
    const def = parallel();
    def.edges.push(edge('s', 'j'));
    const result = validateDefinition(def);
    expect(issues(result)).toEqual([]);
    expect(issues(result, 'warnings')).toEqual([{ code: 'EMPTY_BRANCH', edgeId: 's-j' }]);
  });
});
