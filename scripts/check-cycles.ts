/**
 * Import cycles including type-only imports, which lint's no-cycle skips: a type cycle does
 * no harm at run time, but it ties two modules so that neither can move without the other.
 * Prints each cycle and fails if there is one.
 */
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const config = ts.getParsedCommandLineOfConfigFile(resolve(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
if (!config) throw new Error('tsconfig.json not readable');

const files = config.fileNames.filter((f) => !f.includes('/node_modules/') && !f.endsWith('.d.ts'));
const edges = new Map<string, string[]>();
for (const file of files) {
  const imports = ts.preProcessFile(ts.sys.readFile(file) ?? '', true, true).importedFiles;
  const targets = imports
    .map((i) => ts.resolveModuleName(i.fileName, file, config.options, ts.sys).resolvedModule)
    .filter((m): m is ts.ResolvedModuleFull => m !== undefined && !m.isExternalLibraryImport && !m.resolvedFileName.endsWith('.d.ts'))
    .map((m) => m.resolvedFileName);
  edges.set(file, targets);
}

// Tarjan's strongly connected components: every component of more than one module is a cycle.
let index = 0;
const indices = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const cycles: string[][] = [];
function visit(v: string): void {
  indices.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!indices.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v)!, low.get(w)!));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
  }
  if (low.get(v) === indices.get(v)) {
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(relative(root, w));
    } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  }
}
for (const file of edges.keys()) if (!indices.has(file)) visit(file);

for (const cycle of cycles) console.error(`import cycle: ${cycle.join(' ↔ ')}`);
process.exit(cycles.length > 0 ? 1 : 0);
