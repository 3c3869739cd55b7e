// Benchmark: delivery rate with 1 and with 3 Clause5 instances on one PostgreSQL database (issue 15).
// Each instance is its own process (test/support/pg-instance.ts: the PostgreSQL store, the real
// scheduler and sender, the Slack platform's outbound side) and sends a queued fan-out of floor-walk
// prompts over several workspaces to a fake Slack Web API in another process that answers every call
// after 50 ms and has no rate limit: I/O-bound, as real Slack is (this machine has 2 cores, so a
// CPU-bound comparison could not show scale-out). The instances start together from a go file; the
// rate is the fan-out's size over the time from go until the database holds every row as sent.
// Also checked on the fake's side: each prompt posted once; and each instance's share of the sends.
// Run: node --import tsx scripts/bench/instances.ts [--leaders 3000] [--workspaces 6] [--delay 50] [--runs 1]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LAST_PASS_KEY } from '../../src/scheduler/pass';
import { openPgDatabase } from '../../src/store/pg/db';
import { createPgPortedStore } from '../../src/store/pg/index';
import { type InstanceProcess, scratchDatabase, startInstance, stopInstance } from '../../test/support/instance-process';
import type { FakeWorkspace } from '../../test/support/fake-slack';
import { FRIDAY_DUE, seedSlackLeaders } from '../../test/support/pg-leaders';
import { FAKE_PREFIX, type FakeServerOptions, fakeStats } from './fake-server';
import { spawnTs, sleep } from './procs';
import { emit, fmt, isMain, log, median, spread, type BenchRow } from './report';

const ADMIN_URL = process.env.CLAUSE5_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The product's default sends in flight per instance (SchedulerOptions.concurrency). */
const CONCURRENCY = 4;
const LEASE_MS = 60_000;

export interface InstancesSettings {
  leaders: number;
  workspaces: number;
  delayMs: number;
}

export interface InstancesRun {
  instances: number;
  /** Messages per second from go to the last row recorded as sent. */
  rate: number;
  ms: number;
  /** Each instance's share of the messages (its own count of what it sent). */
  shares: number[];
  lost: number;
  duplicates: number;
  /** The machine's 1-minute load average when the run started (other processes share the 2 cores). */
  load: number;
}

async function runOnce(instances: number, settings: InstancesSettings): Promise<InstancesRun> {
  const load = loadavg()[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'clause5-instances-'));
  const scratch = await scratchDatabase(ADMIN_URL, 'clause5_bench_instances');
  const database = await openPgDatabase(scratch.url, { poolSize: 2 });
  const secretKey = randomBytes(32).toString('hex');
  const running: InstanceProcess[] = [];
  try {
    const seeded = await seedSlackLeaders(database, { total: settings.leaders, workspaces: settings.workspaces, now: FRIDAY_DUE - 86_400_000, secretKey });
    // The fan-out is queued before the instances start: this measures sending, not the pass.
    const store = createPgPortedStore(database, () => FRIDAY_DUE);
    const rows = seeded.flatMap((ws) =>
      ws.personIds.map((personId) => ({
        orgId: ws.orgId,
        key: `floorwalk_prompt:${personId}:2026-W48`,
        kind: 'floorwalk_prompt',
        personId,
        subject: { weekKey: '2026-W48' },
        dueAt: FRIDAY_DUE,
      })),
    );
    await store.deliveries.enqueue(rows);
    // The instances' catch-up pass then finds nothing new.
    await store.setState(LAST_PASS_KEY, String(FRIDAY_DUE + 1_000));

    const options: FakeServerOptions = {
      kind: 'slack',
      leaderWorkspaces: seeded.map((ws) => ({ workspace: withoutUsers(ws.fake), leaders: ws.personIds.length })),
      delayMs: settings.delayMs,
      keepKeys: true,
    };
    const server = spawnTs('scripts/bench/fake-server.ts', [JSON.stringify(options)]);
    try {
      const line = await server.line(new RegExp(`^${FAKE_PREFIX}(.*)$`));
      const { url, controlUrl } = JSON.parse(line[1]!) as { url: string; controlUrl: string };
      const goFile = join(dir, 'go');
      const instanceOptions = {
        url: scratch.url,
        slackApiUrl: url,
        clockOffsetMs: FRIDAY_DUE + 2_000 - Date.now(),
        leaseMs: LEASE_MS,
        concurrency: CONCURRENCY,
        secretKey,
        goFile,
        pacer: { workspacePerMinute: 1_000_000, perChannelMs: 0 },
      };
      running.push(...(await Promise.all(Array.from({ length: instances }, () => startInstance(instanceOptions)))));
      writeFileSync(goFile, 'go');
      const t0 = performance.now();
      const limitMs = Math.max(120_000, (settings.leaders / 10) * 1000);
      for (;;) {
        const [row] = await database.query<{ n: number }>(`SELECT count(*) AS n FROM deliveries WHERE status = 'sent'`);
        if (row!.n >= settings.leaders) break;
        if (performance.now() - t0 > limitMs) throw new Error(`only ${row!.n} of ${settings.leaders} sent after ${limitMs} ms`);
        await sleep(50);
      }
      const ms = performance.now() - t0;
      await Promise.all(running.map((i) => stopInstance(i)));
      const stats = await fakeStats(controlUrl);
      const posted = Object.values(stats.keys ?? {});
      const sent = running.map((i) => i.sent() ?? 0);
      const total = sent.reduce((a, b) => a + b, 0);
      return {
        instances,
        rate: settings.leaders / (ms / 1000),
        ms,
        shares: sent.map((n) => n / Math.max(1, total)),
        lost: settings.leaders - posted.length,
        duplicates: posted.reduce((s, n) => s + n - 1, 0),
        load,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await Promise.all(running.map((i) => stopInstance(i).catch(() => undefined)));
    await database.close();
    await scratch.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function withoutUsers(ws: FakeWorkspace): Omit<FakeWorkspace, 'users'> {
  const { users: _users, ...rest } = ws;
  return rest;
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

export async function instancesBench(settings: InstancesSettings, runs: number): Promise<BenchRow[]> {
  const results = new Map<number, InstancesRun[]>();
  // Alternate 1 and 3 so that a change in the machine's load lands on both.
  for (let r = 0; r < runs; r++) {
    for (const n of [1, 3]) {
      const run = await runOnce(n, settings);
      log(
        `instances ${n} run ${r + 1}: ${fmt(run.rate)} msg/s (${fmt(run.ms)} ms), shares ${run.shares.map(pct).join(' / ')}, lost ${run.lost}, duplicates ${run.duplicates}, load average ${fmt(run.load)}`,
      );
      results.set(n, [...(results.get(n) ?? []), run]);
    }
  }
  const one = results.get(1)!;
  const three = results.get(3)!;
  const ratio = median(three.map((r) => r.rate)) / median(one.map((r) => r.rate));
  const clean = [...one, ...three].every((r) => r.lost === 0 && r.duplicates === 0);
  const howBase = `${settings.leaders.toLocaleString('en')} floor-walk prompts queued over ${settings.workspaces} Slack workspaces; each instance its own process (PostgreSQL store, real scheduler and sender, ${CONCURRENCY} sends in flight, the Slack platform's client) on one PostgreSQL database; fake Slack Web API (own process) answering every call after ${settings.delayMs} ms, no rate limit; rate = prompts ÷ time from a common start until all are recorded sent`;
  const minShare = Math.min(...three.flatMap((r) => r.shares));
  const loads = [...one, ...three].map((r) => r.load);
  const loadNote = `; machine load average ${fmt(Math.min(...loads))}–${fmt(Math.max(...loads))} at the runs' starts (2 cores)`;
  const how = `${howBase}${loadNote}`;
  return [
    {
      what: 'Scale-out on PostgreSQL: delivery rate, 1 instance',
      how,
      result: `${spread(
        one.map((r) => r.rate),
        ' msg/s',
      )}; ${clean ? '0 lost, 0 duplicates' : 'LOST OR DUPLICATED prompts'}`,
    },
    {
      what: 'Scale-out on PostgreSQL: delivery rate, 3 instances',
      how,
      result: `${spread(
        three.map((r) => r.rate),
        ' msg/s',
      )}; ${clean ? '0 lost, 0 duplicates' : 'LOST OR DUPLICATED prompts'}`,
      baseline: `${fmt(median(one.map((r) => r.rate)))} msg/s with 1 instance, same run`,
      ratio: `${fmt(ratio, 3)}×`,
      target: '≥ 2.5×, 0 lost, 0 duplicates',
      met: ratio >= 2.5 && clean,
    },
    {
      what: 'Scale-out on PostgreSQL: each instance’s share of the sends (3 instances)',
      how: 'each instance counts the messages it sent (the platform accepted them); an equal share is 33%',
      result: three.map((r) => r.shares.map(pct).join(' / ')).join('; '),
      target: 'each ≥ 25%',
      met: minShare >= 0.25,
    },
  ];
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '1' },
      leaders: { type: 'string', default: '3000' },
      workspaces: { type: 'string', default: '6' },
      delay: { type: 'string', default: '50' },
    },
  });
  const settings: InstancesSettings = { leaders: Number(values.leaders), workspaces: Number(values.workspaces), delayMs: Number(values.delay) };
  instancesBench(settings, Number(values.runs)).then(
    (rows) => emit('instances', rows),
    (error: unknown) => {
      log(`instances failed: ${error instanceof Error ? error.stack : String(error)}`);
      process.exitCode = 1;
    },
  );
}
