import { isRecord, jsonEqual } from './json';
import type { ProcessDefinition, ProcessEdge, ProcessNode } from './types';

/** A changed item field, by dotted path (e.g. 'promisedLimit.value'). */
export interface ItemFieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** An element present in both versions with different content. */
export interface ElementChange<T> {
  id: string;
  /** Top-level fields that differ. */
  fields: string[];
  before: T;
  after: T;
}

export interface ElementDiff<T> {
  added: T[];
  removed: T[];
  changed: ElementChange<T>[];
}

/** What changed between two versions of a definition. */
export interface DefinitionDiff {
  item: ItemFieldChange[];
  nodes: ElementDiff<ProcessNode>;
  edges: ElementDiff<ProcessEdge>;
  layoutChanged: boolean;
  /** True when nothing at all differs. */
  identical: boolean;
}

/**
 * Compares two definitions: item fields (down to nested objects; arrays compare
 * whole), and nodes and edges matched by id.
 */
export function diffDefinitions(before: ProcessDefinition, after: ProcessDefinition): DefinitionDiff {
  const item = diffFields(before.item, after.item, '');
  const nodes = diffElements(before.nodes, after.nodes);
  const edges = diffElements(before.edges, after.edges);
  const layoutChanged = !jsonEqual(before.layout, after.layout);
  const elementsSame = [nodes, edges].every((d) => d.added.length + d.removed.length + d.changed.length === 0);
  return { item, nodes, edges, layoutChanged, identical: item.length === 0 && elementsSame && !layoutChanged };
}

function diffFields(before: unknown, after: unknown, prefix: string): ItemFieldChange[] {
  if (jsonEqual(before, after)) return [];
  if (!isRecord(before) || !isRecord(after)) return [{ path: prefix, before, after }];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.flatMap((key) => diffFields(before[key], after[key], prefix === '' ? key : `${prefix}.${key}`));
}

function diffElements<T extends { id: string }>(before: readonly T[], after: readonly T[]): ElementDiff<T> {
  const beforeById = new Map(before.map((element) => [element.id, element]));
  const afterById = new Map(after.map((element) => [element.id, element]));
  const changed: ElementChange<T>[] = [];
  for (const [id, next] of afterById) {
    const previous = beforeById.get(id);
    if (previous === undefined || jsonEqual(previous, next)) continue;
    const fields = [...new Set([...Object.keys(previous), ...Object.keys(next)])].filter(
      (key) => !jsonEqual((previous as Record<string, unknown>)[key], (next as Record<string, unknown>)[key]),
    );
    changed.push({ id, fields, before: previous, after: next });
  }
  return {
    added: after.filter((element) => !beforeById.has(element.id)),
    removed: before.filter((element) => !afterById.has(element.id)),
    changed,
  };
}
