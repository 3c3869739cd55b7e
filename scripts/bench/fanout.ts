// Benchmark 3, fan-out: N leaders (default 10,000) whose floor-walk prompts fall due in the same
// minute. Measures the scheduler pass that enqueues them (target ≤ 1 s), then the delivery rate
// through the real runtime (buildRuntime + the Slack or Teams platform + the scheduler's live
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
import type { PlatformEntry } from '../../src/platforms/registry';
import { LAST_PASS_KEY } from '../../src/scheduler/pass';
import { openSqliteStore } from '../../src/store/sqlite';
import { CountingLogger } from './bench-logger';
import { FAKE_PREFIX, fakeStats, type FakeServerOptions, type FakeStats } from './fake-server';
import { seedLeaders } from './leaders';
import { TEAMS_CONVERSATION_LIMITS, type WindowSpec } from './limits';
import { spawnTs, sleep, type Child } from './procs';
import { emit, fmt, isMain, log, median, spread, type BenchRow } from './report';

/** Friday 2026-11-27 14:00 in Chicago: every seeded leader's prompt is due then. */
const DUE = Date.parse('2026-11-27T20:00:00Z');
const TEAM = 'TBENCH';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BOT_TOKEN = 'xoxb-bench-fanout-token';

export interface FanoutSettings {
  leaders: number;
  /**
   * Slack: the workspace cap the fake enforces, message writes per (compressed) minute. The pacer
   * keeps the product's own constant (100 a minute); only its minute is compressed like the fake's.
   */
  slackCap: number;
  /** Slack: how many times faster than real time (60: Slack's minute lasts 1 s for both sides). */
  slackScale: number;
  /** Teams: how many times faster than real time, for both the fake's real limits and the pacer's own constants. */
  teamsScale: number;
}

/** Teams' published limits, which the fake enforces: per app per tenant 50 requests a second. */
const TEAMS_REAL_TENANT: WindowSpec[] = [{ limit: 50, ms: 1_000 }];

const compress = (windows: WindowSpec[], scale: number): WindowSpec[] => windows.map((w) => ({ limit: w.limit, ms: w.ms / scale }));

export interface FanoutRun {
  platform: 'slack' | 'teams';
  enqueueMs: number;
  enqueued: number;
  sent: number;
  deliveryMs: number;
  /** Messages per second from the start of sending (the ramp-up included) to the last accepted message. */
  rate: number;
  /** What the fake's limit allows in that span (messages per second). */
  allowedRate: number;
  /** Messages per second between the first and the last accepted message (no ramp-up), for comparison. */
  steadyRate: number;
  /** From the start of sending to the first accepted message. */
  firstMs: number;
  refused: number;
  /** Calls that arrived before a Retry-After the fake had answered was over. */
  early: number;
  postedTo: Record<string, number>;
  calls: Record<string, number>;
  problems: Record<string, number>;
  /** CPU time of this process (the scheduler and the platform) per message sent. */
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

/** The fake's limit (what the platform enforces) in compressed time. */
function fakeCap(platform: 'slack' | 'teams', settings: FanoutSettings): WindowSpec {
  return platform === 'slack' ? { limit: settings.slackCap, ms: 60_000 / settings.slackScale } : compress(TEAMS_REAL_TENANT, settings.teamsScale)[0]!;
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
          slackLimits: { perChannelMs: 1000, workspace: fakeCap('slack', settings) },
        })
      : await startFake({
          kind: 'teams',
          teamsChats: settings.leaders,
          teamsLimits: { perTenant: [fakeCap('teams', settings)], perConversation: compress(TEAMS_CONVERSATION_LIMITS, settings.teamsScale) },
        });
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
        ? {
            NODE_ENV: 'production',
            CLAUSE5_DB: dbPath,
            SLACK_BOT_TOKEN: BOT_TOKEN,
            SLACK_SIGNING_SECRET: 'bench-secret',
            SLACK_API_URL: fake.url,
            LOG_LEVEL: 'warn',
          }
        : { NODE_ENV: 'development', CLAUSE5_DB: dbPath, TEAMS_SERVICE_URL_ALLOWLIST: new URL(fake.url).host, LOG_LEVEL: 'warn' },
    );
    const entry: PlatformEntry =
      platform === 'slack'
        ? {
            name: 'slack',
            enabled: () => true,
            load: async () => {
              const { createSlack } = await import('../../src/platforms/slack/index');
              // The product's pacing constants; only the minute is compressed, as the fake's is.
              return (context) => createSlack(context, { pacer: { windowMs: 60_000 / settings.slackScale } });
            },
          }
        : {
            name: 'teams',
            enabled: () => true,
            load: async () => {
              const { createTeamsRuntimeWith } = await import('../../src/platforms/teams/index');
              const { TEAMS_CONVERSATION_WINDOWS, TEAMS_TENANT_WINDOWS } = await import('../../src/platforms/teams/pacer');
              const pacing = {
                perTenant: compress(TEAMS_TENANT_WINDOWS, settings.teamsScale),
                perConversation: compress(TEAMS_CONVERSATION_WINDOWS, settings.teamsScale),
              };
              return (context) => createTeamsRuntimeWith(context, { pacing });
            },
          };
    runtime = await buildRuntime(config, { log: logger, clock, platforms: [entry] });

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
    const cap = fakeCap(platform, settings);
    const limitMs = Math.max(120_000, 5 * 1000 * (n / (cap.limit / (cap.ms / 1000))));
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
    // From the start of sending: the ramp-up (first connections, the first claims) counts.
    const span = times.length ? times[times.length - 1]! - started : 0;
    const steady = times.length > 1 ? times[times.length - 1]! - times[0]! : 0;
    return {
      platform,
      enqueueMs,
      enqueued: pass.enqueued,
      sent: counts.sent,
      deliveryMs: span,
      rate: span > 0 ? times.length / (span / 1000) : 0,
      allowedRate: span > 0 ? allowedRate(cap, span) : 0,
      steadyRate: steady > 0 ? (times.length - 1) / (steady / 1000) : 0,
      firstMs: times.length ? times[0]! - started : 0,
      refused: stats.limits?.refused ?? 0,
      early: stats.limits?.early ?? 0,
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

/** The product's own Slack pacing constant (src/platforms/slack/pacer.ts), for the report. */
const SLACK_PACER_PER_MINUTE = 100;

export async function fanoutBench(
  settings: FanoutSettings,
  runs: number,
  platforms: Array<'slack' | 'teams'>,
  slackCaps: number[] = [settings.slackCap],
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  type Variant = { platform: 'slack' | 'teams'; settings: FanoutSettings };
  const variants = platforms.flatMap((platform): Variant[] =>
    platform === 'slack' ? slackCaps.map((cap) => ({ platform, settings: { ...settings, slackCap: cap } })) : [{ platform, settings }],
  );
  const enqueued = new Set<string>();
  for (const { platform, settings: variant } of variants) {
    const results: FanoutRun[] = [];
    for (let i = 0; i < runs; i++) {
      const run = await fanoutOnce(platform, variant);
      log(
        `fanout ${platform} (fake cap ${JSON.stringify(fakeCap(platform, variant))}) run ${i + 1}: enqueue ${fmt(run.enqueueMs)} ms, sent ${run.sent}/${run.enqueued}, ${fmt(run.rate)} msg/s from the start (steady ${fmt(run.steadyRate)}, first after ${fmt(run.firstMs)} ms) of ${fmt(run.allowedRate)} allowed, 429s ${run.refused}, early ${run.early}, ${fmt(run.cpuMsPerMessage)} ms CPU/msg`,
        run.problems,
        run.postedTo,
      );
      results.push(run);
    }
    const cap = fakeCap(platform, variant);
    const capText = `${cap.limit} per ${fmt(cap.ms / 1000, 3)} s`;
    const name = platform === 'slack' ? 'Slack' : 'Teams';
    if (!enqueued.has(platform)) {
      enqueued.add(platform);
      const enqueue = results.map((r) => r.enqueueMs);
      rows.push({
        what: `Fan-out (${name}): time to enqueue ${variant.leaders.toLocaleString('en')} prompts due in one minute`,
        how: `one scheduler pass over ${variant.leaders.toLocaleString('en')} leaders (20 sites, Friday 14:00 Chicago), temp SQLite`,
        result: spread(enqueue, ' ms'),
        target: '≤ 1 s',
        met: median(enqueue) <= 1000,
      });
    }
    const rates = results.map((r) => r.rate);
    const allowed = results.map((r) => r.allowedRate);
    const fractions = results.map((r) => r.rate / r.allowedRate);
    const refused = results.reduce((s, r) => s + r.refused, 0);
    const early = results.reduce((s, r) => s + r.early, 0);
    const allSent = results.every((r) => r.sent === r.enqueued);
    // The pacer is never told the fake's cap: where the fake is stricter than the pacer's constant, 429s are expected and must be honoured.
    const stricter = platform === 'slack' && variant.slackCap < SLACK_PACER_PER_MINUTE;
    rows.push({
      what: `Fan-out (${name}): delivery rate, 429s received${stricter ? `, fake stricter than the pacer (${variant.slackCap} vs ${SLACK_PACER_PER_MINUTE} a minute)` : ''}`,
      how:
        (platform === 'slack'
          ? `fake Slack Web API (own process) enforcing 1 msg/s per channel and ${capText} per workspace (${variant.slackCap} a minute compressed ${variant.slackScale}×; the pacer keeps its own 100 a minute, same compression${variant.slackCap === SLACK_PACER_PER_MINUTE ? ' — equal to this cap: Slack publishes no exact workspace figure, both take its Tier 4 floor' : ''})`
          : `fake Bot Connector (own process) enforcing Teams' 7/1 s, 8/2 s, 60/30 s per conversation and 50/s per tenant, compressed ${variant.teamsScale}× (${capText}); the pacer keeps its own constants (equal to these published limits), same compression`) +
        `; no grace: a call inside a full window gets 429 + Retry-After; rate = messages ÷ time from the start of sending to the last accepted message (ramp-up included); live wake-up loop`,
      result: `${spread(rates, ' msg/s')} (steady, without the ramp-up: ${fmt(median(results.map((r) => r.steadyRate)))}; first message after ${fmt(median(results.map((r) => r.firstMs)))} ms); ${refused} × 429, ${early} calls before a Retry-After was over; ${allSent ? 'all sent' : 'NOT all sent'}`,
      baseline: `${fmt(median(allowed))} msg/s allowed over the same span`,
      ratio: `${fmt(median(fractions), 3)}×`,
      target: stricter ? 'every 429 honoured (0 early), all sent' : '≥ 0.95× allowed, 0 × 429',
      met: stricter ? early === 0 && allSent : median(fractions) >= 0.95 && refused === 0 && allSent,
    });
    if (platform === 'slack') {
      const toUser = results.reduce((s, r) => s + (r.postedTo['user id'] ?? 0), 0);
      const posted = results.reduce((s, r) => s + Object.values(r.postedTo).reduce((a, b) => a + b, 0), 0);
      const opens = results.reduce(
        (s, r) =>
          s +
          Object.entries(r.calls)
            .filter(([k]) => k.startsWith('conversations.open'))
            .reduce((a, [, v]) => a + v, 0),
        0,
      );
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
      // The caps the fake Slack enforces per (compressed) minute, one variant each; 80: stricter than the pacer.
      'slack-cap': { type: 'string', default: '100,80' },
      'slack-scale': { type: 'string', default: '60' },
      'teams-scale': { type: 'string', default: '2' },
    },
  });
  const platforms = values.platform === 'both' ? (['slack', 'teams'] as const) : [values.platform as 'slack' | 'teams'];
  const settings: FanoutSettings = {
    leaders: Number(values.leaders),
    slackCap: SLACK_PACER_PER_MINUTE,
    slackScale: Number(values['slack-scale']),
    teamsScale: Number(values['teams-scale']),
  };
  const slackCaps = values['slack-cap'].split(',').map(Number);
  fanoutBench(settings, Number(values.runs), [...platforms], slackCaps).then(
    (rows) => emit('fanout', rows),
    (error: unknown) => {
      log(`fanout failed: ${error instanceof Error ? error.stack : String(error)}`);
      process.exitCode = 1;
    },
  );
}
