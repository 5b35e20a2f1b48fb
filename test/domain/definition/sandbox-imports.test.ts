import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const definitionDir = join(dirname(fileURLToPath(import.meta.url)), '../../../domain/definition');

/** Every module a file loads at run time (type-only imports are erased), followed transitively. */
function runtimeImports(file: string, seen = new Set<string>()): Set<string> {
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)';/gms)) {
    const [, typeOnly, specifier] = match;
    if (typeOnly !== undefined || specifier === undefined) continue;
    if (!specifier.startsWith('.')) {
      seen.add(specifier);
      continue;
    }
    const target = join(dirname(file), `${specifier}.ts`);
    const key = relative(definitionDir, target);
    if (seen.has(key)) continue;
    seen.add(key);
    runtimeImports(target, seen);
  }
  return seen;
}

describe('modules the workflow sandbox imports', () => {
  it.each(['graph/helpers', 'expression/evaluate', 'expression/parser'])('%s loads no package at all', (name) => {
    const imports = [...runtimeImports(join(definitionDir, `${name}.ts`))];
    expect(imports.filter((module) => !module.endsWith('.ts'))).toEqual([]);
    expect(imports).toContain('expression/tokens.ts');
  });

  it('validate does load Ajv, which is why it is kept apart', () => {
    expect([...runtimeImports(join(definitionDir, 'validate.ts'))]).toContain('ajv/dist/2020');
  });
});
