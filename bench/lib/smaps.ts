/**
 * A process's resident set by kind of mapping, from /proc/<pid>/smaps (Linux): V8 takes its
 * heaps in pages of 256 KiB, each a small anonymous mapping of its own; the C allocator keeps
 * its arenas in the program break and in anonymous regions of 64 MiB. So the growth of each
 * says whether a workflow's memory is in the JavaScript heaps or outside them.
 */
import { readFileSync } from 'node:fs';

export interface ResidentByKind {
  /** Anonymous mappings under 1 MiB: V8's heap pages. */
  heapPages: number;
  /** The program break and anonymous mappings of 32 MiB or more: the allocator's arenas. */
  arenas: number;
  /** Everything else: files, thread stacks, mid-sized anonymous mappings. */
  other: number;
}

export function residentByKind(pid: number): ResidentByKind {
  const out: ResidentByKind = { heapPages: 0, arenas: 0, other: 0 };
  let kind: keyof ResidentByKind = 'other';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (mapping) {
      const size = parseInt(mapping[2] ?? '0', 16) - parseInt(mapping[1] ?? '0', 16);
      const name = (mapping[3] ?? '').trim();
      kind = name === '[heap]' || (name === '' && size >= 32 * 2 ** 20) ? 'arenas' : name === '' && size < 2 ** 20 ? 'heapPages' : 'other';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) out[kind] += Number(rss[1]) * 1024;
  }
  return out;
}
