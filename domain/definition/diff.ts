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

/** How an element differs: present only after, only before, or in both with other content. */
export type ChangeMark = 'added' | 'removed' | 'changed';

/**
 * One line of a diff as a reader is told it: the item, a node or an edge, and for a changed
 * one each field that differs by dotted path (`specialProcedure.limitDays`), so a reader's
 * language can name the field.
 */
export interface DiffEntry {
  mark: ChangeMark;
  element: 'item' | 'node' | 'edge';
  /** The node or edge id; '' for the item. */
  id: string;
  /** The node's name (after the change); the edge's `source → target`; the item's name. */
  name: string;
  fields: ItemFieldChange[];
}

const edgeName = (edge: ProcessEdge) => `${edge.source} → ${edge.target}`;

/** The diff as lines: the item's changed fields, then nodes and edges added, changed and removed. */
export function diffEntries(diff: DefinitionDiff, itemName = ''): DiffEntry[] {
  const entries: DiffEntry[] = [];
  if (diff.item.length > 0) entries.push({ mark: 'changed', element: 'item', id: '', name: itemName, fields: diff.item });
  const elements = [
    { element: 'node' as const, d: diff.nodes as ElementDiff<ProcessNode | ProcessEdge>, name: (n: ProcessNode | ProcessEdge) => (n as ProcessNode).name },
    { element: 'edge' as const, d: diff.edges as ElementDiff<ProcessNode | ProcessEdge>, name: (e: ProcessNode | ProcessEdge) => edgeName(e as ProcessEdge) },
  ];
  for (const { element, d, name } of elements) {
    for (const added of d.added) entries.push({ mark: 'added', element, id: added.id, name: name(added), fields: [] });
    for (const c of d.changed) entries.push({ mark: 'changed', element, id: c.id, name: name(c.after), fields: diffFields(c.before, c.after, '') });
    for (const removed of d.removed) entries.push({ mark: 'removed', element, id: removed.id, name: name(removed), fields: [] });
  }
  return entries;
}

/** The mark of each node and edge id that differs. */
export function diffMarks(diff: DefinitionDiff): Map<string, ChangeMark> {
  const marks = new Map<string, ChangeMark>();
  for (const d of [diff.nodes, diff.edges] as ElementDiff<{ id: string }>[]) {
    for (const e of d.added) marks.set(e.id, 'added');
    for (const e of d.removed) marks.set(e.id, 'removed');
    for (const c of d.changed) marks.set(c.id, 'changed');
  }
  return marks;
}

/**
 * Both versions in one drawing: the later one, with what it removed put back where the
 * earlier one had it (edges only between nodes drawn), so a removal can be shown in place.
 */
export function unionShape(before: ProcessDefinition, after: ProcessDefinition, diff: DefinitionDiff): Pick<ProcessDefinition, 'nodes' | 'edges' | 'layout'> {
  const nodes = [...after.nodes, ...diff.nodes.removed];
  const ids = new Set(nodes.map((n) => n.id));
  const edges = [...after.edges, ...diff.edges.removed.filter((e) => ids.has(e.source) && ids.has(e.target))];
  const positions = { ...(before.layout?.positions ?? {}), ...(after.layout?.positions ?? {}) };
  const kept = Object.fromEntries(Object.entries(positions).filter(([id]) => ids.has(id)));
  return Object.keys(kept).length === 0 ? { nodes, edges } : { nodes, edges, layout: { positions: kept } };
}
