/**
 * @module task-thread — CPU-heavy work of one request (an openLCA package calculated, a 50,000-row table
 * read) run on a worker thread, so the event loop keeps answering everyone else. One thread, started
 * on first use and kept; tasks run one at a time, a few wait, more are refused. A task that runs past
 * its time is stopped by ending the thread (a new one starts for the next); a task that outgrows the
 * thread's heap ends only the thread, never the server.
 */
import { Worker } from 'node:worker_threads';

export interface TaskThreadLimits {
  /** Tasks that may wait while one runs; beyond it `run` rejects with TaskBusy at once. */
  maxWaiting: number;
  /** Wall time of one task, from its start on the thread. */
  timeoutMs: number;
  /** The thread's old-generation heap. */
  heapMb: number;
}

/** Why a task did not give an answer: the error names say which limit (or the task's own error's name). */
export class TaskBusy extends Error { override name = 'TaskBusy'; }
export class TaskTimeout extends Error { override name = 'TaskTimeout'; }
export class TaskOutOfMemory extends Error { override name = 'TaskOutOfMemory'; }
/** The task threw: `taskErrorName` is its error's name (RangeError, ApiError …), `details` its own fields, cloned. */
export class TaskFailed extends Error {
  override name = 'TaskFailed';
  constructor(readonly taskErrorName: string, message: string, readonly details: Record<string, unknown> = {}) { super(message); }
}

interface Pending { id: number; input: unknown; resolve: (v: unknown) => void; reject: (e: Error) => void }

const BOOT = new URL('./boot.mjs', import.meta.url);

export class TaskThread<In, Out> {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private running: (Pending & { timer: NodeJS.Timeout }) | undefined;
  private readonly waiting: Pending[] = [];
  private nextId = 1;
  private closed = false;

  /** `module`: a module whose default export takes the input and returns (or resolves to) the output; both structured-cloneable. */
  constructor(private readonly module: URL, private readonly limits: TaskThreadLimits) {}

  run(input: In): Promise<Out> {
    if (this.closed) return Promise.reject(new TaskBusy('the server is shutting down'));
    if (this.waiting.length >= this.limits.maxWaiting && this.running) {
      return Promise.reject(new TaskBusy(`${this.waiting.length + 1} tasks are already running or waiting`));
    }
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, input, resolve: resolve as (v: unknown) => void, reject });
      this.next();
    });
  }

  /** Ends the thread; waiting tasks are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.waiting.splice(0)) p.reject(new TaskBusy('the server is shutting down'));
    const task = this.running;
    if (task) {
      clearTimeout(task.timer);
      this.running = undefined;
      task.reject(new TaskBusy('the server is shutting down'));
    }
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(BOOT, {
      workerData: { module: this.module.href },
      resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb },
      stdout: false, stderr: false,
    });
    this.worker = worker;
    this.ready = new Promise((resolve) => {
      const onReady = (m: { ready?: boolean }) => {
        if (m?.ready) { worker.off('message', onReady); resolve(); }
      };
      worker.on('message', onReady);
    });
    worker.on('message', (m: { id?: number; output?: unknown; error?: { name: string; message: string; details?: Record<string, unknown> } }) => {
      const task = this.running;
      if (m.id === undefined || !task || task.id !== m.id) return;
      this.finish(task);
      if (m.error) task.reject(new TaskFailed(m.error.name, m.error.message, m.error.details));
      else task.resolve(m.output);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      // ERR_WORKER_OUT_OF_MEMORY, or the module could not load: the thread is gone either way.
      this.drop(worker, error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new TaskOutOfMemory(`the task needed more than the ${this.limits.heapMb} MB it may use`)
        : new TaskFailed(error.name, error.message));
    });
    worker.on('exit', () => this.drop(worker, new TaskFailed('Error', 'the task thread ended')));
    // An idle thread does not keep the process alive.
    worker.unref();
    return worker;
  }

  /** The thread ended or failed: the running task gets `why`, and the next task a new thread. */
  private drop(worker: Worker, why: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const task = this.running;
    if (task) {
      this.finish(task);
      task.reject(why);
    }
  }

  private finish(task: Pending & { timer: NodeJS.Timeout }): void {
    clearTimeout(task.timer);
    this.running = undefined;
    this.worker?.unref();
    queueMicrotask(() => this.next());
  }

  private next(): void {
    if (this.running || this.closed) return;
    const task = this.waiting.shift();
    if (!task) return;
    const worker = this.worker ?? this.start();
    worker.ref();
    const timer = setTimeout(() => {
      if (this.running?.id !== task.id) return;
      this.finish(this.running);
      this.worker = undefined;
      void worker.terminate();
      task.reject(new TaskTimeout(`the task took longer than ${Math.round(this.limits.timeoutMs / 1000)} s`));
    }, this.limits.timeoutMs);
    this.running = { ...task, timer };
    void this.ready!.then(() => {
      if (this.running?.id === task.id && this.worker === worker) worker.postMessage({ id: task.id, input: task.input });
    });
  }
}
