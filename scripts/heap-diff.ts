/**
 * `npx tsx scripts/heap-diff.ts <before.heapsnapshot> <after.heapsnapshot> [count]`: what a
 * V8 heap gained between two snapshots of the same isolate (e.g. a worker thread's, from
 * `worker.getHeapSnapshot()`, with N and then 2N workflows cached), divided by `count`.
 * Prints the growth by kind of object (type and constructor), then the objects that are new
 * in the second snapshot grouped by their retainer path (up to DEPTH links, env, default 4),
 * which says who keeps them. Snapshot node ids are stable within an isolate, so "new" is exact.
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

const [beforeFile, afterFile, countText] = process.argv.slice(2);
if (!beforeFile || !afterFile) {
  console.error('usage: npx tsx scripts/heap-diff.ts <before.heapsnapshot> <after.heapsnapshot> [count]');
  process.exit(2);
}
const count = Number(countText ?? 1);
const depth = Number(process.env['DEPTH'] ?? 4);
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Snapshot;

function view(s: Snapshot) {
  const { node_fields: nf, node_types: [types], edge_fields: ef, edge_types: [edgeTypes] } = s.snapshot.meta;
  const at = (field: string) => nf.indexOf(field);
  const [iType, iName, iId, iSize, iEdges] = [at('type'), at('name'), at('id'), at('self_size'), at('edge_count')];
  const size = nf.length;
  const n = s.nodes.length / size;
  const node = (k: number) => {
    const type = types[s.nodes[k * size + iType] ?? 0] ?? '?';
    const name = s.strings[s.nodes[k * size + iName] ?? 0] ?? '';
    const anonymous = type.includes('string') || ['code', 'array', 'hidden'].includes(type);
    return { type, name: anonymous ? '' : name.slice(0, 40), id: s.nodes[k * size + iId] ?? 0, self: s.nodes[k * size + iSize] ?? 0 };
  };
  const retainers = (): { from: number; edge: string }[][] => {
    const out = Array.from({ length: n }, () => [] as { from: number; edge: string }[]);
    const [eType, eName, eTo] = [ef.indexOf('type'), ef.indexOf('name_or_index'), ef.indexOf('to_node')];
    let e = 0;
    for (let k = 0; k < n; k++) {
      for (let j = 0; j < (s.nodes[k * size + iEdges] ?? 0); j++, e += ef.length) {
        const type = edgeTypes[s.edges[e + eType] ?? 0];
        if (type === 'weak') continue;
        const name = type === 'element' || type === 'hidden' ? '[]' : s.strings[s.edges[e + eName] ?? 0] ?? '';
        out[(s.edges[e + eTo] ?? 0) / size]?.push({ from: k, edge: /^\d+$/.test(name) ? '[]' : name });
      }
    }
    return out;
  };
  return { n, node, retainers };
}

const perCount = (bytes: number) => `${(bytes / count / 1024).toFixed(1).padStart(8)} KB`;
const top = <K>(m: Map<K, number>, rows: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, rows);

const before = view(read(beforeFile));
const known = new Set<number>();
const kinds = new Map<string, number>();
for (let k = 0; k < before.n; k++) {
  const { type, name, id, self } = before.node(k);
  known.add(id);
  kinds.set(`${type} ${name}`, (kinds.get(`${type} ${name}`) ?? 0) - self);
}
const after = view(read(afterFile));
const retainers = after.retainers();
const paths = new Map<string, number>();
let grown = 0;
for (let k = 0; k < after.n; k++) {
  const { type, name, id, self } = after.node(k);
  kinds.set(`${type} ${name}`, (kinds.get(`${type} ${name}`) ?? 0) + self);
  if (known.has(id)) continue;
  grown += self;
  let path = `${type} ${name}`;
  let current = k;
  for (let d = 0; d < depth; d++) {
    const holder = retainers[current]?.[0];
    if (!holder) break;
    const parent = after.node(holder.from);
    path = `${parent.type} ${parent.name}.${holder.edge} > ${path}`;
    if (known.has(parent.id)) break;
    current = holder.from;
  }
  paths.set(path, (paths.get(path) ?? 0) + self);
}
console.log(`new objects: ${perCount(grown)} per ${count === 1 ? 'snapshot' : 'item'}\n\nby kind:`);
for (const [kind, bytes] of top(kinds, 25)) console.log(perCount(bytes), kind);
console.log('\nnew objects by retainer path:');
for (const [path, bytes] of top(paths, 40)) console.log(perCount(bytes), path.slice(0, 240));
