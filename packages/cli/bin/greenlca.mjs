#!/usr/bin/env node
// Runs the built JavaScript: bundle/ (scripts/bundle.mjs: a few modules, the fastest start) or else dist/
// (tsc's output), both made by `pnpm build` or `pnpm pack`. No TypeScript loader at run time.
// In the workspace it runs the TypeScript sources through tsx instead when
//   - the '@greenlca/source' condition is on (pnpm sets it for every script and `pnpm exec`, see
//     pnpm-workspace.yaml): the workspace's packages then resolve to their sources, which only tsx can load;
//   - or there is no build, or it is older than a source file: it says so on stderr, so a stale build
//     never answers silently.
// An installed package has no src/, so it always runs its build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(packageDir, 'bundle', 'main.js');
const dist = join(packageDir, 'dist', 'main.js');
const src = join(packageDir, 'src', 'main.ts');
const inWorkspace = existsSync(src);

// Node's --conditions / -C, given on the command line or in NODE_OPTIONS.
const sourceCondition = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('@greenlca/source'));

if (!inWorkspace) {
  await import(pathToFileURL(existsSync(bundle) ? bundle : dist).href);
} else {
  const builtAt = sourceCondition || !existsSync(dist) ? undefined : lastBuild();
  if (builtAt !== undefined) {
    // The bundle is made from dist/: it counts only if it is newer than every package's last build.
    await import(pathToFileURL(existsSync(bundle) && statSync(bundle).mtimeMs >= builtAt ? bundle : dist).href);
  } else {
    if (!sourceCondition) {
      process.stderr.write(`greenlca: ${existsSync(dist) ? 'the build in packages/*/dist is older than the sources' : 'no build in packages/cli/dist'}; running the TypeScript sources through tsx (slower start). \`pnpm build\` builds it.\n`);
    }
    const { register } = await import('tsx/esm/api');
    register();
    // The workspace packages' exports point at dist/ unless this condition is on: point them at src/.
    const { register: registerLoader } = await import('node:module');
    registerLoader(pathToFileURL(join(packageDir, 'bin', 'source-condition.mjs')).href);
    await import(pathToFileURL(src).href);
  }
}

/**
 * When the workspace packages were last built (tsc -b writes dist/.tsbuildinfo on every build of a
 * package), or undefined if one has no build or a source file changed after it: a few hundred stats.
 */
function lastBuild() {
  const repo = join(packageDir, '..', '..');
  const packages = [...readdirSync(join(repo, 'packages')).map((p) => join(repo, 'packages', p)), join(repo, 'datasets')];
  let last = 0;
  for (const dir of packages) {
    if (!existsSync(join(dir, 'tsconfig.build.json'))) continue;
    const info = join(dir, 'dist', '.tsbuildinfo');
    if (!existsSync(info)) return undefined;
    const builtAt = statSync(info).mtimeMs;
    last = Math.max(last, builtAt);
    const stack = [join(dir, 'src')];
    while (stack.length) {
      const at = stack.pop();
      for (const entry of readdirSync(at, { withFileTypes: true })) {
        const path = join(at, entry.name);
        if (entry.isDirectory()) stack.push(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && statSync(path).mtimeMs > builtAt) return undefined;
      }
    }
  }
  return last;
}
