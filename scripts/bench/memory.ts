// Benchmark 4, memory and start-up.
//  - Memory: memory-child.ts (own process, --expose-gc) runs the real runtime with N leaders
//    scheduled (default 10,000): RSS idle, peak during a fan-out of all N prompts to the fake Slack,
//    and heap growth over an hour of once-a-minute ticks on a MovableClock. Once as built for
//    production (bundled like `npm run build`, plain node) and once with tsx (as `npm start`).
//  - Start-up: `node dist/cli.mjs serve` (the production build) and `node --import tsx src/cli.ts
//    serve` (what `npm start` runs, without npm) started again and again on an existing database;
//    the time from spawn to the first 200 from /healthz, in local mode and in Slack mode (which also
//    checks its token with auth.test at the fake).
// Run: node --import tsx scripts/bench/memory.ts [--runs 3] [--starts 7] [--leaders 10000]
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundle } from '../build';
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
  const child = spawnTs(bundle ?? 'src/cli.ts', ['serve'], {
    stdoutFile: logFile,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    ...(bundle ? { tsx: false } : {}),
  });
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

/** Where the bench builds: inside the project, so the bundles find node_modules and db/migrations. */
const BUILD_DIR = join(ROOT, 'node_modules', '.cache', 'clause5-bench-build');

/**
 * The production build (`npm run build`: dist/cli.mjs) and the memory child bundled the same way
 * (our TypeScript bundled, packages from node_modules), both run with plain node.
 */
async function buildAll(): Promise<{ cli: string; memoryChild: string }> {
  const { cli } = await buildBundle(BUILD_DIR);
  const memoryChild = join(BUILD_DIR, 'memory-child.mjs');
  await build({
    entryPoints: [join(ROOT, 'scripts/bench/memory-child.ts')],
    outfile: memoryChild,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
  return { cli, memoryChild };
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
    const built = await buildAll();
    // tsx: what `npm start` runs; built: what production runs (`npm run build`, node dist/cli.mjs).
    const runsOf = {
      tsx: [] as MemoryReport[],
      tsxEmpty: [] as MemoryReport[],
      built: [] as MemoryReport[],
      builtEmpty: [] as MemoryReport[],
      tuned: [] as MemoryReport[],
    };
    const variants: Array<[keyof typeof runsOf, boolean, string[], Record<string, string>]> = [
      ['built', true, [], {}],
      // Baselines: the same process with nobody scheduled.
      ['builtEmpty', true, [], { LEADERS: '0' }],
      ['tsx', false, [], {}],
      ['tsxEmpty', false, [], { LEADERS: '0' }],
      // The build with a smaller young generation and fewer malloc arenas (settings a deployment can make).
      ['tuned', true, ['--max-semi-space-size=2'], { MALLOC_ARENA_MAX: '2' }],
    ];
    for (let i = 0; i < runs; i++) {
      for (const [name, isBuilt, flags, env] of variants) {
        const report = await runForResult<MemoryReport>(isBuilt ? built.memoryChild : 'scripts/bench/memory-child.ts', [], MEMORY_PREFIX, {
          nodeArgs: ['--expose-gc', ...flags],
          env: { FAKE_URL: url, LEADERS: String(leaders), ...env },
          ...(isBuilt ? { tsx: false } : {}),
        });
        log(`memory run ${i + 1} (${name}):`, report);
        runsOf[name].push(report);
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
    const bundle = built.cli;
    for (const [mode, env] of Object.entries(modes)) await startOnce(env, join(dir, `${mode}.log`)); // creates and migrates the database
    for (let i = 0; i < starts; i++) {
      for (const [mode, env] of Object.entries(modes)) startup[mode]!.push(await startOnce(env, join(dir, `${mode}.log`)));
      startup.bundled!.push(await startOnce(modes.local, join(dir, 'bundled.log'), bundle));
    }
    log('start-up (ms):', Object.fromEntries(Object.entries(startup).map(([k, v]) => [k, v.map((r) => Math.round(r.readyMs))])));
    return rows(runsOf, startup, leaders);
  } finally {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

type Runs = Record<'tsx' | 'tsxEmpty' | 'built' | 'builtEmpty' | 'tuned', MemoryReport[]>;

const idleOf = (list: MemoryReport[]) => median(list.map((m) => m.idle.rssMb));

const peakOf = (list: MemoryReport[]) => median(list.map((m) => m.fanoutPeakRssMb));

/** The headline is the peak (what the process needs to be given); idle between passes beside it. */
function memoryRow(what: string, how: string, list: MemoryReport[], empty: MemoryReport[]): BenchRow {
  return {
    what,
    how,
    result: `fan-out peak ${spread(
      list.map((m) => m.fanoutPeakRssMb),
      ' MB',
    )}; idle ${spread(
      list.map((m) => m.idle.rssMb),
      ' MB',
    )}`,
    baseline: `same process, no leaders: ${fmt(idleOf(empty))} MB idle (of which V8 heap used ${fmt(median(empty.map((m) => m.idle.heapMb)))} MB)`,
    ratio: `peak ${ratio(peakOf(list), idleOf(empty))}, idle ${ratio(idleOf(list), idleOf(empty))}`,
    target: '≤ 150 MB with the leaders scheduled, at the fan-out peak (idle shown beside)',
    met: peakOf(list) <= 150,
  };
}

function rows(runs: Runs, startup: Record<string, StartRun[]>, leaders: number): BenchRow[] {
  const n = leaders.toLocaleString('en');
  const how = (run: string) =>
    `${run}: the runtime (Slack platform, scheduler) on a temp SQLite file with ${n} leaders, after 29 idle passes; peak while all ${n} prompts are sent to the fake Slack at once`;
  const growth = runs.built.map((m) => m.hour.growthMb);
  const local = startup.local!.map((r) => r.readyMs);
  const slack = startup.slack!.map((r) => r.readyMs);
  const bundled = startup.bundled!.map((r) => r.readyMs);
  return [
    memoryRow(`Memory: RSS with ${n} leaders scheduled, production build`, how('`npm run build`, plain node'), runs.built, runs.builtEmpty),
    memoryRow(`Memory: RSS with ${n} leaders scheduled, run with tsx`, how('tsx, as `npm start` runs it'), runs.tsx, runs.tsxEmpty),
    {
      what: `Memory: RSS with ${n} leaders scheduled, production build, runtime flags set`,
      how: 'the build with node --max-semi-space-size=2 and MALLOC_ARENA_MAX=2 (settings a deployment can make)',
      result: `fan-out peak ${spread(
        runs.tuned.map((m) => m.fanoutPeakRssMb),
        ' MB',
      )}; idle ${spread(
        runs.tuned.map((m) => m.idle.rssMb),
        ' MB',
      )}`,
      baseline: `without: peak ${fmt(peakOf(runs.built))} MB, idle ${fmt(idleOf(runs.built))} MB`,
      ratio: `peak ${ratio(peakOf(runs.tuned), peakOf(runs.built))}, idle ${ratio(idleOf(runs.tuned), idleOf(runs.built))}`,
      target: '≤ 150 MB at the fan-out peak',
      met: peakOf(runs.tuned) <= 150,
    },
    {
      what: 'Memory: heap growth over an idle hour of ticks',
      how: `production build; 60 scheduler.tick calls one simulated minute apart (MovableClock) after the fan-out; heapUsed after a full GC, before vs after; tick median ${fmt(median(runs.built.map((m) => m.hour.tickMsMedian)))} ms, max ${fmt(median(runs.built.map((m) => m.hour.tickMsMax)))} ms (with tsx ${fmt(median(runs.tsx.map((m) => m.hour.tickMsMedian)))} ms)`,
      result: spread(growth, ' MB'),
      target: '≤ 20 MB',
      met: median(growth) <= 20,
    },
    {
      what: 'Start-up: process start to /healthz 200, local mode, production build',
      how: '`node dist/cli.mjs serve` (`npm run build`), existing database, no settings (Teams trial door included), polled every 5 ms',
      result: `${spread(bundled, ' ms')}; RSS at ready ${fmt(median(startup.bundled!.map((r) => r.rssMb)))} MB`,
      baseline: `with tsx ${fmt(median(local))} ms`,
      ratio: ratio(median(bundled), median(local)),
      target: '≤ 1 s',
      met: median(bundled) <= 1000,
    },
    {
      what: 'Start-up: process start to /healthz 200, local mode, tsx',
      how: '`node --import tsx src/cli.ts serve` (what npm start runs, minus npm), same database and settings',
      result: `${spread(local, ' ms')}; RSS at ready ${fmt(median(startup.local!.map((r) => r.rssMb)))} MB`,
      target: '≤ 1 s',
      met: median(local) <= 1000,
    },
    {
      what: 'Start-up: process start to /healthz 200, Slack mode, tsx',
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
