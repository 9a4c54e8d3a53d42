import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * The package runs in a browser: bundled for one (no Node built-ins to resolve) and run in a bare
 * JavaScript context with only what a page also has (TextDecoder), no Buffer, process or require.
 * csv-parse/sync would fail here: it reaches for Node's global Buffer.
 */
describe('@greenlca/bom in a browser', () => {
  it('bundles for the browser and imports a GB18030 BOM with no Node globals', async () => {
    const bundle = await build({
      entryPoints: [new URL('./index.ts', import.meta.url).pathname],
      bundle: true, write: false, platform: 'browser', format: 'iife', globalName: 'bom',
      conditions: ['@greenlca/source'], logLevel: 'silent',
    });
    const code = bundle.outputFiles[0]!.text;
    const bytes = new Uint8Array([...new TextEncoder().encode('Level,Part Number,Qty,Mass,Unit\n0,K,1,,\n1,'), 0xba, 0xf8, ...new TextEncoder().encode(',2,1.5,kg\n')]); // 壶 in GB18030
    const result = runInNewContext(`${code};
      const csv = bom.decodeText(bytes, 'gb18030');
      JSON.stringify(bom.importBom(csv).product);`, { TextDecoder, bytes }) as string;
    expect(JSON.parse(result)).toMatchObject({ id: 'K', components: [{ id: '壶', quantity: 2, mass: '1.5 kg' }] });
  }, 60_000);
});
