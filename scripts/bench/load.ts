// A small HTTP load generator (instead of autocannon/wrk, which are not installed): node:http with
// a keep-alive agent, in its own process so that it does not share an event loop with the server.
//  - open loop: requests are started at a fixed rate whatever the server does; each latency is
//    measured from the instant the request was *due*, so a stalled server is not hidden by the
//    generator waiting for it (no coordinated omission);
//  - closed loop: `connections` clients each send the next request as soon as the last is answered;
//    the completion rate is the server's maximum throughput.
// Run as a child: `node --import tsx scripts/bench/load.ts '<LoadOptions json>'` prints one
// `LOAD_RESULT {json}` line.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Histogram, type Summary } from './histogram';
import { slackRequestFactory, type BuiltRequest, type SlackLoadSpec } from './slack-payloads';

export interface LoadOptions {
  url: string;
  mode: 'open' | 'closed';
  /** Open loop: requests started per second. */
  rate?: number;
  /** Sockets (open loop: the most at once; closed loop: the number of clients). */
  connections: number;
  durationMs: number;
  /** Sent before the measured part (not recorded), to warm the JIT and the connection pool. */
  warmupMs?: number;
  slack: SlackLoadSpec;
}

export interface LoadResult {
  mode: 'open' | 'closed';
  rate?: number;
  connections: number;
  durationMs: number;
  sent: number;
  completed: number;
  /** Requests answered including the warm-up (for per-request costs measured outside). */
  total: number;
  errors: number;
  /** Completed requests per second in the measured part. */
  throughput: number;
  status: Record<string, number>;
  latency: Summary;
  histogram: ReturnType<Histogram['toJSON']>;
}

export const LOAD_PREFIX = 'LOAD_RESULT ';

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections, maxFreeSockets: options.connections });
  const build = slackRequestFactory(options.slack);
  let n = 0;
  const send = (req: BuiltRequest): Promise<number> =>
    new Promise((resolve) => {
      const r = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { ...req.headers, 'content-length': String(req.body.length) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', () => resolve(-1));
        },
      );
      r.on('error', () => resolve(-1));
      r.end(req.body);
    });

  const histogram = new Histogram();
  const status: Record<string, number> = {};
  let sent = 0;
  let completed = 0;
  let errors = 0;
  let total = 0;
  const warmupMs = options.warmupMs ?? 0;
  const t0 = performance.now();
  const measureFrom = t0 + warmupMs;
  const end = measureFrom + options.durationMs;

  const fire = async (dueAt: number): Promise<void> => {
    const req = build(n++);
    const recorded = dueAt >= measureFrom && dueAt < end;
    if (recorded) sent++;
    const code = await send(req);
    total++;
    if (!recorded) return;
    const done = performance.now();
    status[code] = (status[code] ?? 0) + 1;
    if (code < 200 || code >= 300) errors++;
    completed++;
    histogram.record((done - dueAt) * 1000);
  };

  const inFlight = new Set<Promise<void>>();
  if (options.mode === 'open') {
    const rate = options.rate ?? 1000;
    const interval = 1000 / rate;
    let k = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        while (t0 + k * interval <= now && t0 + k * interval < end) {
          const p = fire(t0 + k * interval);
          inFlight.add(p);
          void p.finally(() => inFlight.delete(p));
          k++;
        }
        // A 1 ms timer, not a busy loop: the generator must leave the CPU to the server. A request
        // started up to ~1 ms late has that delay counted in its latency.
        if (t0 + k * interval >= end) resolve();
        else setTimeout(tick, 1);
      };
      tick();
    });
  } else {
    const worker = async () => {
      for (;;) {
        const now = performance.now();
        if (now >= end) return;
        await fire(now);
      }
    };
    const workers = Array.from({ length: options.connections }, () => worker());
    await Promise.all(workers);
  }
  await Promise.all([...inFlight]);
  agent.destroy();
  return {
    mode: options.mode,
    ...(options.rate ? { rate: options.rate } : {}),
    connections: options.connections,
    durationMs: options.durationMs,
    sent,
    completed,
    total,
    errors,
    throughput: Math.round((completed / options.durationMs) * 1000),
    status,
    latency: histogram.summary(),
    histogram: histogram.toJSON(),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
  runLoad(options).then(
    (result) => process.stdout.write(`${LOAD_PREFIX}${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`load generator failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
