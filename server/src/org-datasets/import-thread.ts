/**
 * @module import-thread — imports read on a worker thread (lib/thread): USLCI's openLCA package takes
 * 2–3 s of CPU to calculate, a package at the limits far more, and on the event loop that time would
 * stall every other request. A task past the limits in ../limits.ts ends only its thread and is
 * answered as the file's problem.
 */
import { ApiError, PROBLEMS, type ProblemCode } from '../errors.js';
import type { ProblemError } from '../schemas/problem.js';
import { IMPORT_THREAD_HEAP_MB, IMPORT_THREAD_TIMEOUT_MS, IMPORT_THREAD_WAITING } from '../limits.js';
import { TaskBusy, TaskFailed, TaskOutOfMemory, TaskThread, TaskTimeout } from '../lib/thread/task-thread.js';
import type { ImportOutcome } from './import.js';
import type { ImportTask } from './import-task.js';

export class ImportThread {
  private readonly thread = new TaskThread<ImportTask, ImportOutcome>(new URL('./import-task.ts', import.meta.url), {
    maxWaiting: IMPORT_THREAD_WAITING, timeoutMs: IMPORT_THREAD_TIMEOUT_MS, heapMb: IMPORT_THREAD_HEAP_MB,
  });

  async read(task: ImportTask): Promise<ImportOutcome> {
    try {
      return await this.thread.run(task);
    } catch (error) {
      throw answerOf(error);
    }
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}

const tooMuch = (detail: string) => new ApiError('GLCA_DATASET_INVALID', `The file needs more than one import may use: ${detail}`, [{
  pointer: '/file', code: 'FILE_TOO_LARGE', detail, hint: 'export or split the data into smaller files and import them as separate datasets',
}]);

/** What the client is told when the thread gave no outcome. */
function answerOf(error: unknown): unknown {
  if (error instanceof TaskBusy) {
    // 429 rather than 503: the server is well, the caller is asked to come back (as a rate limit would).
    return new ApiError('GLCA_RATE_LIMITED', `Imports are busy (${error.message}); try again after Retry-After.`, undefined, { 'retry-after': '10' });
  }
  if (error instanceof TaskTimeout || error instanceof TaskOutOfMemory) return tooMuch(`reading and calculating it ${error.message.replace(/^the task /, '')}`);
  // A RangeError is an array, string or stack the input made too large (as answerOrProblem reads it).
  if (error instanceof TaskFailed && error.taskErrorName === 'RangeError') return tooMuch(error.message);
  // An answer the import gave as an error (a charset the bytes are not in: 400) is given as it was.
  if (error instanceof TaskFailed && error.taskErrorName === 'ApiError' && isProblemCode(error.details.code)) {
    const d = error.details as { code: ProblemCode; errors?: ProblemError[]; headers?: Record<string, string>; warnings?: ProblemError[] };
    return new ApiError(d.code, error.message, d.errors, d.headers, d.warnings);
  }
  return error;
}

const isProblemCode = (code: unknown): code is ProblemCode => typeof code === 'string' && Object.hasOwn(PROBLEMS, code);
