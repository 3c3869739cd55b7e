// The memory benchmark's process under test (started by memory.ts with --expose-gc): the real
// runtime (buildRuntime, Slack platform against the fake Slack at FAKE_URL) on a temp database
// with N leaders scheduled. It reports RSS and heap (after a full GC) when idle, during and after
// a fan-out of all N prompts, and after an "hour" of scheduler ticks on a MovableClock (60 ticks,
// one per simulated minute, as the once-a-minute ticker would run them).
// Prints MEMORY_RESULT {json}.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { MovableClock } from '../../src/core/clock';
import type { PlatformEntry } from '../../src/platforms/registry';
import { buildRuntime } from '../../src/main';
import { coreModules } from '../../src/core/modules';
import { LAST_PASS_KEY, sourcesOf } from '../../src/scheduler/pass';
import { openSqliteStore } from '../../src/store/sqlite';
import { CountingLogger } from './bench-logger';
import { seedLeaders } from './leaders';
import { exitWithParent } from './procs';
import { isMain } from './report';

export const MEMORY_PREFIX = 'MEMORY_RESULT ';
const DUE = Date.parse('2026-11-27T20:00:00Z'); // Friday 14:00 in Chicago
const MB = 1024 * 1024;

export interface MemoryReport {
  leaders: number;
  /** RSS and heap (MB) with the leaders scheduled, nothing due. */
  idle: { rssMb: number; heapMb: number; heapTotalMb: number; externalMb: number };
  /** Right after the runtime was built, before any pass. */
  built: { rssMb: number; heapMb: number; heapTotalMb: number; externalMb: number };
  /** Highest RSS seen during the fan-out (sampled every 100 ms). */
  fanoutPeakRssMb: number;
  afterFanout: { rssMb: number; heapMb: number; heapTotalMb: number; externalMb: number };
  /** Heap after a GC, before and after 60 ticks (one simulated hour). */
  hour: {
    heapBeforeMb: number;
    heapAfterMb: number;
    growthMb: number;
    rssAfterMb: number;
    tickMsMedian: number;
    tickMsMax: number;
    stallP99Ms: number;
    stallMaxMs: number;
  };
  sent: number;
  /** One more minute's window through each trigger source (ms), with the prompts sent and open. */
  sourceMs: Record<string, number>;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function sample(): { rssMb: number; heapMb: number; heapTotalMb: number; externalMb: number } {
  gc();
  const m = process.memoryUsage();
  return { rssMb: m.rss / MB, heapMb: m.heapUsed / MB, heapTotalMb: m.heapTotal / MB, externalMb: m.external / MB };
}

async function main(): Promise<void> {
  exitWithParent();
  const leaders = Number(process.env.LEADERS ?? 10_000);
  const fakeUrl = process.env.FAKE_URL!;
  const dir = mkdtempSync(join(tmpdir(), 'clause5-memory-'));
  const dbPath = join(dir, 'clause5.db');
  try {
    const clock = new MovableClock(DUE - 30 * 60_000);
    const seed = openSqliteStore(dbPath, () => clock.now());
    seedLeaders(seed.database.sqlite, { orgId: 'slack:TBENCH', platform: 'slack', count: leaders, now: clock.now() });
    await seed.setState(LAST_PASS_KEY, String(clock.now()));
    seed.close();
    const config = loadConfig({
      NODE_ENV: 'production',
      CLAUSE5_DB: dbPath,
      SLACK_BOT_TOKEN: 'xoxb-bench-fanout-token',
      SLACK_SIGNING_SECRET: 'bench-secret',
      SLACK_API_URL: fakeUrl,
    });
    const entry: PlatformEntry = {
      name: 'slack',
      enabled: () => true,
      load: async () => {
        const { createSlack } = await import('../../src/platforms/slack/index');
        // No pacing to speak of: this measures memory, not the rate (fanout.ts does).
        return (context) => createSlack(context, { pacer: { workspacePerMinute: 1_000_000, windowMs: 1000, perChannelMs: 0 } });
      },
    };
    const runtime = await buildRuntime(config, { log: new CountingLogger(), clock, platforms: [entry] });
    const { scheduler } = runtime;
    const built = sample();
    // Warm up: passes with nothing due (the half hour before the prompts).
    for (let i = 0; i < 29; i++) {
      clock.advance(60_000);
      await scheduler.tick(clock.now());
    }
    const idle = sample();

    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    clock.set(DUE + 1_000);
    const fanout = await scheduler.tick(clock.now());
    clearInterval(sampler);
    const afterFanout = sample();

    const heapBefore = afterFanout.heapMb;
    const tickMs: number[] = [];
    const stalls = monitorEventLoopDelay({ resolution: 5 });
    stalls.enable();
    for (let i = 0; i < 60; i++) {
      clock.advance(60_000);
      const t0 = performance.now();
      await scheduler.tick(clock.now());
      tickMs.push(performance.now() - t0);
    }
    stalls.disable();
    const after = sample();
    tickMs.sort((a, b) => a - b);
    // Where an idle tick's time goes: each trigger source over one more minute.
    const sourceMs: Record<string, number> = {};
    for (const source of sourcesOf(coreModules, runtime.core.deps)) {
      const t0 = performance.now();
      await source.triggers(clock.now(), clock.now() + 60_000);
      sourceMs[source.name] = Math.round(performance.now() - t0);
    }
    const report: MemoryReport = {
      leaders,
      built,
      idle,
      fanoutPeakRssMb: peak / MB,
      afterFanout,
      hour: {
        heapBeforeMb: heapBefore,
        heapAfterMb: after.heapMb,
        growthMb: after.heapMb - heapBefore,
        rssAfterMb: after.rssMb,
        tickMsMedian: tickMs[tickMs.length >> 1]!,
        tickMsMax: tickMs[tickMs.length - 1]!,
        stallP99Ms: stalls.percentile(99) / 1e6,
        stallMaxMs: stalls.max / 1e6,
      },
      sent: fanout.drain.sent,
      sourceMs,
    };
    await runtime.close();
    process.stdout.write(`${MEMORY_PREFIX}${JSON.stringify(report)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  void main().catch((error: unknown) => {
    process.stderr.write(`memory child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}
