import fc from 'fast-check';
import type { ProcessDefinitionInput } from '../../../domain/definition';
import { baseItem } from './builders';

type NodeInput = ProcessDefinitionInput['nodes'][number];
type EdgeInput = ProcessDefinitionInput['edges'][number];

interface TaskSpec {
  t: 'task';
  name: string;
  stage: 'undertake' | 'review' | 'approve' | 'conclude';
  stepLimitDays: number | null;
  riskDocuments: string[] | null;
  special: boolean;
  returns: boolean;
  refuses: boolean;
}
type Element = TaskSpec | { t: 'parallel'; branches: Element[][] } | { t: 'choice'; alternatives: Element[][]; conditions: string[] };

const conditions = ['data.amount > 100', 'data.urgent', 'data.kind == "enterprise"', 'data.applicant.age >= 18 && !data.urgent', 'data.kind in ["individual"]'];

const taskSpec: fc.Arbitrary<TaskSpec> = fc.record({
  t: fc.constant('task' as const),
  name: fc.string({ minLength: 1, maxLength: 12 }),
  stage: fc.constantFrom('undertake' as const, 'review' as const, 'approve' as const, 'conclude' as const),
  stepLimitDays: fc.option(fc.integer({ min: 1, max: 3 })),
  riskDocuments: fc.option(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 2 })),
  special: fc.boolean(),
  returns: fc.boolean(),
  refuses: fc.boolean(),
});

const { block } = fc.letrec<{ block: Element[]; element: Element }>((tie) => ({
  block: fc.array(tie('element'), { minLength: 1, maxLength: 3 }),
  element: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'definition' },
    taskSpec,
    fc.record({ t: fc.constant('parallel' as const), branches: fc.array(tie('block'), { minLength: 2, maxLength: 3 }) }),
    fc.record({
      t: fc.constant('choice' as const),
      alternatives: fc.array(tie('block'), { minLength: 2, maxLength: 3 }),
      conditions: fc.array(fc.constantFrom(...conditions), { minLength: 3, maxLength: 3 }),
    }),
  ),
}));

interface Pending {
  source: string;
  extra: Partial<EdgeInput>;
}

/** Turns a block structure into a well-formed graph: nested regions, merging choices, returns within branches. */
function materialise(elements: Element[], withLayout: { x: number; y: number }[] | null): ProcessDefinitionInput {
  const nodes: NodeInput[] = [{ id: 'start', name: '开始', kind: 'start' }];
  const edges: EdgeInput[] = [];
  const connect = (pending: Pending[], target: string) => {
    for (const { source, extra } of pending) edges.push({ id: `e${edges.length}`, source, target, ...extra });
  };
  const walk = (block: Element[], entry: Pending[], earlier: string[], inBranch: boolean): Pending[] => {
    let pending = entry;
    for (const element of block) {
      const id = `n${nodes.length}`;
      if (element.t === 'task') {
        const stage = element.refuses && !inBranch ? 'accept' : element.special ? 'special' : element.stage;
        nodes.push({
          id,
          name: element.name,
          kind: 'task',
          stage,
          role: `${stage}-role`,
          department: 'test-dept',
          ...(element.stepLimitDays === null ? {} : { stepLimitDays: element.stepLimitDays }),
          ...(stage === 'special' ? { specialProcedure: { kind: 'site-inspection', limitDays: 5 } } : {}),
          ...(element.riskDocuments === null ? {} : { riskPoint: { level: 'high', requiredDocuments: element.riskDocuments } }),
        });
        connect(pending, id);
        const target = earlier[earlier.length - 1];
        const returns = element.returns && target !== undefined;
        const refuses = stage === 'accept';
        if (returns) edges.push({ id: `e${edges.length}`, source: id, target, action: 'return' });
        if (refuses) edges.push({ id: `e${edges.length}`, source: id, target: 'refused', action: 'refuse' });
        pending = [{ source: id, extra: returns || refuses ? { action: refuses ? 'accept' : 'complete' } : {} }];
        earlier = [...earlier, id];
      } else if (element.t === 'parallel') {
        nodes.push({ id, name: '并联', kind: 'parallel-split' });
        connect(pending, id);
        const ends = element.branches.flatMap((branch) => walk(branch, [{ source: id, extra: {} }], [], true));
        const joinId = `n${nodes.length}`;
        nodes.push({ id: joinId, name: '汇聚', kind: 'parallel-join' });
        connect(ends, joinId);
        pending = [{ source: joinId, extra: {} }];
      } else {
        nodes.push({ id, name: '判断', kind: 'choice' });
        connect(pending, id);
        const before = earlier;
        pending = element.alternatives.flatMap((alternative, i) => {
          const extra = i === 0 ? { default: true } : { condition: element.conditions[i % 3] as string };
          return walk(alternative, [{ source: id, extra }], before, inBranch);
        });
      }
    }
    return pending;
  };
  const last = walk(elements, [{ source: 'start', extra: {} }], [], false);
  nodes.push({ id: 'end', name: '办结', kind: 'end', outcome: 'approved' });
  connect(last, 'end');
  if (edges.some((edge) => edge.target === 'refused')) nodes.push({ id: 'refused', name: '不予受理', kind: 'end', outcome: 'refused' });
  const positions = Object.fromEntries(
    (withLayout ?? []).flatMap((position, i) => (nodes[i] === undefined ? [] : [[nodes[i].id, position]])),
  );
  const base: ProcessDefinitionInput = { schemaVersion: 1, item: { ...baseItem, supplementNoticeDays: 5 }, nodes, edges };
  return Object.keys(positions).length === 0 ? base : { ...base, layout: { positions } };
}

/** Valid process definitions of varied shape, with and without stored positions. */
export const validDefinition: fc.Arbitrary<ProcessDefinitionInput> = fc
  .tuple(
    block,
    fc.option(fc.array(fc.record({ x: fc.integer({ min: -2000, max: 2000 }), y: fc.integer({ min: -2000, max: 2000 }) }), { maxLength: 40 })),
  )
  .map(([elements, layout]) => materialise(elements, layout));
