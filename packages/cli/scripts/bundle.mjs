/**
 * Bundle the built CLI (dist/, from tsc) into bundle/: the CLI's modules, the @greenlca packages and
 * their pure-JS dependencies as a few ES modules, one per command (code splitting), so starting
 * `greenlca` loads a handful of files instead of ~200 (module resolution and loading were 40 % of a
 * `calc` run) and mathjs's single-file build is wrapped as a function instead of being scanned by
 * Node's CommonJS export lexer. Run by `pnpm build` and by this package's prepack; bin/greenlca.mjs
 * prefers bundle/ to dist/.
 *
 * Not inlined: mathjs's single-file build (1 MB, a third of the bundle; the engine loads it only for a
 * unit outside its generated unit table, so most runs never need it, but a chunk that inlined it would
 * still be read and compiled on every start): it is copied next to the chunks as math.cjs, with its
 * licence files, and required from there on first use. The data files (JSON and CSV stay files of @greenlca/datasets and @greenlca/olca,
 * imported through those packages' exports, so they are parsed only when used), and pdfkit (it reads
 * its font files relative to itself).
 */
import { build } from 'esbuild';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/** mathjs's single-file build, required by the engine (quantity/math.ts) only when it is needed: kept out of the chunks. */
const MATHJS_BUILD = 'mathjs/lib/browser/math.js';
const mathjsAsSiblingFile = {
  name: 'mathjs-as-sibling-file',
  setup(b) {
    b.onResolve({ filter: /^mathjs\/lib\/browser\/math\.js$/ }, () => ({ path: './math.cjs', external: true }));
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
  plugins: [dataAsPackageImports, mathjsAsSiblingFile],
  // CommonJS dependencies bundled into ESM need a require for Node built-ins.
  banner: { js: "import { createRequire as __greenlcaRequire } from 'node:module'; const require = __greenlcaRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'linked',
});

// The chunks require './math.cjs' relative to themselves (the banner's require); the build's own
// header points at math.js.LICENSE.txt, so the licence files travel with it under the names it uses.
const requireFromEngine = createRequire(join(repo, 'packages', 'engine', 'package.json'));
const mathjsFile = requireFromEngine.resolve(MATHJS_BUILD);
const mathjsDir = join(dirname(mathjsFile), '..', '..');
copyFileSync(mathjsFile, join(out, 'math.cjs'));
copyFileSync(`${mathjsFile}.LICENSE.txt`, join(out, 'math.js.LICENSE.txt'));
copyFileSync(join(mathjsDir, 'LICENSE'), join(out, 'mathjs.LICENSE'));
copyFileSync(join(mathjsDir, 'NOTICE'), join(out, 'mathjs.NOTICE'));
