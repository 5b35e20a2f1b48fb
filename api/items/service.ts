import type { Connection } from 'mongoose';
import type { ProcessDefinition } from '../../domain/definition/types';
import { definitionVersionModel } from '../../db/models/definition';

export function catalogueEntryOf(definition: ProcessDefinition, version: number) {
  const { item } = definition;
  return {
    code: item.code,
    name: item.name,
    category: item.category,
    department: item.department,
    version,
    statutoryDays: item.statutoryLimit.value,
    promisedDays: item.promisedLimit.value,
    fee: item.fee,
    conditions: item.catalogue.conditions,
    materials: item.catalogue.materials,
    formSchema: item.catalogue.formSchema,
    steps: definition.nodes.flatMap((n) =>
      n.kind === 'task' ? [{ nodeId: n.id, name: n.name, stage: n.stage, ...(n.stepLimitDays ? { stepLimitDays: n.stepLimitDays } : {}) }] : [],
    ),
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
  const docs = await definitionVersionModel(db).find(query).sort({ itemCode: 1, version: -1 }).lean();
  const latest = new Map<string, (typeof docs)[number]>();
  for (const doc of docs) if (!latest.has(doc.itemCode)) latest.set(doc.itemCode, doc);
  return [...latest.values()].map((doc) => catalogueEntryOf(JSON.parse(doc.json) as ProcessDefinition, doc.version));
}
