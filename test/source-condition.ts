/**
 * The workspace runs the packages' TypeScript sources: their package.json exports send the
 * '@greenlca/source' condition to src/*.ts, everything else to the built dist/. Vitest resolves with
 * Vite's resolver, so the condition goes into its config; processes the tests start (the server, the
 * CLI) get it through NODE_OPTIONS, which pnpm sets (pnpm-workspace.yaml) and this sets again when
 * vitest was started some other way.
 */
import { defaultClientConditions, defaultServerConditions } from 'vite';

export const SOURCE_CONDITION = '@greenlca/source';

if (!(process.env.NODE_OPTIONS ?? '').includes(SOURCE_CONDITION)) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --conditions=${SOURCE_CONDITION}`.trim();
}

/** `resolve` and `ssr.resolve` settings for a Vite or Vitest config. */
export const sourceResolve = {
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
};
