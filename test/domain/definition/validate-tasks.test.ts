import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../domain/definition';
import { chain, definition, edge, end, issues, join, split, start, task } from './builders';

describe('validateDefinition: task actions', () => {
  it('lets a task with one exit omit its action', () => {
    expect(issues(validateDefinition(chain('a')))).toEqual([]);
  });

  it('TASK_ACTION_MISSING for an unlabelled edge among several', () => {
    const def = chain('a');
    def.nodes.push(end('refused', 'refused'));
    def.edges.push(edge('a', 'refused', { action: 'reject' }));
    expect(issues(validateDefinition(def))).toEqual([{ code: 'TASK_ACTION_MISSING', nodeId: 'a', edgeId: 'a-end' }]);
  });

  it('TASK_ACTION_DUPLICATE for a second edge with the same action', () => {
    const def = chain('a');
    def.nodes.push(end('other'));
    def.edges[1] = edge('a', 'end', { action: 'approve' });
    def.edges.push(edge('a', 'other', { action: 'approve' }));
    expect(issues(validateDefinition(def))).toEqual([{ code: 'TASK_ACTION_DUPLICATE', nodeId: 'a', edgeId: 'a-other' }]);
  });

  it('EDGE_ACTION_NOT_ALLOWED on an edge that does not leave a task', () => {
    const def = chain('a');
    def.edges[0] = edge('start', 'a', { action: 'complete' });
    expect(issues(validateDefinition(def))).toEqual([{ code: 'EDGE_ACTION_NOT_ALLOWED', edgeId: 'start-a' }]);
  });

  it('ACTION_STAGE_MISMATCH warns about refusing outside acceptance', () => {
    const def = definition(
      [start(), task('acc', { stage: 'accept' }), task('rev', { stage: 'review' }), end(), end('refused', 'refused')],
      [
        edge('start', 'acc'),
        edge('acc', 'rev', { action: 'accept' }),
        edge('acc', 'refused', { action: 'refuse' }),
        edge('rev', 'end', { action: 'complete' }),
        edge('rev', 'refused', { action: 'refuse' }),
      ],
    );
    const result = validateDefinition(def);
    expect(issues(result)).toEqual([]);
    expect(issues(result, 'warnings')).toEqual([{ code: 'ACTION_STAGE_MISMATCH', nodeId: 'rev', edgeId: 'rev-refused' }]);
  });
});

describe('validateDefinition: return edges', () => {
  const withReturn = (source: string, target: string) => {
    const def = chain('a', 'b', 'c');
    const index = def.edges.findIndex((e) => e.source === source);
    def.edges[index] = { ...(def.edges[index] as (typeof def.edges)[number]), action: 'complete' };
    def.edges.push(edge(source, target, { action: 'return' }));
    return def;
  };

  it('accepts a return to an earlier task', () => {
    expect(issues(validateDefinition(withReturn('c', 'a')))).toEqual([]);
  });

  it('RETURN_NOT_PREDECESSOR for a return forward', () => {
    expect(issues(validateDefinition(withReturn('a', 'c')))).toEqual([{ code: 'RETURN_NOT_PREDECESSOR', edgeId: 'a-c' }]);
  });

  it('RETURN_TARGET_NOT_TASK for a return to the start', () => {
    expect(issues(validateDefinition(withReturn('b', 'start')))).toEqual([
      { code: 'START_INCOMING', edgeId: 'b-start' },
      { code: 'RETURN_TARGET_NOT_TASK', edgeId: 'b-start' },
    ]);
  });

  it('RETURN_LEAVES_BRANCH for a return out of a parallel branch', () => {
    const def = definition(
      [start(), task('a'), split('s'), task('b1'), task('b2'), join('j'), end()],
      [
        edge('start', 'a'),
        edge('a', 's'),
        edge('s', 'b1'),
        edge('s', 'b2'),
        edge('b1', 'j', { action: 'complete' }),
        edge('b1', 'a', { action: 'return' }),
        edge('b2', 'j'),
        edge('j', 'end'),
      ],
    );
    expect(issues(validateDefinition(def))).toEqual([{ code: 'RETURN_LEAVES_BRANCH', edgeId: 'b1-a' }]);
  });

  it('accepts a return within a parallel branch', () => {
    const def = definition(
      [start(), split('s'), task('b1'), task('b1r'), task('b2'), join('j'), end()],
      [
        edge('start', 's'),
        edge('s', 'b1'),
        edge('s', 'b2'),
        edge('b1', 'b1r'),
        edge('b1r', 'j', { action: 'complete' }),
        edge('b1r', 'b1', { action: 'return' }),
        edge('b2', 'j'),
        edge('j', 'end'),
      ],
    );
    expect(issues(validateDefinition(def))).toEqual([]);
  });
});

describe('validateDefinition: special procedures and risk points', () => {
  it('SPECIAL_PROCEDURE_MISSING for a special task without its procedure', () => {
    const def = definition([start(), task('x', { stage: 'special' }), end()], [edge('start', 'x'), edge('x', 'end')]);
    expect(issues(validateDefinition(def))).toEqual([{ code: 'SPECIAL_PROCEDURE_MISSING', nodeId: 'x' }]);
  });

  it('SPECIAL_PROCEDURE_LIMIT_MISSING for a procedure without a limit', () => {
    const def = definition(
      [start(), task('x', { stage: 'special', specialProcedure: { kind: 'hearing' } }), end()],
      [edge('start', 'x'), edge('x', 'end')],
    );
    expect(issues(validateDefinition(def))).toEqual([{ code: 'SPECIAL_PROCEDURE_LIMIT_MISSING', nodeId: 'x' }]);
  });

  it('RISK_POINT_NO_DOCUMENTS is a warning', () => {
    const def = definition(
      [start(), task('x', { riskPoint: { level: 'high', requiredDocuments: [] } }), end()],
      [edge('start', 'x'), edge('x', 'end')],
    );
    const result = validateDefinition(def);
    expect(result.ok).toBe(true);
    expect(issues(result, 'warnings')).toEqual([{ code: 'RISK_POINT_NO_DOCUMENTS', nodeId: 'x' }]);
  });
});
