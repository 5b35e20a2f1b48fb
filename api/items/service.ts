import type { Connection } from 'mongoose';
import { flowStages } from '../../domain/definition/graph/helpers';
import type { ProcessDefinition, TaskNode } from '../../domain/definition/types';
import { definitionVersionModel } from '../../db/models/definition';
import { departmentModel } from '../../db/models/department';

/** Department names by code, for every department: the catalogue names them, never shows their codes. */
export async function allDepartmentNames(db: Connection): Promise<Map<string, string>> {
  const docs = await departmentModel(db).find({}, { code: 1, name: 1 }).lean();
  return new Map(docs.map((d) => [d.code, d.name]));
}

/**
 * The steps of the guide in the order of the flow: `phase` numbers the stages from 1, and the
 * tasks of parallel branches (并联审批) share their stage's phase, each with its `branch`.
 */
function guideSteps(definition: ProcessDefinition, names: ReadonlyMap<string, string>) {
  const step = (task: TaskNode, phase: number, branch: number | null) => ({
    nodeId: task.id, name: task.name, stage: task.stage, departmentName: names.get(task.department) ?? null, phase, branch,
    ...(task.stepLimitDays ? { stepLimitDays: task.stepLimitDays } : {}),
  });
  return flowStages(definition).flatMap((s, i) => (s.kind === 'task'
    ? [step(s.task, i + 1, null)]
    : s.branches.flatMap((tasks, b) => tasks.map((task) => step(task, i + 1, b + 1)))));
}

export function catalogueEntryOf(definition: ProcessDefinition, version: number, names: ReadonlyMap<string, string>) {
  const { item } = definition;
  return {
    code: item.code,
    name: item.name,
    category: item.category,
    department: item.department,
    departmentName: names.get(item.department) ?? null,
    version,
    statutoryDays: item.statutoryLimit.value,
    promisedDays: item.promisedLimit.value,
    fee: item.fee,
    conditions: item.catalogue.conditions,
    materials: item.catalogue.materials,
    formSchema: item.catalogue.formSchema,
    steps: guideSteps(definition, names),
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The latest published version of every item, filtered. */
export async function listCatalogue(db: Connection, filter: { department?: string; category?: string; q?: string }) {
  const query: Record<string, unknown> = {};
  if (filter.department) query['department'] = filter.department;
  if (filter.category) query['category'] = filter.category;
  if (filter.q) query['itemName'] = { $regex: escapeRegex(filter.q) };
  const [docs, names] = await Promise.all([definitionVersionModel(db).find(query).sort({ itemCode: 1, version: -1 }).lean(), allDepartmentNames(db)]);
  const latest = new Map<string, (typeof docs)[number]>();
  for (const doc of docs) if (!latest.has(doc.itemCode)) latest.set(doc.itemCode, doc);
  return [...latest.values()].map((doc) => catalogueEntryOf(JSON.parse(doc.json) as ProcessDefinition, doc.version, names));
}
