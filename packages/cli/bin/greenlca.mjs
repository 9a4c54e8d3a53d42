#!/usr/bin/env node
// Runs the built JavaScript (dist/, made by `pnpm build` or `pnpm pack`): no TypeScript loader at run time.
// In the workspace it runs the TypeScript sources through tsx instead when
//   - the '@greenlca/source' condition is on (pnpm sets it for every script and `pnpm exec`, see
//     pnpm-workspace.yaml): the workspace's packages then resolve to their sources, which only tsx can load;
//   - or dist/ is missing or older than a source file: it says so on stderr, so a stale build never
//     answers silently.
// An installed package has no src/, so it always runs dist/.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(packageDir, 'dist', 'main.js');
const src = join(packageDir, 'src', 'main.ts');
const inWorkspace = existsSync(src);

// Node's --conditions / -C, given on the command line or in NODE_OPTIONS.
const sourceCondition = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('@greenlca/source'));

if (!inWorkspace) {
  await import(pathToFileURL(dist).href);
} else if (!sourceCondition && existsSync(dist) && !staleBuild()) {
  await import(pathToFileURL(dist).href);
} else {
  if (!sourceCondition) {
    process.stderr.write(`greenlca: ${existsSync(dist) ? 'the build in packages/cli/dist is older than the sources' : 'no build in packages/cli/dist'}; running the TypeScript sources through tsx (slower start). \`pnpm build\` builds it.\n`);
  }
  const { register } = await import('tsx/esm/api');
  register();
  // The workspace packages' exports point at dist/ unless this condition is on: point them at src/.
  const { register: registerLoader } = await import('node:module');
  registerLoader(pathToFileURL(join(packageDir, 'bin', 'source-condition.mjs')).href);
  await import(pathToFileURL(src).href);
}

/**
 * True if a workspace package has no build or a source file changed after its last build (tsc -b writes
 * dist/.tsbuildinfo on every build of that package): a few hundred stats.
 */
function staleBuild() {
  const repo = join(packageDir, '..', '..');
  const packages = [...readdirSync(join(repo, 'packages')).map((p) => join(repo, 'packages', p)), join(repo, 'datasets')];
  for (const dir of packages) {
    if (!existsSync(join(dir, 'tsconfig.build.json'))) continue;
    const info = join(dir, 'dist', '.tsbuildinfo');
    if (!existsSync(info)) return true;
    const builtAt = statSync(info).mtimeMs;
    const stack = [join(dir, 'src')];
    while (stack.length) {
      const at = stack.pop();
      for (const entry of readdirSync(at, { withFileTypes: true })) {
        const path = join(at, entry.name);
        if (entry.isDirectory()) stack.push(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && statSync(path).mtimeMs > builtAt) return true;
      }
    }
  }
  return false;
}
