// Benchmark 4, memory and start-up.
//  - Memory: memory-child.ts (own process, --expose-gc) runs the real runtime with N leaders
//    scheduled (default 10,000): RSS idle, peak during a fan-out of all N prompts to the fake Slack,
//    and heap growth over an hour of once-a-minute ticks on a MovableClock.
//  - Start-up: `node --import tsx src/cli.ts serve` (what `npm start` runs, without npm) started
//    again and again on an existing database; the time from spawn to the first 200 from /healthz,
//    in local mode and in Slack mode (which also checks its token with auth.test at the fake).
// Run: node --import tsx scripts/bench/memory.ts [--runs 3] [--starts 7] [--leaders 10000]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FAKE_PREFIX } from './fake-server';
import { MEMORY_PREFIX, type MemoryReport } from './memory-child';
import { freePort, runForResult, sleep, spawnTs, type Child } from './procs';
import { emit, fmt, isMain, log, median, ratio, spread, type BenchRow } from './report';

interface StartRun {
  readyMs: number;
  rssMb: number;
}

async function startOnce(env: Record<string, string>, logFile: string): Promise<StartRun> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawnTs('src/cli.ts', ['serve'], { stdoutFile: logFile, env: { ...env, PORT: String(port), HOST: '127.0.0.1' } });
  try {
    for (;;) {
      if (child.proc.exitCode !== null) throw new Error(`serve exited with ${child.proc.exitCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (res.status === 200) break;
      } catch {
        // not listening yet
      }
      await sleep(5);
    }
    const readyMs = performance.now() - t0;
    return { readyMs, rssMb: rssOf(child) };
  } finally {
    await child.stop();
  }
}

function rssOf(child: Child): number {
  try {
    const status = readFileSync(`/proc/${child.proc.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

export async function memoryBench(runs: number, starts: number, leaders: number): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'clause5-startup-'));
  const fake = spawnTs('scripts/bench/fake-server.ts', [
    JSON.stringify({
      kind: 'slack',
      workspace: { teamId: 'TBENCH', teamName: 'Bench Plants', botToken: 'xoxb-bench-fanout-token', botUserId: 'UBOTBENCH', botId: 'BBENCH' },
      userCount: leaders,
    }),
  ]);
  try {
    const { url } = JSON.parse((await fake.line(new RegExp(`^${FAKE_PREFIX}(.*)$`)))[1]!) as { url: string };
    const memory: MemoryReport[] = [];
    for (let i = 0; i < runs; i++) {
      const report = await runForResult<MemoryReport>('scripts/bench/memory-child.ts', [], MEMORY_PREFIX, {
        nodeArgs: ['--expose-gc'],
        env: { FAKE_URL: url, LEADERS: String(leaders) },
      });
      log(`memory run ${i + 1}:`, report);
      memory.push(report);
    }

    const modes: Record<'local' | 'slack', Record<string, string>> = {
      // What `npm start` does with no settings at all (Teams' unauthenticated trial door included).
      local: { CLAUSE5_DB: join(dir, 'local.db'), CLAUSE5_LOCAL_CHAT: 'off' },
      slack: {
        NODE_ENV: 'production',
        CLAUSE5_DB: join(dir, 'slack.db'),
        CLAUSE5_LOCAL_CHAT: 'off',
        SLACK_BOT_TOKEN: 'xoxb-bench-fanout-token',
        SLACK_SIGNING_SECRET: 'bench-secret',
        SLACK_API_URL: url,
      },
    };
    const startup: Record<string, StartRun[]> = { local: [], slack: [] };
    for (const [mode, env] of Object.entries(modes)) await startOnce(env, join(dir, `${mode}.log`)); // creates and migrates the database
    for (let i = 0; i < starts; i++) {
      for (const [mode, env] of Object.entries(modes)) startup[mode]!.push(await startOnce(env, join(dir, `${mode}.log`)));
    }
    log('start-up (ms):', Object.fromEntries(Object.entries(startup).map(([k, v]) => [k, v.map((r) => Math.round(r.readyMs))])));
    return rows(memory, startup, leaders);
  } finally {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function rows(memory: MemoryReport[], startup: Record<string, StartRun[]>, leaders: number): BenchRow[] {
  const n = leaders.toLocaleString('en');
  const idleRss = memory.map((m) => m.idle.rssMb);
  const peak = memory.map((m) => m.fanoutPeakRssMb);
  const growth = memory.map((m) => m.hour.growthMb);
  const local = startup.local!.map((r) => r.readyMs);
  const slack = startup.slack!.map((r) => r.readyMs);
  return [
    {
      what: `Memory: RSS with ${n} leaders scheduled`,
      how: `runtime (Slack front door, scheduler) on a temp SQLite file with ${n} leaders, after 29 idle passes; peak while all ${n} prompts are sent to the fake Slack`,
      result: `idle ${spread(idleRss, ' MB')}; fan-out peak ${spread(peak, ' MB')}`,
      target: '≤ 150 MB',
      met: median(idleRss) <= 150 && median(peak) <= 150,
    },
    {
      what: 'Memory: heap growth over an idle hour of ticks',
      how: `60 scheduler.tick calls one simulated minute apart (MovableClock) after the fan-out; heapUsed after a full GC, before vs after; tick median ${fmt(median(memory.map((m) => m.hour.tickMsMedian)))} ms, max ${fmt(median(memory.map((m) => m.hour.tickMsMax)))} ms`,
      result: spread(growth, ' MB'),
      target: '≤ 20 MB',
      met: median(growth) <= 20,
    },
    {
      what: 'Start-up: process start to /healthz 200, local mode',
      how: '`node --import tsx src/cli.ts serve` (what npm start runs, minus npm), existing database, no settings (Teams trial door included), polled every 5 ms',
      result: `${spread(local, ' ms')}; RSS at ready ${fmt(median(startup.local!.map((r) => r.rssMb)))} MB`,
      target: '≤ 1 s',
      met: median(local) <= 1000,
    },
    {
      what: 'Start-up: process start to /healthz 200, Slack mode',
      how: 'same, NODE_ENV=production with a bot token (one auth.test to the fake Slack before listening)',
      result: `${spread(slack, ' ms')}; RSS at ready ${fmt(median(startup.slack!.map((r) => r.rssMb)))} MB`,
      baseline: `local mode ${fmt(median(local))} ms`,
      ratio: ratio(median(slack), median(local)),
      target: '≤ 1 s',
      met: median(slack) <= 1000,
    },
  ];
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '3' }, starts: { type: 'string', default: '7' }, leaders: { type: 'string', default: '10000' } },
  });
  memoryBench(Number(values.runs), Number(values.starts), Number(values.leaders)).then(
    (rows) => emit('memory', rows),
    (error: unknown) => {
      log(`memory failed: ${error instanceof Error ? error.stack : String(error)}`);
      process.exitCode = 1;
    },
  );
}
