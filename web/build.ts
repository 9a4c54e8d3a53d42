/**
 * Build the web UI into a directory (default web/dist), skipping the build when nothing it is made
 * from has changed since the last one: `pnpm start` calls this, so a second start with the same sources
 * starts in seconds. The inputs are the UI's sources, the workspace packages and bundled datasets it
 * bundles, and the lockfile; a stamp in the output directory records their fingerprint.
 *
 * Usage: tsx web/build.ts [--out DIR] [--force]
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(web, '..');
const STAMP = '.build-inputs';
// dist/ and bundle/ are `pnpm build`'s output for publishing: the UI is made from the sources.
const SKIP = new Set(['node_modules', 'dist', 'bundle', '.git', 'build']);

/** Files the bundle is made from (tests included: cheap to list, and a stale stamp only costs a build). */
function inputs(): string[] {
  const roots = [
    join(repo, 'web'), join(repo, 'packages'), join(repo, 'datasets', 'src'), join(repo, 'datasets', 'factors'), join(repo, 'datasets', 'flows'),
    join(repo, 'datasets', 'methods'), join(repo, 'datasets', 'substances'), join(repo, 'datasets', 'specifications'),
  ];
  const files = [join(repo, 'pnpm-lock.yaml'), join(repo, 'tsconfig.base.json'), join(repo, 'datasets', 'manifest.json')];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  for (const root of roots) if (existsSync(root)) walk(root);
  return files.sort();
}

/** Path, size and modification time of every input: a change to any of them changes the fingerprint. */
export function fingerprint(): string {
  const hash = createHash('sha256');
  for (const file of inputs()) {
    const s = statSync(file);
    hash.update(`${relative(repo, file)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Build into `outDir` unless its stamp matches the inputs; returns whether it built. */
export async function buildWeb(outDir: string, options: { force?: boolean } = {}): Promise<boolean> {
  const stamp = join(outDir, STAMP);
  const current = fingerprint();
  if (!options.force && existsSync(join(outDir, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === current) return false;
  const { build } = await import('vite');
  await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  writeFileSync(stamp, current);
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const outDir = resolve(i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : join(web, 'dist'));
  const started = Date.now();
  const built = await buildWeb(outDir, { force: process.argv.includes('--force') });
  console.log(built ? `web: built ${relative(repo, outDir) || outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s` : `web: ${relative(repo, outDir)} is up to date`);
}
