import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /**
   * Bodies sent in turn (each connection goes through the list and starts again), instead of `body`:
   * distinct requests that neither a cache of answers nor a memo of whole bodies can answer.
   */
  bodies?: readonly string[];
  /** Seconds (bounded: a benchmark stops by itself). */
  duration: number;
  connections: number;
  /** Worker threads firing requests, so the load does not share the server's event loop. */
  workers?: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50ms: number;
  p99ms: number;
  non2xx: number;
  errors: number;
  /**
   * This process's CPU time per request over the run (ms; every thread: the load generator's worker and
   * any server listening in this process). A machine busy with other work slows throughput far more
   * than it changes this, so ratios of it compare routes on a loaded machine.
   */
  cpuMsPerRequest: number;
}

/** Load one loopback URL with autocannon for a fixed time. Refuses anything but loopback. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const host = new URL(options.url).hostname;
  if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(host)) throw new Error(`benchmarks run against loopback only, not ${host}`);
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    ...(options.body !== undefined ? { body: options.body } : {}),
    // Plain objects, not a setupRequest function: they reach the load worker thread as they are.
    ...(options.bodies?.length ? { requests: options.bodies.map((body) => ({ method: options.method ?? 'GET', body })) } : {}),
    duration: Math.min(options.duration, 60),
    connections: options.connections,
    ...(options.workers ? { workers: options.workers } : {}),
  });
  const cpu = process.cpuUsage(cpuBefore);
  return {
    cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(1, result.requests.total),
    requests: result.requests.total,
    rps: result.requests.average,
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/**
 * The ceiling: a bare Fastify route returning a constant, with no plugins. Whatever our routes do on
 * top of HTTP parsing and JSON is measured against it. `?bytes=N` returns a constant of N bytes.
 */
export async function startBareServer(): Promise<{ url: string; close(): Promise<void> }> {
  const { default: Fastify } = await import('fastify');
  const bare = Fastify({ logger: false });
  const ok = JSON.stringify({ ok: true });
  const sized = new Map<number, string>();
  // ?bytes=N: a constant JSON string of N bytes, to separate the cost of the payload from the work.
  bare.get('/bare', async (request, reply) => {
    const bytes = Number((request.query as { bytes?: string }).bytes ?? 0);
    if (!bytes) return reply.type('application/json').send(ok);
    if (!sized.has(bytes)) sized.set(bytes, JSON.stringify({ pad: 'x'.repeat(Math.max(0, Math.min(bytes, 1 << 24) - 10)) }));
    return reply.type('application/json').send(sized.get(bytes));
  });
  // POST: Fastify's own JSON body parsing and nothing else, the bound on any route that reads the
  // product it is sent (a 22 KiB body costs more to receive and parse than a bare GET costs whole).
  // POST ?bytes=N: the same, then a stored answer of N bytes (the ceiling of a route that reads a
  // product and answers with a result of that size: what /v1/calculate would do with no work at all).
  bare.post('/bare', async (request, reply) => {
    const bytes = Number((request.query as { bytes?: string }).bytes ?? 0);
    if (!bytes) return reply.type('application/json').send(ok);
    if (!sized.has(bytes)) sized.set(bytes, JSON.stringify({ pad: 'x'.repeat(Math.max(0, Math.min(bytes, 1 << 24) - 10)) }));
    return reply.type('application/json').send(sized.get(bytes));
  });
  const url = await bare.listen({ host: '127.0.0.1', port: 0 });
  return { url: `${url}/bare`, close: () => bare.close() };
}
