import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../domain/definition';
import { chain, definition, edge, end, issues, start, task } from './builders';

describe('validateDefinition: structure', () => {
  it('accepts a minimal chain', () => {
    const result = validateDefinition(chain('a', 'b'));
    expect(issues(result)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.definition?.item.supplementNoticeDays).toBe(5);
  });

  it('does not modify its input', () => {
    const input = chain('a');
    const before = JSON.stringify(input);
    validateDefinition(input);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('DUPLICATE_NODE_ID', () => {
    const def = chain('a');
    def.nodes.push(task('a'));
    expect(issues(validateDefinition(def))).toEqual([{ code: 'DUPLICATE_NODE_ID', nodeId: 'a' }]);
  });

  it('DUPLICATE_EDGE_ID', () => {
    const def = definition([start(), task('a'), task('b'), end()], [edge('start', 'a'), edge('a', 'b', { id: 'x' }), edge('b', 'end', { id: 'x' })]);
    expect(issues(validateDefinition(def))).toEqual([{ code: 'DUPLICATE_EDGE_ID', edgeId: 'x' }]);
  });

  it('EDGE_SOURCE_UNKNOWN and EDGE_TARGET_UNKNOWN', () => {
    const def = chain('a');
    def.edges.push(edge('ghost', 'a'), edge('a', 'nowhere', { action: 'reject' }));
    def.edges[1] = { ...edge('a', 'end'), action: 'complete' };
    expect(issues(validateDefinition(def))).toEqual([
      { code: 'EDGE_SOURCE_UNKNOWN', edgeId: 'ghost-a' },
      { code: 'EDGE_TARGET_UNKNOWN', edgeId: 'a-nowhere' },
    ]);
  });

  it('SELF_LOOP', () => {
    const def = chain('a');
    def.edges.push(edge('a', 'a', { action: 'void' }));
    def.edges[1] = { ...edge('a', 'end'), action: 'complete' };
    expect(issues(validateDefinition(def))).toEqual([{ code: 'SELF_LOOP', edgeId: 'a-a' }]);
  });

  it('START_COUNT when there is no start', () => {
    const def = definition([task('a'), end()], [edge('a', 'end')]);
    expect(issues(validateDefinition(def))).toEqual([{ code: 'START_COUNT' }]);
  });

  it('START_COUNT for a second start', () => {
    const def = chain('a');
    def.nodes.push(start('start2'));
    def.edges.push(edge('start2', 'a'));
    expect(issues(validateDefinition(def))).toEqual([{ code: 'START_COUNT', nodeId: 'start2' }]);
  });

  it('START_INCOMING', () => {
    const def = chain('a');
    def.edges[1] = { ...edge('a', 'end'), action: 'complete' };
    def.edges.push(edge('a', 'start', { action: 'void' }));
    expect(issues(validateDefinition(def))).toEqual([{ code: 'START_INCOMING', edgeId: 'a-start' }]);
  });

  it('START_OUTGOING_COUNT', () => {
    const def = definition([start(), task('a'), task('b'), end()], [edge('start', 'a'), edge('start', 'b'), edge('a', 'end'), edge('b', 'end')]);
    expect(issues(validateDefinition(def))).toEqual([{ code: 'START_OUTGOING_COUNT', nodeId: 'start' }]);
  });

  it('END_MISSING', () => {
    const def = definition([start(), task('a')], [edge('start', 'a')]);
    expect(issues(validateDefinition(def)).map((i) => i.code)).toContain('END_MISSING');
  });

  it('END_OUTGOING', () => {
    const def = chain('a');
    def.nodes.push(end('end2'));
    def.edges.push(edge('end', 'end2'));
    expect(issues(validateDefinition(def))).toEqual([{ code: 'END_OUTGOING', edgeId: 'end-end2' }]);
  });

  it('UNREACHABLE_NODE', () => {
    const def = chain('a');
    def.nodes.push(task('island'));
    def.edges.push(edge('island', 'end'));
    expect(issues(validateDefinition(def))).toEqual([{ code: 'UNREACHABLE_NODE', nodeId: 'island' }]);
  });

  it('DEAD_END, and NO_PATH_TO_END upstream of it', () => {
    const def = definition([start(), task('a'), task('b'), end()], [edge('start', 'a'), edge('a', 'b', { action: 'complete' }), edge('a', 'end', { action: 'void' })]);
    expect(issues(validateDefinition(def))).toEqual([{ code: 'DEAD_END', nodeId: 'b' }]);
    const stuck = definition([start(), task('a'), task('b'), end()], [edge('start', 'a'), edge('a', 'b')]);
    expect(issues(validateDefinition(stuck))).toEqual([
      { code: 'NO_PATH_TO_END', nodeId: 'start' },
      { code: 'NO_PATH_TO_END', nodeId: 'a' },
      { code: 'DEAD_END', nodeId: 'b' },
      { code: 'UNREACHABLE_NODE', nodeId: 'end' },
    ]);
  });

  it('NO_PATH_TO_END for a task whose only way on is a return', () => {
    const def = definition(
      [start(), task('a'), task('b'), end()],
      [edge('start', 'a'), edge('a', 'b', { action: 'complete' }), edge('a', 'end', { action: 'void' }), edge('b', 'a', { action: 'return' })],
    );
    expect(issues(validateDefinition(def))).toEqual([{ code: 'NO_PATH_TO_END', nodeId: 'b' }]);
  });

  it('CYCLE for a loop that is not a return', () => {
    const def = chain('a', 'b');
    def.edges[2] = { ...edge('b', 'end'), action: 'complete' };
    def.edges.push(edge('b', 'a', { action: 'reject' }));
    expect(issues(validateDefinition(def))).toEqual([{ code: 'CYCLE', edgeId: 'b-a' }]);
  });

  it('LAYOUT_UNKNOWN_NODE is a warning', () => {
    const def = { ...chain('a'), layout: { positions: { a: { x: 1, y: 2 }, gone: { x: 0, y: 0 } } } };
    const result = validateDefinition(def);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => [w.code, w.path])).toEqual([['LAYOUT_UNKNOWN_NODE', '/layout/positions/gone']]);
  });
});
