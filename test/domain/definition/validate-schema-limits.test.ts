import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../domain/definition';
import { baseItem, chain, definition, edge, end, issues, join, split, start, task } from './builders';

const schemaIssues = (input: unknown) =>
  validateDefinition(input).errors.map(({ code, path, nodeId, edgeId }) => ({ code, path, nodeId, edgeId }));

describe('validateDefinition: schema', () => {
  it('maps a missing task field to a JSON pointer and the node', () => {
    const def = chain('a') as { nodes: Record<string, unknown>[] };
    delete def.nodes[1]?.role;
    expect(schemaIssues(def)).toEqual([{ code: 'SCHEMA_INVALID', path: '/nodes/1/role', nodeId: 'a', edgeId: undefined }]);
  });

  it('reports an unknown node kind, unknown field and bad enum value', () => {
    const def = chain('a') as { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] };
    def.nodes[0] = { id: 'start', name: '开始', kind: 'begin' };
    def.edges[0] = { ...def.edges[0], colour: 'red' };
    (def.nodes[1] as Record<string, unknown>).stage = 'decide';
    const result = validateDefinition(def);
    expect(result.ok).toBe(false);
    expect(result.definition).toBeUndefined();
    expect(result.errors.map((e) => [e.path, e.nodeId ?? e.edgeId])).toEqual([
      ['/nodes/0', 'start'],
      ['/nodes/1/stage', 'a'],
      ['/edges/0/colour', 'start-a'],
    ]);
    expect(result.errors[0]?.message.zh).toContain('未知的节点类型');
    expect(result.errors[1]?.message.zh).toContain('环节阶段');
  });

  it('reports malformed ids and an item without its limits', () => {
    const def = chain('a') as { item: Record<string, unknown>; nodes: Record<string, unknown>[] };
    delete def.item.promisedLimit;
    (def.nodes[1] as Record<string, unknown>).id = '1 bad';
    expect(schemaIssues(def).map((i) => i.path)).toEqual(['/item/promisedLimit', '/nodes/1/id']);
  });

  it.each([null, 'text', 42, [], undefined])('refuses %j as a definition', (input) => {
    expect(schemaIssues(input)).toEqual([{ code: 'SCHEMA_INVALID', path: '', nodeId: undefined, edgeId: undefined }]);
  });

  it('refuses input that is not JSON without throwing', () => {
    const circular: Record<string, unknown> = { ...chain('a') };
    circular.self = circular;
    expect(schemaIssues(circular).map((i) => i.code)).toEqual(['SCHEMA_INVALID']);
  });

  it('accepts natural-day limits nowhere', () => {
    const def = definition([start(), end()], [edge('start', 'end')], {
      promisedLimit: { value: 5, unit: 'natural-day' as 'working-day' },
    });
    expect(schemaIssues(def).map((i) => i.path)).toEqual(['/item/promisedLimit/unit']);
  });

  it('FORM_SCHEMA_INVALID for a form that is not a JSON Schema', () => {
    const def = definition([start(), end()], [edge('start', 'end')], {
      catalogue: { ...baseItem.catalogue, formSchema: { type: 'object', properties: { a: { type: 'strnig' } } } },
    });
    expect(schemaIssues(def)).toEqual([
      { code: 'FORM_SCHEMA_INVALID', path: '/item/catalogue/formSchema', nodeId: undefined, edgeId: undefined },
    ]);
  });
});

describe('validateDefinition: limits', () => {
  it('LIMIT_PROMISED_EXCEEDS_STATUTORY', () => {
    const def = definition([start(), end()], [edge('start', 'end')], { promisedLimit: { value: 21, unit: 'working-day' } });
    expect(issues(validateDefinition(def))).toEqual([{ code: 'LIMIT_PROMISED_EXCEEDS_STATUTORY' }]);
  });

  it('LIMIT_TWO_THIRDS only when the rule is enabled', () => {
    const def = definition([start(), end()], [edge('start', 'end')], { promisedLimit: { value: 14, unit: 'working-day' } });
    expect(validateDefinition(def).warnings).toEqual([]);
    const result = validateDefinition(def, { twoThirdsRule: true });
    expect(result.ok).toBe(true);
    expect(issues(result, 'warnings')).toEqual([{ code: 'LIMIT_TWO_THIRDS' }]);
    const exactlyTwoThirds = definition([start(), end()], [edge('start', 'end')], {
      statutoryLimit: { value: 30, unit: 'working-day' },
      promisedLimit: { value: 20, unit: 'working-day' },
    });
    expect(validateDefinition(exactlyTwoThirds, { twoThirdsRule: true }).warnings).toEqual([]);
  });

  it('STEP_LIMITS_EXCEED_PROMISED counts the slowest parallel branch and skips special procedures', () => {
    const build = (slowBranchDays: number) =>
      definition(
        [
          start(),
          task('a', { stepLimitDays: 3 }),
          split('s'),
          task('b1', { stepLimitDays: slowBranchDays }),
          task('b2', { stepLimitDays: 2 }),
          join('j'),
          task('sp', { stage: 'special', stepLimitDays: 30, specialProcedure: { kind: 'expert-review', limitDays: 30 } }),
          task('c', { stepLimitDays: 2 }),
          end(),
        ],
        [edge('start', 'a'), edge('a', 's'), edge('s', 'b1'), edge('s', 'b2'), edge('b1', 'j'), edge('b2', 'j'), edge('j', 'sp'), edge('sp', 'c'), edge('c', 'end')],
      );
    expect(validateDefinition(build(5)).warnings).toEqual([]);
    const result = validateDefinition(build(6));
    expect(issues(result, 'warnings')).toEqual([{ code: 'STEP_LIMITS_EXCEED_PROMISED' }]);
    expect(result.warnings[0]?.message.zh).toContain('11 个工作日');
  });
});
