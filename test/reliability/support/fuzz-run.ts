// The fuzz run, shared by `npm test` and the bench: one real `clause5 serve` (Slack over HTTP for an
// installed workspace, Teams unauthenticated as in development, so that activities reach the
// turn handlers), `count` fuzz requests, and what they did: answers by status and kind, the
// process still alive, table row counts before and after, calls to the fakes, RSS drift.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/core';
import { FakeConnector } from '../../support/fake-connector';
import { FakeSlack } from '../../support/fake-slack';
import { pool, send } from './client';
import { rowCounts } from './db';
import { fuzzCase } from './fuzz';
import { addToFake, SIGNING_SECRET, seedSlackPlant, slackEnv } from './plant';
import { serve, sleep, type Clause5Process } from './process';
import { rng } from './random';

/**
 * Changed by the server's own scheduler passes, whatever the requests: each pass counts a few more
 * weeks of the weekly scorecard rollups (a derived cache) until the seeded history is counted, and
 * folds away the marks the seeding's writes left, so a minute's tick during the run changes them.
 * A request that wrote would show in the table it wrote to: every other table must stay as it was.
 */
const BACKGROUND_TABLES = new Set(['scorecard_rollups', 'scorecard_rollup_edges', 'scorecard_rollup_marks']);

export interface FuzzResult {
  requests: number;
  byStatus: Record<string, number>;
  byKind: Record<string, Record<string, number>>;
  /** Requests answered with a 5xx, or not answered at all (connection error, timeout). */
  failures: Array<{ kind: string; status: number; error?: string; body: string }>;
  alive: boolean;
  healthz: number;
  changedTables: Record<string, [number, number]>;
  slackCalls: number;
  connectorCalls: number;
  rssWarmMb: number;
  rssEndMb: number;
  /** RSS (MB) after each tenth of the requests after the warm-up. */
  rssSamplesMb: number[];
  errorLogs: string[];
  ms: number;
}

export async function runFuzz(options: { count: number; seed: number; name: string; concurrency?: number; nodeArgs?: string[] }): Promise<FuzzResult> {
  const started = performance.now();
  const dir = tempDir('clause5-fuzz-');
  const dbPath = join(dir, 'clause5.db');
  const fake = await new FakeSlack().start();
  const connector = await new FakeConnector({ allowAnonymous: true }).start(); // the served bot has no credentials
  let server: Clause5Process | undefined;
  try {
    const now = Date.now();
    const plant = seedSlackPlant(dbPath, { workspaces: 1, leadersPer: 5, dueAt: now + 3 * 86_400_000, lastPassAt: now, prefix: 'FZ' });
    addToFake(fake, plant);
    const env = slackEnv(dbPath, fake.url, { NODE_ENV: 'test', TEAMS_ALLOW_UNAUTHENTICATED: 'true', TEAMS_SERVICE_URL_ALLOWLIST: new URL(connector.url).host });
    // A 128 MB heap cap, as a production service would run: without one V8 sizes the old space from
    // this machine's 24 GB and grows it lazily, so RSS measures GC scheduling rather than what is
    // retained (docs/benchmarks.md, Reliability: ~80 MB "drift" over 10k requests uncapped, flat
    // capped at 256 MB and at 64 MB — nothing is kept).
    server = await serve(env, `${options.name}-server.log`, options.nodeArgs ?? ['--max-old-space-size=128']);
    const before = rowCounts(dbPath);
    const random = rng(options.seed);
    const ctx = { signingSecret: SIGNING_SECRET, teamId: plant.workspaces[0]!.teamId, serviceUrl: connector.url };
    const result: FuzzResult = {
      requests: 0,
      byStatus: {},
      byKind: {},
      failures: [],
      alive: true,
      healthz: 0,
      changedTables: {},
      slackCalls: 0,
      connectorCalls: 0,
      rssWarmMb: 0,
      rssEndMb: 0,
      rssSamplesMb: [],
      errorLogs: [],
      ms: 0,
    };
    const warmUp = Math.min(options.count, Math.max(200, Math.floor(options.count / 5)));
    const record = (kind: string, status: number, error: string | undefined, body: string) => {
      const key = error ? `error:${error}` : String(status);
      result.requests++;
      result.byStatus[key] = (result.byStatus[key] ?? 0) + 1;
      const family = kind.split(':').slice(0, 2).join(':');
      (result.byKind[family] ??= {})[key] = (result.byKind[family]![key] ?? 0) + 1;
      if (error || status >= 500) result.failures.push({ kind, status, error, body: body.slice(0, 200) });
    };
    const cases = Array.from({ length: options.count }, () => fuzzCase(random, ctx));
    const concurrency = options.concurrency ?? 16;
    await pool(
      server.url,
      warmUp,
      concurrency,
      (i) => cases[i]!,
      (req, res) => record(req.kind, res.status, res.error, res.body),
    );
    await sleep(200);
    result.rssWarmMb = (server.rss() ?? 0) / 2 ** 20;
    const rest = options.count - warmUp;
    for (let part = 0; part < 10; part++) {
      const from = warmUp + Math.floor((rest * part) / 10);
      const to = warmUp + Math.floor((rest * (part + 1)) / 10);
      await pool(
        server.url,
        to - from,
        concurrency,
        (i) => cases[from + i]!,
        (req, res) => record(req.kind, res.status, res.error, res.body),
      );
      result.rssSamplesMb.push(Math.round((server.rss() ?? 0) / 2 ** 20));
    }
    await sleep(500); // work after the acks
    result.rssEndMb = (server.rss() ?? 0) / 2 ** 20;
    result.alive = server.running;
    result.healthz = (await send(server.url, { method: 'GET', path: '/healthz', headers: {}, body: Buffer.alloc(0) })).status;
    const after = rowCounts(dbPath);
    for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (BACKGROUND_TABLES.has(table)) continue;
      if (before[table] !== after[table]) result.changedTables[table] = [before[table] ?? -1, after[table] ?? -1];
    }
    result.slackCalls = fake.calls.length;
    result.connectorCalls = connector.calls.length;
    result.errorLogs = server
      .logLines()
      .filter((l) => l.level >= 50)
      .map((l) => JSON.stringify(l).slice(0, 300));
    await server.kill('SIGTERM');
    result.ms = Math.round(performance.now() - started);
    return result;
  } finally {
    if (server?.running) await server.kill('SIGKILL');
    await fake.stop();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
