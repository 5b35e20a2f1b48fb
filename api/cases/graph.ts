import type { ProcessDefinition } from '../../domain/definition';
import type { ApiContext } from '../context';
import { readVersion } from '../definitions/versions';
import { ApiError } from '../http/errors';

/**
 * The process graph a case runs on, as its readers may see it: the nodes (names, stages,
 * roles, departments, limits), the edges and the stored layout — not the item's catalogue,
 * form schema or fees, which stay behind the definitions endpoints.
 */
export interface CaseGraph {
  itemCode: string;
  version: number;
  promisedDays: number;
  nodes: ProcessDefinition['nodes'];
  edges: ProcessDefinition['edges'];
  layout: ProcessDefinition['layout'] | null;
}

// Published versions never change, so a graph once read holds for good; the map only bounds memory.
const MAX_CACHED = 200;
const cache = new Map<string, CaseGraph>();

function graphOf(itemCode: string, version: number, definition: ProcessDefinition): CaseGraph {
  return {
    itemCode, version, promisedDays: definition.item.promisedLimit.value,
    nodes: definition.nodes, edges: definition.edges, layout: definition.layout ?? null,
  };
}

/** The graph of a published version, or null when the version is not in this database. */
export async function caseGraph(ctx: ApiContext, ref: { id: string; version: number }): Promise<CaseGraph | null> {
  const key = `${ref.id}@${ref.version}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let definition: ProcessDefinition;
  try {
    definition = (await readVersion(ctx.db, ref.id, ref.version)).definition;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
  const graph = graphOf(ref.id, ref.version, definition);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, graph);
  return graph;
}
