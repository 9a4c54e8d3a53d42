import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * `server/src/main.ts` under tsx, as `pnpm start` runs it (or as GREENLCA_ROLE makes it: `ready` then says what it prints when ready), in a child process on 127.0.0.1 and a port
 * the OS picks. Node runs it directly with tsx's loader (not the tsx CLI, which would put the server in
 * a grandchild that a SIGKILL of the child leaves running). Resolves with its base URL once it listens.
 */
export async function startServer(env: Record<string, string>, options: { ready?: RegExp } = {}): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  // What the process prints when it is ready; its first group is the URL (a worker has none).
  const ready = options.ready ?? /GreenLCA API on (https?:\/\/127\.0\.0\.1:\d+)/;
  const child = spawn(process.execPath, ['--conditions=@greenlca/source', '--import', 'tsx', join(root, 'server', 'src', 'main.ts')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = ready.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] ?? '');
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
  return { url, child, output: () => output };
}

/** Kill without warning (SIGKILL): no shutdown hook runs, as in a crash. */
export async function crash(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
