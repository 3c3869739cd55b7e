// A raw HTTP client for the suite: exact headers and bytes (fetch would add or refuse some), a
// timeout per request, and a pool that keeps `concurrency` requests in flight.
import { Agent, request } from 'node:http';

export interface RawResponse {
  status: number;
  body: string;
  ms: number;
  /** Set instead of a status when the connection failed or timed out. */
  error?: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export function send(origin: string, req: RawRequest, options: { agent?: Agent; timeoutMs?: number } = {}): Promise<RawResponse> {
  const started = performance.now();
  const url = new URL(origin);
  return new Promise((resolve) => {
    const r = request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers: { ...req.headers, ...(req.method === 'GET' && req.body.length === 0 ? {} : { 'content-length': String(req.body.length) }) },
        agent: options.agent,
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
        res.on('error', (e) => resolve({ status: 0, body: '', ms: performance.now() - started, error: e.message }));
      },
    );
    r.on('timeout', () => r.destroy(new Error('timeout')));
    r.on('error', (e) => resolve({ status: 0, body: '', ms: performance.now() - started, error: (e as NodeJS.ErrnoException).code ?? e.message }));
    r.end(req.body);
  });
}

/** Runs `count` requests made by `make(i)`, `concurrency` at a time; calls `seen` with each answer. */
export async function pool<T extends RawRequest>(
  origin: string,
  count: number,
  concurrency: number,
  make: (i: number) => T,
  seen: (req: T, res: RawResponse, i: number) => void,
  timeoutMs = 10_000,
): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const req = make(i);
      seen(req, await send(origin, req, { agent, timeoutMs }), i);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
