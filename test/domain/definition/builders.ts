import type { DefinitionValidation, ProcessDefinitionInput } from '../../../domain/definition';

type NodeInput = ProcessDefinitionInput['nodes'][number];
type EdgeInput = ProcessDefinitionInput['edges'][number];
type TaskInput = Extract<NodeInput, { kind: 'task' }>;

/** A valid item for minimal test definitions. */
export const baseItem: ProcessDefinitionInput['item'] = {
  code: 'TEST-001',
  name: '测试事项',
  category: 'administrative-licence',
  department: 'test-dept',
  statutoryLimit: { value: 20, unit: 'working-day' },
  promisedLimit: { value: 10, unit: 'working-day' },
  redCardGraceDays: 3,
  fee: { standard: 0 },
  catalogue: {
    conditions: [],
    materials: [],
    formSchema: {
      type: 'object',
      properties: {
        amount: { type: 'number' },
        name: { type: 'string' },
        urgent: { type: 'boolean' },
        kind: { type: 'string', enum: ['enterprise', 'individual'] },
        applicant: { type: 'object', properties: { type: { type: 'string' }, age: { type: 'integer' } } },
      },
    },
  },
};

export const start = (id = 'start'): NodeInput => ({ id, name: '开始', kind: 'start' });
export const end = (id = 'end', outcome: 'approved' | 'refused' | 'disapproved' = 'approved'): NodeInput => ({
  id,
  name: `结束 ${id}`,
  kind: 'end',
  outcome,
});
export const task = (id: string, extra: Partial<TaskInput> = {}): NodeInput => ({
  id,
  name: `环节 ${id}`,
  kind: 'task',
  stage: 'undertake',
  role: 'undertaker',
  department: 'test-dept',
  ...extra,
});
export const split = (id: string): NodeInput => ({ id, name: `并行 ${id}`, kind: 'parallel-split' });
export const join = (id: string): NodeInput => ({ id, name: `汇聚 ${id}`, kind: 'parallel-join' });
export const choice = (id: string): NodeInput => ({ id, name: `条件 ${id}`, kind: 'choice' });

/** An edge; `edge('a', 'b')` has id 'a-b'. */
export const edge = (source: string, target: string, extra: Partial<EdgeInput> = {}): EdgeInput => ({
  id: `${source}-${target}`,
  source,
  target,
  ...extra,
});

/** A definition around the given nodes and edges. */
export function definition(
  nodes: NodeInput[],
  edges: EdgeInput[],
  item: Partial<ProcessDefinitionInput['item']> = {},
): ProcessDefinitionInput {
  return { schemaVersion: 1, item: { ...baseItem, ...item }, nodes, edges };
}

/** A chain start → tasks… → end, edges named 'source-target'. */
export function chain(...taskIds: string[]): ProcessDefinitionInput {
  const ids = ['start', ...taskIds, 'end'];
  return definition(
    [start(), ...taskIds.map((id) => task(id)), end()],
    ids.slice(1).map((id, i) => edge(ids[i] as string, id)),
  );
}

/** Issues reduced to what tests assert on. */
export function issues(result: DefinitionValidation, severity: 'errors' | 'warnings' = 'errors') {
  return result[severity].map(({ code, nodeId, edgeId }) => ({
    code,
    ...(nodeId === undefined ? {} : { nodeId }),
    ...(edgeId === undefined ? {} : { edgeId }),
  }));
}
