import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../domain/definition';
import { choice, definition, edge, end, issues, start, task } from './builders';

type Edges = Parameters<typeof definition>[1];

/** start → q → (x | y) → end, with the given choice edges. */
function withChoice(choiceEdges: Edges) {
  return definition(
    [start(), choice('q'), task('x'), task('y'), end()],
    [edge('start', 'q'), ...choiceEdges, edge('x', 'end'), edge('y', 'end')],
  );
}

describe('validateDefinition: choices', () => {
  it('accepts a condition and a default', () => {
    const def = withChoice([edge('q', 'x', { condition: 'data.amount > 100' }), edge('q', 'y', { default: true })]);
    expect(issues(validateDefinition(def))).toEqual([]);
  });

  it('CHOICE_BRANCH_COUNT', () => {
    const def = definition([start(), choice('q'), end()], [edge('start', 'q'), edge('q', 'end', { default: true })]);
    expect(issues(validateDefinition(def))).toEqual([{ code: 'CHOICE_BRANCH_COUNT', nodeId: 'q' }]);
  });

  it('CHOICE_DEFAULT_COUNT without a default', () => {
    const def = withChoice([edge('q', 'x', { condition: 'data.urgent' }), edge('q', 'y', { condition: '!data.urgent' })]);
    expect(issues(validateDefinition(def))).toEqual([{ code: 'CHOICE_DEFAULT_COUNT', nodeId: 'q' }]);
  });

  it('CHOICE_DEFAULT_COUNT with two defaults names the second', () => {
    const def = withChoice([edge('q', 'x', { default: true }), edge('q', 'y', { default: true })]);
    expect(issues(validateDefinition(def))).toEqual([{ code: 'CHOICE_DEFAULT_COUNT', nodeId: 'q', edgeId: 'q-y' }]);
  });

  it('CONDITION_MISSING', () => {
    const def = withChoice([edge('q', 'x'), edge('q', 'y', { default: true })]);
    expect(issues(validateDefinition(def))).toEqual([{ code: 'CONDITION_MISSING', edgeId: 'q-x' }]);
  });

  it('DEFAULT_WITH_CONDITION', () => {
    const def = withChoice([edge('q', 'x', { condition: 'data.urgent' }), edge('q', 'y', { default: true, condition: 'true' })]);
    expect(issues(validateDefinition(def))).toEqual([{ code: 'DEFAULT_WITH_CONDITION', edgeId: 'q-y' }]);
  });

  it('CONDITION_SYNTAX with the position in the message', () => {
    const def = withChoice([edge('q', 'x', { condition: 'data.amount >> 1' }), edge('q', 'y', { default: true })]);
    const result = validateDefinition(def);
    expect(issues(result)).toEqual([{ code: 'CONDITION_SYNTAX', edgeId: 'q-x' }]);
    expect(result.errors[0]?.message.zh).toContain('第 14 个字符');
  });

  it('CONDITION_UNKNOWN_FIELD against the form schema', () => {
    const def = withChoice([edge('q', 'x', { condition: 'data.amout > 1' }), edge('q', 'y', { default: true })]);
    expect(issues(validateDefinition(def))).toEqual([{ code: 'CONDITION_UNKNOWN_FIELD', edgeId: 'q-x' }]);
  });

  it('CONDITION_TYPE against the form schema', () => {
    const def = withChoice([edge('q', 'x', { condition: 'data.kind == "company"' }), edge('q', 'y', { default: true })]);
    expect(issues(validateDefinition(def))).toEqual([{ code: 'CONDITION_TYPE', edgeId: 'q-x' }]);
  });

  it('EDGE_CONDITION_NOT_ALLOWED on an edge that does not leave a choice', () => {
    const def = definition([start(), task('x'), end()], [edge('start', 'x'), edge('x', 'end', { condition: 'data.urgent' })]);
    expect(issues(validateDefinition(def))).toEqual([{ code: 'EDGE_CONDITION_NOT_ALLOWED', edgeId: 'x-end' }]);
  });
});
