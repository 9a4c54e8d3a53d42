import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Built from web/ (`vite build web` at the root, or `pnpm --filter @greenlca/web build`) into web/dist,
// which the server serves at `/`. Workspace packages are consumed as TypeScript source.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  resolve: { conditions: ['@greenlca/source'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
  worker: { format: 'es' },
  // The bundled datasets are megabytes of JSON: as JSON.parse("…") they parse several times faster than as object literals.
  json: { stringify: true },
  esbuild: {
    // Lit decorators per tsconfig.base.json (experimentalDecorators, useDefineForClassFields false).
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000' } },
});
