import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './embedded';
import { spawnManaged } from './processes';

const VITE = join(ROOT, 'node_modules/.bin/vite');

/** What the web app's bundle is built from: its sources, the modules it imports and the lockfile. */
const BUILD_INPUTS = ['designer', 'domain', 'workflows', 'config', 'package-lock.json'];

function sourceHash(): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
  };
  for (const input of BUILD_INPUTS) {
    const path = join(ROOT, input);
    if (!existsSync(path)) continue;
    if (!input.includes('.')) {
      const files = readdirSync(path, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && !join(e.parentPath, e.name).includes(`${input}/dist`))
        .map((e) => join(e.parentPath, e.name))
        .sort();
      files.forEach(add);
    } else add(path);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The production build of the web app in `cache`, built once per source state: built into a
 * fresh directory and renamed into place, so callers starting together never see half a build.
 * The bundle does not depend on the API's address (it calls /api on its own origin). Builds of
 * other sources are removed, as they may be served by nothing any more.
 */
export async function builtWebApp(cache: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const target = join(cache, sourceHash());
  if (existsSync(join(target, 'index.html'))) return target;
  mkdirSync(cache, { recursive: true });
  const scratch = mkdtempSync(join(cache, 'build-'));
  const output: string[] = [];
  const build = spawnManaged({
    name: 'vite-build', command: VITE, cwd: ROOT, env, onLine: (_name, line) => output.push(line),
    args: ['build', '--config', 'designer/vite.config.ts', '--outDir', scratch, '--emptyOutDir', '--logLevel', 'error'],
  });
  if ((await build.exited) !== 0) throw new Error(`the web app's build failed:\n${output.join('\n')}`);
  try {
    renameSync(scratch, target);
  } catch {
    // Another caller finished the same build first; its copy is identical.
    rmSync(scratch, { recursive: true, force: true });
  }
  for (const old of readdirSync(cache)) if (old !== target.split('/').pop() && !old.startsWith('build-')) rmSync(join(cache, old), { recursive: true, force: true });
  return target;
}
