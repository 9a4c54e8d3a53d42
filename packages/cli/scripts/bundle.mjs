/**
 * Bundle the built CLI (dist/, from tsc) into bundle/: the CLI's modules, the @greenlca packages and
 * their pure-JS dependencies as a few ES modules, one per command (code splitting), so starting
 * `greenlca` loads a handful of files instead of ~200 (module resolution and loading were 40 % of a
 * `calc` run) and mathjs's single-file build is wrapped as a function instead of being scanned by
 * Node's CommonJS export lexer. Run by `pnpm build` and by this package's prepack; bin/greenlca.mjs
 * prefers bundle/ to dist/.
 *
 * Not inlined: the data files (JSON and CSV stay files of @greenlca/datasets and @greenlca/olca,
 * imported through those packages' exports, so they are parsed only when used), and pdfkit (it reads
 * its font files relative to itself).
 */
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(cli, '..', '..');
const packageDirs = [join(repo, 'datasets'), join(repo, 'packages', 'olca')];

/** A data file inside a workspace package, as that package exports it: `@greenlca/datasets/factors/cn-mee.json`. */
function asPackageImport(path) {
  for (const dir of packageDirs) {
    if (path.startsWith(dir + sep)) {
      const name = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name;
      return `${name}/${relative(dir, path).split(sep).join('/')}`;
    }
  }
  return undefined;
}

const dataAsPackageImports = {
  name: 'data-as-package-imports',
  setup(b) {
    b.onResolve({ filter: /\.json$/ }, (args) => {
      if (!args.path.startsWith('.')) return { path: args.path, external: true };
      const target = asPackageImport(join(args.resolveDir, args.path));
      if (!target) throw new Error(`bundle: ${args.path} (from ${args.importer}) is not a data file of a package`);
      return { path: target, external: true };
    });
  },
};

const out = join(cli, 'bundle');
rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: { main: join(cli, 'dist', 'main.js') },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['pdfkit'],
  plugins: [dataAsPackageImports],
  // CommonJS dependencies bundled into ESM need a require for Node built-ins.
  banner: { js: "import { createRequire as __greenlcaRequire } from 'node:module'; const require = __greenlcaRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'linked',
});
