// Benchmark 1, inbound Slack events: the real server (`clause5 serve`, Slack mode, Web API pointed
// at the fake Slack in a third process) receives correctly signed `app_mention`, `message.im` and
// `/clause5 help` requests over loopback from the load generator (a fourth process). In the same
// run, a bare Bolt app that only acknowledges gets the same load. Per target and run:
//  - closed loop (max throughput): N clients, each sending the next request when answered;
//  - open loop at a fixed rate (default 1,000/s): ack latency p50/p99/p99.9 measured from when each
//    request was due.
// Run: node --import tsx scripts/bench/inbound.ts [--runs 3] [--rate 1000] [--seconds 10] [--connections 32]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FAKE_PREFIX, fakeStats, type FakeServerOptions } from './fake-server';
import { slackUserOf } from './leaders';
import { LOAD_PREFIX, type LoadOptions, type LoadResult } from './load';
import { cpuMsOf, freePort, runForResult, sleep, spawnTs, waitIdle, type Child } from './procs';
import { emit, fmt, isMain, log, median, ratio, spread, type BenchRow } from './report';
import type { SlackLoadSpec } from './slack-payloads';

export const SECRET = 'bench-signing-secret';
export const WORKSPACE = { teamId: 'T0BENCH', teamName: 'Bench Plants', botToken: 'xoxb-bench-inbound-token', botUserId: 'UBOTBENCH', botId: 'BBENCH' };
export const USERS = Array.from({ length: 50 }, (_, i) => slackUserOf(i + 1));

export interface InboundSettings {
  runs: number;
  rate: number;
  seconds: number;
  connections: number;
}

interface Target {
  name: 'clause5' | 'bare';
  url: string;
  child: Child;
}

async function waitHealthy(url: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`${url} did not become healthy`);
}

/** `clause5 serve` in Slack mode against the fake; its log goes to `<dbPath>.log`. */
export async function startClause5(fakeUrl: string, dbPath: string, options: { env?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<Target> {
  const port = await freePort();
  const child = spawnTs('src/cli.ts', ['serve'], {
    stdoutFile: `${dbPath}.log`,
    ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      CLAUSE5_DB: dbPath,
      CLAUSE5_LOCAL_CHAT: 'off',
      SLACK_BOT_TOKEN: WORKSPACE.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fakeUrl,
      ...options.env,
    },
  });
  await waitHealthy(`http://127.0.0.1:${port}/healthz`);
  return { name: 'clause5', url: `http://127.0.0.1:${port}/slack/events`, child };
}

async function startBare(fakeUrl: string): Promise<Target> {
  const port = await freePort();
  const child = spawnTs('scripts/bench/bare-bolt.ts', [], { env: { PORT: String(port), SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fakeUrl } });
  await child.line(/^BARE_READY/);
  return { name: 'bare', url: `http://127.0.0.1:${port}/slack/events`, child };
}

interface Loaded extends LoadResult {
  /** CPU the target used per request, including its work after the ack (until it went idle). */
  cpuMsPerRequest: number;
  /** How long the target was still busy after the last response (work queued behind the acks). */
  drainMs: number;
}

async function load(target: Target, spec: SlackLoadSpec, options: Omit<LoadOptions, 'url' | 'slack'>): Promise<Loaded> {
  const pid = target.child.proc.pid!;
  await waitIdle(pid);
  const before = cpuMsOf(pid);
  const result = await runForResult<LoadResult>('scripts/bench/load.ts', [JSON.stringify({ ...options, url: target.url, slack: spec })], LOAD_PREFIX);
  const drainMs = await waitIdle(pid);
  return { ...result, cpuMsPerRequest: (cpuMsOf(pid) - before) / Math.max(1, result.total), drainMs };
}

interface Measured {
  max: Loaded;
  fixed: Loaded;
}

export async function inboundBench(settings: InboundSettings): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'clause5-inbound-'));
  const fakeOptions: FakeServerOptions = { kind: 'slack', workspace: WORKSPACE, users: USERS, responseUrls: 200 };
  const fake = spawnTs('scripts/bench/fake-server.ts', [JSON.stringify(fakeOptions)]);
  const targets: Target[] = [];
  const results: Record<'clause5' | 'bare', Measured[]> = { clause5: [], bare: [] };
  try {
    const ready = JSON.parse((await fake.line(new RegExp(`^${FAKE_PREFIX}(.*)$`)))[1]!) as { url: string; controlUrl: string; responseUrls: string[] };
    const spec: SlackLoadSpec = {
      signingSecret: SECRET,
      teamId: WORKSPACE.teamId,
      teamDomain: 'benchplants',
      botUserId: WORKSPACE.botUserId,
      users: USERS,
      responseUrls: ready.responseUrls,
    };
    targets.push(await startClause5(ready.url, join(dir, 'clause5.db')), await startBare(ready.url));
    const ms = settings.seconds * 1000;
    for (let run = 0; run < settings.runs; run++) {
      // Alternate the order, so that neither target always runs on a warmer (or hotter) machine.
      const order = run % 2 ? [...targets].reverse() : targets;
      for (const target of order) {
        const max = await load(target, spec, { mode: 'closed', connections: settings.connections, durationMs: ms, warmupMs: 2000 });
        const fixed = await load(target, spec, { mode: 'open', rate: settings.rate, connections: 256, durationMs: ms, warmupMs: 2000 });
        results[target.name].push({ max, fixed });
        log(
          `inbound ${target.name} run ${run + 1}: max ${max.throughput}/s (p99 ${max.latency.p99Ms} ms, errors ${max.errors}, ${fmt(max.cpuMsPerRequest)} ms CPU/request, busy ${fmt(max.drainMs)} ms after);`,
          `at ${settings.rate}/s: ${fixed.throughput}/s p50 ${fixed.latency.p50Ms} p99 ${fixed.latency.p99Ms} p99.9 ${fixed.latency.p999Ms} ms, errors ${fixed.errors}, busy ${fmt(fixed.drainMs)} ms after`,
          fixed.status,
        );
      }
    }
    const stats = await fakeStats(ready.controlUrl);
    log('fake Slack saw', stats.calls, `responses ${stats.responses}`);
  } finally {
    for (const t of targets) await t.child.stop();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows(settings, results);
}

function rows(settings: InboundSettings, results: Record<'clause5' | 'bare', Measured[]>): BenchRow[] {
  const max = (name: 'clause5' | 'bare') => results[name].map((m) => m.max.throughput);
  const pick = (name: 'clause5' | 'bare', f: (m: Measured) => number) => results[name].map(f);
  const ours = max('clause5');
  const bare = max('bare');
  const ratios = ours.map((v, i) => v / bare[i]!);
  const p99 = pick('clause5', (m) => m.fixed.latency.p99Ms);
  const errors = results.clause5.reduce((s, m) => s + m.max.errors + m.fixed.errors, 0);
  const sustained = pick('clause5', (m) => m.fixed.throughput);
  const mix = 'signed app_mention, message.im and /clause5 help in rotation, 50 users, loopback, load generator in its own process';
  return [
    {
      what: 'Inbound Slack events: max ack throughput (events/s)',
      how: `closed loop, ${settings.connections} keep-alive connections, ${settings.seconds} s after 2 s warm-up; ${mix}`,
      result: `${spread(ours, '/s')}; ${errors} non-2xx; the work behind the acks finished ${fmt(median(pick('clause5', (m) => m.max.drainMs)) / 1000, 2)} s after the run`,
      baseline: `bare Bolt app (ack only): ${spread(bare, '/s')}`,
      ratio: `${fmt(median(ratios), 2)}×`,
      target: '≥ 1,000/s and ≥ 0.8× bare',
      met: median(ours) >= 1000 && median(ratios) >= 0.8 && errors === 0,
    },
    {
      what: `Inbound Slack events: ack latency at ${settings.rate.toLocaleString('en')} events/s`,
      how: `open loop at ${settings.rate}/s for ${settings.seconds} s (latency from each request's due time); same mix`,
      result: `p50 ${spread(
        pick('clause5', (m) => m.fixed.latency.p50Ms),
        ' ms',
      )}, p99 ${spread(p99, ' ms')}, p99.9 ${spread(
        pick('clause5', (m) => m.fixed.latency.p999Ms),
        ' ms',
      )}; answered ${fmt(median(sustained))}/s; work behind the acks done ${fmt(median(pick('clause5', (m) => m.fixed.drainMs)) / 1000, 2)} s after the run`,
      baseline: `bare: p50 ${fmt(median(pick('bare', (m) => m.fixed.latency.p50Ms)))} ms, p99 ${fmt(median(pick('bare', (m) => m.fixed.latency.p99Ms)))} ms, p99.9 ${fmt(median(pick('bare', (m) => m.fixed.latency.p999Ms)))} ms`,
      ratio: ratio(median(p99), median(pick('bare', (m) => m.fixed.latency.p99Ms))),
      target: 'p99 ≤ 50 ms',
      met: median(p99) <= 50 && median(sustained) >= settings.rate * 0.99,
    },
    {
      what: 'Inbound Slack events: server CPU per event (everything, also after the ack)',
      how: 'CPU time of the server process (/proc) from before a closed-loop run until it was idle again, ÷ requests; 1 / that = what one core sustains',
      result: `${spread(
        pick('clause5', (m) => m.max.cpuMsPerRequest),
        ' ms',
      )} (≈ ${fmt(1000 / median(pick('clause5', (m) => m.max.cpuMsPerRequest)), 2)} events/s per core, all work included)`,
      baseline: `bare: ${fmt(median(pick('bare', (m) => m.max.cpuMsPerRequest)))} ms`,
      ratio: ratio(median(pick('clause5', (m) => m.max.cpuMsPerRequest)), median(pick('bare', (m) => m.max.cpuMsPerRequest))),
    },
  ];
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      rate: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '32' },
    },
  });
  inboundBench({ runs: Number(values.runs), rate: Number(values.rate), seconds: Number(values.seconds), connections: Number(values.connections) }).then(
    (rows) => emit('inbound', rows),
    (error: unknown) => {
      log(`inbound failed: ${error instanceof Error ? error.stack : String(error)}`);
      process.exitCode = 1;
    },
  );
}
