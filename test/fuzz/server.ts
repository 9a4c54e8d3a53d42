/**
 * The server under test: `server/src/main.ts` in a child process (as `pnpm start` runs it, without the
 * web build), listening on 127.0.0.1 and a free port in 3420–3429 only. PGlite in a fresh temporary data
 * directory by default; PostgreSQL (a fresh schema, dropped at the end) when a database URL is given.
 * The child's heap is capped so that an expression that allocates without bound kills the child, not
 * the machine. `restart()` starts it again on the same database after it died.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshPgliteDataDir, freshPostgresSchema } from '../../server/src/storage/testing.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HOST = '127.0.0.1';
export const PORTS = [3420, 3421, 3422, 3423, 3424, 3425, 3426, 3427, 3428, 3429];
export const ADMIN_KEY = 'fuzz-admin-key-0123456789abcdefghij';

export interface ServerOptions {
  /** PostgreSQL URL; PGlite in a temporary directory when absent. */
  databaseUrl?: string;
  /** --max-old-space-size of the child, MiB. */
  heapMb: number;
  /** Printed when the child exits or fails to start. */
  log?: (line: string) => void;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host: HOST, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

export class ServerUnderTest {
  child?: ChildProcess;
  port = 0;
  restarts = 0;
  readonly backend: 'pglite' | 'postgres';
  private env: Record<string, string> = {};
  private cleanup: () => Promise<void> = async () => {};
  private output = '';
  private exitHook?: () => void;

  constructor(private readonly options: ServerOptions) {
    this.backend = options.databaseUrl ? 'postgres' : 'pglite';
  }

  get base(): string {
    return `http://${HOST}:${this.port}`;
  }

  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** How the child ended ("exit 134", "signal SIGABRT"), and the tail of its output. */
  get death(): string {
    const c = this.child;
    const how = c?.signalCode ? `signal ${c.signalCode}` : `exit ${c?.exitCode}`;
    return `${how}; last output:\n${this.output.split('\n').slice(-8).join('\n')}`;
  }

  async start(): Promise<void> {
    if (this.backend === 'postgres') {
      const { schema, drop } = freshPostgresSchema();
      this.env = { DATABASE_URL: this.options.databaseUrl!, GREENLCA_DB_SCHEMA: schema };
      this.cleanup = drop;
    } else {
      const dir = await freshPgliteDataDir();
      this.env = { GREENLCA_DATA_DIR: dir };
      this.cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    await this.spawn();
  }

  async restart(): Promise<void> {
    this.restarts++;
    await this.kill();
    await this.spawn();
  }

  private async spawn(): Promise<void> {
    let port: number | undefined;
    for (const p of PORTS) if (await portIsFree(p)) { port = p; break; }
    if (port === undefined) throw new Error(`no free port in ${PORTS[0]}–${PORTS.at(-1)} on ${HOST}`);
    this.port = port;
    this.output = '';
    const child = spawn(process.execPath, ['--conditions=@greenlca/source', `--max-old-space-size=${this.options.heapMb}`, '--import', 'tsx', join(root, 'server', 'src', 'main.ts')], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST, PORT: String(port), LOG_LEVEL: 'warn',
        GREENLCA_API_KEY: ADMIN_KEY, GREENLCA_RATE_LIMIT: '100000000', ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    // Never leave a server listening behind: killed with the fuzzer, however it ends.
    if (!this.exitHook) {
      this.exitHook = () => this.child?.kill('SIGKILL');
      process.once('exit', this.exitHook);
    }
    // FUZZ_SERVER_LOG=FILE keeps the server's whole log (stack traces of any 5xx) for the person reading a failure.
    const logFile = process.env.FUZZ_SERVER_LOG;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
      if (logFile) appendFileSync(logFile, chunk);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('exit', () => this.options.log?.(`server child exited (${this.death.split(';')[0]})`));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`server exited before listening: ${this.death}`);
      try {
        const res = await fetch(`${this.base}/health`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server did not answer /health in 120 s:\n${this.output}`);
  }

  /** Resident set size of the child in MiB (Linux /proc), or undefined. */
  rssMb(): number | undefined {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child!.pid}/status`, 'utf8'));
      return m ? Math.round(Number(m[1]) / 1024) : undefined;
    } catch {
      return undefined;
    }
  }

  private async kill(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = once(c, 'exit');
    c.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const c = this.child;
    if (c && c.exitCode === null && c.signalCode === null) {
      const exited = once(c, 'exit');
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (this.exitHook) process.off('exit', this.exitHook);
    await this.cleanup();
  }
}
