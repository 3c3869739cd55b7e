// Benchmark 4, memory and start-up.
//  - Memory: memory-child.ts (own process, --expose-gc) runs the real runtime with N leaders
//    scheduled (default 10,000): RSS idle, peak during a fan-out of all N prompts to the fake Slack,
//    and heap growth over an hour of once-a-minute ticks on a MovableClock.
//  - Start-up: `node --import tsx src/cli.ts serve` (what `npm start` runs, without npm) started
//    again and again on an existing database; the time from spawn to the first 200 from /healthz,
//    in local mode and in Slack mode (which also checks its token with auth.test at the fake).
// Run: node --import tsx scripts/bench/memory.ts [--runs 3] [--starts 7] [--leaders 10000]
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FAKE_PREFIX } from './fake-server';
import { MEMORY_PREFIX, type MemoryReport } from './memory-child';
import { freePort, ROOT, runForResult, sleep, spawnTs, type Child } from './procs';
import { emit, fmt, isMain, log, median, ratio, spread, type BenchRow } from './report';

interface StartRun {
  readyMs: number;
  rssMb: number;
}

async function startOnce(env: Record<string, string>, logFile: string, bundle?: string): Promise<StartRun> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawnTs(bundle ?? 'src/cli.ts', ['serve'], { stdoutFile: logFile, env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, ...(bundle ? { tsx: false } : {}) });
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

/**
 * The same program bundled ahead of time with esbuild (tsx's own compiler, a dependency of tsx),
 * our TypeScript only (packages stay in node_modules), laid out so that its relative paths (the
 * migrations folder) still resolve. Undefined when esbuild cannot be loaded.
 */
async function bundleCli(dir: string): Promise<string | undefined> {
  try {
    const { build } = (await import('esbuild' as string)) as { build: (options: Record<string, unknown>) => Promise<unknown> };
    const outfile = join(dir, 'bundle', 'a', 'b', 'c', 'cli.mjs');
    await build({ entryPoints: [join(ROOT, 'src/cli.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'error' });
    symlinkSync(join(ROOT, 'db'), join(dir, 'bundle', 'db'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'bundle', 'node_modules'));
    return outfile;
  } catch (error) {
    log(`no bundled start-up figure: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
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
    const tuned: MemoryReport[] = [];
    const empty: MemoryReport[] = [];
    for (let i = 0; i < runs; i++) {
      for (const [list, flags, env] of [
        [memory, [], {}],
        // Baseline: the same process with nobody scheduled.
        [empty, [], { LEADERS: '0' }],
        // The same with a smaller young generation and fewer malloc arenas (settings a deployment can make).
        [tuned, ['--max-semi-space-size=2'], { MALLOC_ARENA_MAX: '2' }],
      ] as const) {
        const report = await runForResult<MemoryReport>('scripts/bench/memory-child.ts', [], MEMORY_PREFIX, {
          nodeArgs: ['--expose-gc', ...flags],
          env: { FAKE_URL: url, LEADERS: String(leaders), ...env },
        });
        log(`memory run ${i + 1}${flags.length ? ' (tuned)' : list === empty ? ' (no leaders)' : ''}:`, report);
        list.push(report);
      }
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
    const startup: Record<string, StartRun[]> = { local: [], slack: [], bundled: [] };
    const bundle = await bundleCli(dir);
    for (const [mode, env] of Object.entries(modes)) await startOnce(env, join(dir, `${mode}.log`)); // creates and migrates the database
    for (let i = 0; i < starts; i++) {
      for (const [mode, env] of Object.entries(modes)) startup[mode]!.push(await startOnce(env, join(dir, `${mode}.log`)));
      if (bundle) startup.bundled!.push(await startOnce(modes.local, join(dir, 'bundled.log'), bundle));
    }
    log('start-up (ms):', Object.fromEntries(Object.entries(startup).map(([k, v]) => [k, v.map((r) => Math.round(r.readyMs))])));
    return rows(memory, tuned, empty, startup, leaders);
  } finally {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function rows(memory: MemoryReport[], tuned: MemoryReport[], empty: MemoryReport[], startup: Record<string, StartRun[]>, leaders: number): BenchRow[] {
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
      baseline: `same process, no leaders: ${fmt(median(empty.map((m) => m.idle.rssMb)))} MB (of which V8 heap used ${fmt(median(empty.map((m) => m.idle.heapMb)))} MB)`,
      ratio: ratio(median(idleRss), median(empty.map((m) => m.idle.rssMb))),
      target: '≤ 150 MB',
      met: median(idleRss) <= 150 && median(peak) <= 150,
    },
    {
      what: `Memory: RSS with ${n} leaders scheduled, runtime flags set`,
      how: 'same, with node --max-semi-space-size=2 and MALLOC_ARENA_MAX=2 (settings a deployment can make)',
      result: `idle ${spread(tuned.map((m) => m.idle.rssMb), ' MB')}; fan-out peak ${spread(tuned.map((m) => m.fanoutPeakRssMb), ' MB')}`,
      baseline: `without: idle ${fmt(median(idleRss))} MB`,
      ratio: ratio(median(tuned.map((m) => m.idle.rssMb)), median(idleRss)),
      target: '≤ 150 MB',
      met: median(tuned.map((m) => m.idle.rssMb)) <= 150 && median(tuned.map((m) => m.fanoutPeakRssMb)) <= 150,
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
    ...(startup.bundled!.length
      ? [
          {
            what: 'Start-up, local mode, TypeScript bundled ahead of time (for comparison)',
            how: 'src/cli.ts bundled with esbuild (our code only; packages from node_modules), run with plain node, same database and settings',
            result: `${spread(startup.bundled!.map((r) => r.readyMs), ' ms')}; RSS at ready ${fmt(median(startup.bundled!.map((r) => r.rssMb)))} MB`,
            baseline: `with tsx ${fmt(median(local))} ms`,
            ratio: ratio(median(startup.bundled!.map((r) => r.readyMs)), median(local)),
            target: '≤ 1 s',
            met: median(startup.bundled!.map((r) => r.readyMs)) <= 1000,
          },
        ]
      : []),
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
