import { readFileSync } from 'node:fs';

/**
 * `greenlca --version`: this package's version and the engine's, read from their package.json files
 * (src/ and dist/ sit at the same depth, so one relative path serves both), without loading the engine.
 */
export function versionText(): string {
  const own = readVersion(new URL('../package.json', import.meta.url));
  const engine = readVersion(new URL(import.meta.resolve('@greenlca/engine/package.json')));
  return `greenlca ${own} (@greenlca/engine ${engine}, Node.js ${process.versions.node})\n`;
}

function readVersion(url: URL): string {
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}
