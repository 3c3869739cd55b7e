// Benchmark 3, fan-out: N leaders (default 10,000) whose floor-walk prompts fall due in the same
// minute. Measures the scheduler pass that enqueues them (target ≤ 1 s), then the delivery rate
// through the real runtime (buildRuntime + the Slack or Teams front door + the scheduler's live
// wake-up loop) against a fake platform in another process that enforces the platform's limits
// and answers 429 beyond them (target ≥ 0.95 × the allowed rate, zero 429s, DMs to the user id).
// Time is compressed so that a run takes about a minute; see the `how` column of the results.
// Run: node --import tsx scripts/bench/fanout.ts [--runs 3] [--leaders 10000] [--platform slack|teams|both]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config';
import { MovableClock } from '../../src/core/clock';
import { buildRuntime, type Runtime } from '../../src/main';
import type { FrontDoorEntry } from '../../src/front-doors';
import { LAST_PASS_KEY } from '../../src/scheduler/pass';
import { openSqliteStore } from '../../src/store/sqlite';
import { CountingLogger } from './bench-logger';
import { FAKE_PREFIX, fakeStats, type FakeServerOptions, type FakeStats } from './fake-server';
import { seedLeaders } from './leaders';
import type { WindowSpec } from './limits';
import { spawnTs, sleep, type Child } from './procs';
import { emit, fmt, isMain, log, median, spread, type BenchRow } from './report';

/** Friday 2026-11-27 14:00 in Chicago: every seeded leader's prompt is due then. */
const DUE = Date.parse('2026-11-27T20:00:00Z');
const TEAM = 'TBENCH';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BOT_TOKEN = 'xoxb-bench-fanout-token';

export interface FanoutSettings {
  leaders: number;
  /** Slack: the workspace cap per window (the pacer and the fake agree on it). */
  slackCap: WindowSpec;
  /** Teams: the per-tenant cap (the pacer and the fake agree on it). */
  teamsTenant: WindowSpec;
}

export interface FanoutRun {
  platform: 'slack' | 'teams';
  enqueueMs: number;
  enqueued: number;
  sent: number;
  deliveryMs: number;
  /** Messages per second between the first and the last accepted message. */
  rate: number;
  /** What the limit allows in that span (messages per second). */
  allowedRate: number;
  refused: number;
  postedTo: Record<string, number>;
  calls: Record<string, number>;
  problems: Record<string, number>;
  /** CPU time of this process (the scheduler and the front door) per message sent. */
  cpuMsPerMessage: number;
}

async function startFake(options: FakeServerOptions): Promise<{ child: Child; url: string; controlUrl: string }> {
  const child = spawnTs('scripts/bench/fake-server.ts', [JSON.stringify(options)]);
  const line = await child.line(new RegExp(`^${FAKE_PREFIX}(.*)$`));
  const { url, controlUrl } = JSON.parse(line[1]!) as { url: string; controlUrl: string };
  return { child, url, controlUrl };
}

/** How many messages a rolling-window limit admits over `spanMs`, as messages per second. */
export function allowedRate(cap: WindowSpec, spanMs: number): number {
  const windows = Math.floor(spanMs / cap.ms) + 1;
  return (cap.limit * windows) / (spanMs / 1000);
}

async function fanoutOnce(platform: 'slack' | 'teams', settings: FanoutSettings): Promise<FanoutRun> {
  const dir = mkdtempSync(join(tmpdir(), 'clause5-fanout-'));
  const dbPath = join(dir, 'clause5.db');
  const n = settings.leaders;
  const fake =
    platform === 'slack'
      ? await startFake({
          kind: 'slack',
          workspace: { teamId: TEAM, teamName: 'Bench Plants', botToken: BOT_TOKEN, botUserId: 'UBOTBENCH', botId: 'BBENCH' },
          userCount: n,
          slackLimits: { perChannelMs: 1000, workspace: settings.slackCap },
        })
      : await startFake({ kind: 'teams', teamsLimits: { perTenant: [settings.teamsTenant] } });
  let runtime: Runtime | undefined;
  const logger = new CountingLogger();
  try {
    const clock = MovableClock.running(DUE + 1_000);
    const seedStore = openSqliteStore(dbPath, () => clock.now());
    const orgId = platform === 'slack' ? `slack:${TEAM}` : `teams:${TENANT}`;
    seedLeaders(seedStore.database.sqlite, {
      orgId,
      platform,
      count: n,
      now: clock.now(),
      ...(platform === 'teams' ? { teams: { tenantId: TENANT, serviceUrl: fake.url, botId: '28:bench-bot' } } : {}),
    });
    await seedStore.setState(LAST_PASS_KEY, String(DUE - 60_000));
    seedStore.close();

    const config = loadConfig(
      platform === 'slack'
        ? { NODE_ENV: 'production', CLAUSE5_DB: dbPath, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: 'bench-secret', SLACK_API_URL: fake.url, LOG_LEVEL: 'warn' }
        : { NODE_ENV: 'development', CLAUSE5_DB: dbPath, TEAMS_SERVICE_URL_ALLOWLIST: new URL(fake.url).host, LOG_LEVEL: 'warn' },
    );
    const entry: FrontDoorEntry =
      platform === 'slack'
        ? {
            name: 'slack',
            enabled: () => true,
            load: async () => {
              const { createSlack } = await import('../../src/platforms/slack/index');
              return (context) => createSlack(context, { pacer: { workspacePerMinute: settings.slackCap.limit, windowMs: settings.slackCap.ms } });
            },
          }
        : {
            name: 'teams',
            enabled: () => true,
            load: async () => {
              const { createTeamsFrontDoorWith } = await import('../../src/platforms/teams/index');
              return (context) => createTeamsFrontDoorWith(context, { pacing: { perTenant: [settings.teamsTenant] } });
            },
          };
    runtime = await buildRuntime(config, { log: logger, clock, frontDoors: [entry] });

    const t0 = performance.now();
    const pass = await runtime.scheduler.runPass(clock.now());
    const enqueueMs = performance.now() - t0;
    if (pass.enqueued !== n) throw new Error(`the pass enqueued ${pass.enqueued} of ${n} prompts`);
    if (process.env.FANOUT_DEBUG) {
      await runtime.store.setState(LAST_PASS_KEY, String(DUE - 60_000));
      const t1 = performance.now();
      await runtime.scheduler.runPass(clock.now());
      log(`second pass over the same window: ${fmt(performance.now() - t1)} ms`);
    }

    await fakeStats(fake.controlUrl, true);
    const cpuBefore = process.cpuUsage();
    const started = Date.now();
    await runtime.scheduler.start();
    const limitMs = Math.max(120_000, 5 * 1000 * (n / (platform === 'slack' ? settings.slackCap.limit / (settings.slackCap.ms / 1000) : settings.teamsTenant.limit / (settings.teamsTenant.ms / 1000))));
    let counts = await runtime.store.deliveries.counts(orgId);
    while (counts.pending + counts.sending > 0 && Date.now() - started < limitMs) {
      await sleep(250);
      counts = await runtime.store.deliveries.counts(orgId);
    }
    await runtime.scheduler.stop();
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMsPerMessage = (cpu.user + cpu.system) / 1000 / Math.max(1, counts.sent);
    const stats: FakeStats = await fakeStats(fake.controlUrl);
    const times = stats.limits?.acceptedAt ?? [];
    const span = times.length > 1 ? times[times.length - 1]! - times[0]! : 0;
    const cap = platform === 'slack' ? settings.slackCap : settings.teamsTenant;
    return {
      platform,
      enqueueMs,
      enqueued: pass.enqueued,
      sent: counts.sent,
      deliveryMs: span,
      rate: span > 0 ? (times.length - 1) / (span / 1000) : 0,
      allowedRate: span > 0 ? allowedRate(cap, span) : 0,
      refused: stats.limits?.refused ?? 0,
      postedTo: stats.postedTo,
      calls: stats.calls,
      problems: logger.problems(),
      cpuMsPerMessage,
    };
  } finally {
    await runtime?.close().catch(() => undefined);
    await fake.child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function fanoutBench(settings: FanoutSettings, runs: number, platforms: Array<'slack' | 'teams'>): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const all: FanoutRun[] = [];
  for (const platform of platforms) {
    const results: FanoutRun[] = [];
    for (let i = 0; i < runs; i++) {
      const run = await fanoutOnce(platform, settings);
      log(`fanout ${platform} run ${i + 1}: enqueue ${fmt(run.enqueueMs)} ms, sent ${run.sent}/${run.enqueued}, ${fmt(run.rate)} msg/s of ${fmt(run.allowedRate)} allowed, 429s ${run.refused}, ${fmt(run.cpuMsPerMessage)} ms CPU/msg`, run.problems, run.postedTo);
      results.push(run);
    }
    all.push(...results);
    const cap = platform === 'slack' ? settings.slackCap : settings.teamsTenant;
    const capText = `${cap.limit} per ${cap.ms / 1000} s`;
    const name = platform === 'slack' ? 'Slack' : 'Teams';
    const enqueue = results.map((r) => r.enqueueMs);
    rows.push({
      what: `Fan-out (${name}): time to enqueue ${settings.leaders.toLocaleString('en')} prompts due in one minute`,
      how: `one scheduler pass over ${settings.leaders.toLocaleString('en')} leaders (20 sites, Friday 14:00 Chicago), temp SQLite`,
      result: spread(enqueue, ' ms'),
      target: '≤ 1 s',
      met: median(enqueue) <= 1000,
    });
    const rates = results.map((r) => r.rate);
    const allowed = results.map((r) => r.allowedRate);
    const fractions = results.map((r) => r.rate / r.allowedRate);
    const refused = results.reduce((s, r) => s + r.refused, 0);
    const allSent = results.every((r) => r.sent === r.enqueued);
    rows.push({
      what: `Fan-out (${name}): delivery rate, 429s received`,
      how:
        platform === 'slack'
          ? `fake Slack Web API (own process) enforcing 1 msg/s per channel and ${capText} per workspace (the pacer's 100/min compressed ${60_000 / cap.ms}×), 429 + Retry-After beyond; live wake-up loop`
          : `fake Bot Connector (own process) enforcing 7/1 s, 8/2 s, 60/30 s per conversation and ${capText} per tenant (Teams allows 50/s per tenant; raised to shorten the run), 429 + Retry-After beyond; live wake-up loop`,
      result: `${spread(rates, ' msg/s')}; ${refused} × 429; ${allSent ? 'all sent' : 'NOT all sent'}`,
      baseline: `${fmt(median(allowed))} msg/s allowed`,
      ratio: `${fmt(median(fractions), 3)}×`,
      target: '≥ 0.95× allowed, 0 × 429',
      met: median(fractions) >= 0.95 && refused === 0 && allSent,
    });
    if (platform === 'slack') {
      const toUser = results.reduce((s, r) => s + (r.postedTo['user id'] ?? 0), 0);
      const posted = results.reduce((s, r) => s + Object.values(r.postedTo).reduce((a, b) => a + b, 0), 0);
      const opens = results.reduce((s, r) => s + Object.entries(r.calls).filter(([k]) => k.startsWith('conversations.open')).reduce((a, [, v]) => a + v, 0), 0);
      rows.push({
        what: 'Fan-out (Slack): DMs addressed to the user id',
        how: 'chat.postMessage channel argument as recorded by the fake',
        result: `${toUser} of ${posted} posts to a user id; ${opens} conversations.open calls`,
        target: 'all to the user id, 0 conversations.open',
        met: toUser === posted && opens === 0,
      });
    }
  }
  return rows;
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      leaders: { type: 'string', default: '10000' },
      platform: { type: 'string', default: 'both' },
      'slack-cap': { type: 'string', default: '100' },
      'teams-cap': { type: 'string', default: '100' },
    },
  });
  const platforms = values.platform === 'both' ? (['slack', 'teams'] as const) : [values.platform as 'slack' | 'teams'];
  const settings: FanoutSettings = {
    leaders: Number(values.leaders),
    slackCap: { limit: Number(values['slack-cap']), ms: 1000 },
    teamsTenant: { limit: Number(values['teams-cap']), ms: 1000 },
  };
  fanoutBench(settings, Number(values.runs), [...platforms]).then(
    (rows) => emit('fanout', rows),
    (error: unknown) => {
      log(`fanout failed: ${error instanceof Error ? error.stack : String(error)}`);
      process.exitCode = 1;
    },
  );
}
