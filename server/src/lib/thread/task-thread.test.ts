import { afterEach, describe, expect, it } from 'vitest';
import { TaskBusy, TaskFailed, TaskOutOfMemory, TaskThread, TaskTimeout } from './task-thread.js';
import type { FixtureInput } from './task-thread.fixture.js';

const FIXTURE = new URL('./task-thread.fixture.ts', import.meta.url);

describe('a task thread', () => {
  let thread: TaskThread<FixtureInput, unknown> | undefined;
  afterEach(async () => { await thread?.close(); });

  it('answers each task with what the module returns, one at a time, in order', async () => {
    thread = new TaskThread(FIXTURE, { maxWaiting: 4, timeoutMs: 30_000, heapMb: 256 });
    const out = await Promise.all([1, 2, 3].map((value) => thread!.run({ do: 'echo', value })));
    expect(out).toEqual([{ echoed: 1 }, { echoed: 2 }, { echoed: 3 }]);
  });

  it('keeps the event loop free while a task holds its thread', async () => {
    thread = new TaskThread(FIXTURE, { maxWaiting: 4, timeoutMs: 30_000, heapMb: 256 });
    await thread.run({ do: 'echo', value: 'warm' });
    const order: string[] = [];
    const task = thread.run({ do: 'spin', ms: 2_000 }).then(() => order.push('task'));
    await new Promise((r) => setTimeout(r, 20));
    order.push('timer');
    await task;
    expect(order).toEqual(['timer', 'task']);
  });

  it('refuses a task when the queue is full, and still runs the ones it took', async () => {
    thread = new TaskThread(FIXTURE, { maxWaiting: 1, timeoutMs: 30_000, heapMb: 256 });
    const first = thread.run({ do: 'spin', ms: 200 });
    const second = thread.run({ do: 'echo', value: 2 });
    await expect(thread.run({ do: 'echo', value: 3 })).rejects.toBeInstanceOf(TaskBusy);
    expect(await first).toBe('spun');
    expect(await second).toEqual({ echoed: 2 });
  });

  it('stops a task past its time by ending the thread, and runs the next on a new one', async () => {
    thread = new TaskThread(FIXTURE, { maxWaiting: 4, timeoutMs: 1_500, heapMb: 256 });
    await thread.run({ do: 'echo', value: 'warm' });
    await expect(thread.run({ do: 'spin', ms: 60_000 })).rejects.toBeInstanceOf(TaskTimeout);
    expect(await thread.run({ do: 'echo', value: 'after' })).toEqual({ echoed: 'after' });
  });

  it('ends only the thread when a task outgrows its heap, and runs the next on a new one', async () => {
    thread = new TaskThread(FIXTURE, { maxWaiting: 4, timeoutMs: 60_000, heapMb: 64 });
    await expect(thread.run({ do: 'grow' })).rejects.toBeInstanceOf(TaskOutOfMemory);
    expect(await thread.run({ do: 'echo', value: 'after' })).toEqual({ echoed: 'after' });
  });

  it('passes on the name, message and own fields of what the task threw', async () => {
    thread = new TaskThread(FIXTURE, { maxWaiting: 4, timeoutMs: 30_000, heapMb: 256 });
    const error = await thread.run({ do: 'throw', name: 'RangeError' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailed);
    expect(error).toMatchObject({ taskErrorName: 'RangeError', message: 'thrown as RangeError', details: { code: 'SOME_CODE', problems: [{ pointer: '/x' }] } });
  });
});
