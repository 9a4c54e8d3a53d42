// The entry of every task thread (task-thread.ts): loads the task module named in workerData, through
// tsx when it is TypeScript (the server runs from its sources; a worker thread does not inherit the
// parent's loader), then answers each message with what the module's default export returns.
import { parentPort, workerData } from 'node:worker_threads';

const url = workerData.module;
const task = url.endsWith('.ts') ? await (await import('tsx/esm/api')).tsImport(url, import.meta.url) : await import(url);
const run = task.default;

parentPort.on('message', async ({ id, input }) => {
  try {
    parentPort.postMessage({ id, output: await run(input) });
  } catch (error) {
    const named = { name: error?.name ?? 'Error', message: String(error?.message ?? error) };
    // The error's own fields (an ApiError's code, status and problems) go with it when they can be cloned.
    try {
      parentPort.postMessage({ id, error: { ...named, details: { ...error } } });
    } catch {
      parentPort.postMessage({ id, error: named });
    }
  }
});
parentPort.postMessage({ ready: true });
