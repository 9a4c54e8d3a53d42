/**
 * `pnpm start` as a user meets it: the UI it serves comes from GREENLCA_WEB_ROOT (so the browser tests'
 * build never replaces what a running server serves), requests are not logged at the default level, and
 * the generated admin key can be shown again.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, startServer } from './server.js';

describe('pnpm start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'greenlca-start-'));
  const dataDir = join(dir, 'data');
  const webRoot = join(dir, 'web');
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    mkdirSync(webRoot);
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>the UI under test</title>');
    server = await startServer({ GREENLCA_DATA_DIR: dataDir, GREENLCA_WEB_ROOT: webRoot });
  }, 180_000);
  afterAll(() => {
    server?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the UI from GREENLCA_WEB_ROOT', async () => {
    expect(await (await fetch(`${server.url}/`)).text()).toContain('the UI under test');
  });

  it('logs start-up, not every request, at the default level', async () => {
    for (let i = 0; i < 5; i++) await fetch(`${server.url}/v1/datasets`);
    await fetch(`${server.url}/no-such-page`);
    await new Promise((r) => setTimeout(r, 200));
    const out = server.output();
    expect(out).toContain('GreenLCA API on');
    expect(out).not.toMatch(/incoming request|request completed/);
  });

  it('shows the generated admin key again (kept owner-only), and it works', async () => {
    const key = /Admin API key:\s+(\S+)/.exec(server.output())?.[1];
    expect(key).toMatch(/^glca_/);
    expect(statSync(join(dataDir, 'admin-key')).mode & 0o777).toBe(0o600);
    const shown = spawnSync(process.execPath, ['--conditions=@greenlca/source', '--import', 'tsx', join(root, 'server', 'src', 'admin-key.ts')], {
      cwd: root, env: { PATH: process.env.PATH ?? '', GREENLCA_DATA_DIR: dataDir }, encoding: 'utf8',
    });
    expect([shown.status, shown.stdout.trim()]).toEqual([0, key]);
    expect((await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    const none = spawnSync(process.execPath, ['--conditions=@greenlca/source', '--import', 'tsx', join(root, 'server', 'src', 'admin-key.ts')], {
      cwd: root, env: { PATH: process.env.PATH ?? '', GREENLCA_DATA_DIR: join(dir, 'elsewhere') }, encoding: 'utf8',
    });
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('No generated admin key');
  });
});
