// `npm run bench -- reliability`: the long versions of the reliability suite (test/reliability)
// and the rows of its section in docs/benchmarks.md.
//   - kill: a 10k floor-walk fan-out through a real `clause5 serve`, SIGKILLed at 50 random moments
//     and restarted each time, once with every leader's DM channel known (a later week's fan-out) and
//     once with none known (the first fan-out) (--kill-leaders, --kills, --runs-kill, --kill-dm known|unknown|both)
//   - fuzz: 10,000 malformed requests, with the 128 MB heap cap the tests use and without one (--fuzz, --runs-fuzz)
//   - the rest (downtime, abuse, 429 storm, database trouble, tenancy, secrets): the suite's own
//     tests, run once, their FIGURE lines collected (--no-suite skips them)
// Options: --seed N (default: random, printed), --only kill|fuzz|suite.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FIGURE_PREFIX, type Figure } from '../../test/reliability/support/figure';
import { runFuzz, type FuzzResult } from '../../test/reliability/support/fuzz-run';
import { runKillTest, type KillResult } from '../../test/reliability/support/kill';
import { emit, fmt, isMain, log, median, spread, type BenchRow } from './report';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Options {
  seed: number;
  killLeaders: number;
  kills: number;
  killRuns: number;
  killDm: DmVariant | 'both';
  fuzz: number;
  fuzzRuns: number;
  only?: string;
  suite: boolean;
}

function options(argv: string[]): Options {
  const value = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const only = argv.indexOf('--only');
  return {
    seed: value('seed', Math.floor(Math.random() * 2 ** 31)),
    killLeaders: value('kill-leaders', 10_000),
    kills: value('kills', 50),
    killRuns: value('runs-kill', 1),
    killDm: killDmOf(argv),
    fuzz: value('fuzz', 10_000),
    fuzzRuns: value('runs-fuzz', 3),
    ...(only >= 0 ? { only: argv[only + 1] } : {}),
    suite: !argv.includes('--no-suite'),
  };
}

type DmVariant = 'known' | 'unknown';

/** What the leaders' DMs look like in a kill run: messaged before (DM channel known), or never. */
const DM_VARIANTS: Record<DmVariant, string> = {
  known: 'every leader messaged before (DM channel known): a weekly fan-out after the first',
  unknown: 'no leader messaged before (DM channel unknown): the first fan-out after install',
};

function killDmOf(argv: string[]): DmVariant | 'both' {
  const i = argv.indexOf('--kill-dm');
  const v = i >= 0 ? argv[i + 1] : 'both';
  if (v === 'known' || v === 'unknown' || v === 'both') return v;
  throw new Error(`--kill-dm ${v}: use known, unknown or both`);
}

async function killRuns(o: Options, variant: DmVariant): Promise<KillResult[]> {
  const runs: KillResult[] = [];
  for (let n = 0; n < o.killRuns; n++) {
    const seed = o.seed + n;
    log(`kill (${variant} DMs): ${o.killLeaders} prompts, ${o.kills} SIGKILLs, seed ${seed}`);
    const r = await runKillTest({
      workspaces: Math.ceil(o.killLeaders / 100),
      leadersPer: Math.min(100, o.killLeaders),
      kills: o.kills,
      seed,
      name: `bench-kill-${variant}-${n}`,
      timeoutMs: 3_600_000,
      ...(variant === 'known' ? { knownDm: () => true } : {}),
    });
    log(`kill (${variant} DMs): ${JSON.stringify({ ...r, kills: r.kills.length })}`);
    runs.push(r);
  }
  return runs;
}

function duplicatesRow(o: Options, variant: DmVariant, runs: KillResult[]): BenchRow {
  const dupPerKill = runs.map((r) => r.duplicates / r.kills.length);
  const midDelivery = runs.map((r) => r.kills.filter((k) => k.deliveredAtKill > 0 && k.deliveredAtKill < r.total).length);
  const sum = (f: (r: KillResult) => number) => runs.reduce((s, r) => s + f(r), 0);
  return {
    what: `Reliability — kill test: duplicates per kill, ${variant} DMs`,
    how: `${DM_VARIANTS[variant]}; ${median(midDelivery)} of ${o.kills} kills landed mid-delivery (the rest in start-up or the catch-up pass)`,
    result:
      `${runs.map((r) => r.duplicates).join(', ')} duplicates → ${spread(dupPerKill, ' per kill', 2)}; ` +
      `${sum((r) => r.interrupted)} deliveries taken over from a killed process, ${sum((r) => r.lookups)} looked up, ${sum((r) => r.resendsAvoided)} found sent and not sent again`,
    target: '≤ 1 per kill',
    met: dupPerKill.every((d) => d <= 1),
  };
}

async function kill(o: Options): Promise<BenchRow[]> {
  const variants: DmVariant[] = o.killDm === 'both' ? ['known', 'unknown'] : [o.killDm];
  const byVariant = new Map<DmVariant, KillResult[]>();
  for (const v of variants) byVariant.set(v, await killRuns(o, v));
  const runs = [...byVariant.values()].flat();
  const lost = runs.reduce((s, r) => s + r.lost, 0);
  const sent = runs.reduce((s, r) => s + (r.statuses.sent ?? 0), 0);
  const skipped = runs.reduce((s, r) => s + (r.statuses.skipped ?? 0), 0);
  return [
    {
      what: 'Reliability — kill test: prompts lost',
      how: `real serve, ${o.killLeaders} floor-walk prompts (${Math.ceil(o.killLeaders / 100)} workspaces, fake Slack), SIGKILL at ${o.kills} random moments + restart, ${o.killRuns} run(s) per DM variant (${variants.join(', ')}), seed ${o.seed}`,
      result: `${lost} lost; every prompt delivered; ${sent} sent + ${skipped} skipped as already asked; integrity_check ${[...new Set(runs.map((r) => r.integrity))].join('/')}`,
      target: '0 lost',
      met: lost === 0 && runs.every((r) => r.delivered === r.total),
    },
    ...variants.map((v) => duplicatesRow(o, v, byVariant.get(v)!)),
    {
      what: 'Reliability — kill test: time to deliver everything',
      how: `same runs, wall clock from the first start to the last prompt, ${o.kills + 1} process starts included`,
      result: spread(
        runs.map((r) => r.ms / 1000),
        ' s',
      ),
    },
  ];
}

async function fuzz(o: Options): Promise<BenchRow[]> {
  const capped: FuzzResult[] = [];
  const uncapped: FuzzResult[] = [];
  for (let n = 0; n < o.fuzzRuns; n++) {
    log(`fuzz: ${o.fuzz} requests, seed ${o.seed + n}`);
    capped.push(await runFuzz({ count: o.fuzz, seed: o.seed + n, name: `bench-fuzz-${n}` }));
    log(`fuzz: ${JSON.stringify({ ...capped[n], failures: capped[n]!.failures.slice(0, 3), errorLogs: capped[n]!.errorLogs.slice(0, 3) })}`);
  }
  // The same seeds without the cap, as many runs: the two drifts are read side by side.
  for (let n = 0; n < o.fuzzRuns; n++) uncapped.push(await runFuzz({ count: o.fuzz, seed: o.seed + n, name: `bench-fuzz-uncapped-${n}`, nodeArgs: [] }));
  const fivexx = capped.reduce((s, r) => s + r.failures.length, 0);
  const written = capped.reduce((s, r) => s + Object.keys(r.changedTables).length, 0);
  const calls = capped.reduce((s, r) => s + r.slackCalls + r.connectorCalls, 0);
  const crashes = capped.filter((r) => !r.alive || r.healthz !== 200).length;
  const byStatus: Record<string, number> = {};
  for (const r of capped) for (const [k, v] of Object.entries(r.byStatus)) byStatus[k] = (byStatus[k] ?? 0) + v;
  const drift = capped.map((r) => r.rssEndMb - r.rssWarmMb);
  const driftUncapped = uncapped.map((r) => r.rssEndMb - r.rssWarmMb);
  return [
    {
      what: 'Reliability — fuzz: crashes, 5xx, writes, outbound calls',
      how: `real serve (Slack + Teams development mode), ${o.fuzz} malformed/random requests to /slack/events and /api/messages, 16 at a time, ${o.fuzzRuns} runs (seeds ${o.seed}…)`,
      result: `${crashes} crashes, ${fivexx} 5xx or unanswered, ${written} tables changed, ${calls} calls to Slack/Teams; answers ${JSON.stringify(byStatus)}`,
      target: '0 / 0 / 0 / 0',
      met: crashes + fivexx + written + calls === 0,
    },
    {
      what: 'Reliability — fuzz: RSS drift',
      how: `RSS after the first fifth of the requests → the end, ${o.fuzzRuns} run(s) each with the same seeds: heap capped at 128 MB (--max-old-space-size=128, as the tests run and as production should) and uncapped (V8 sizes the heap from the machine's memory)`,
      result: `capped ${spread(drift, ' MB', 2)}; uncapped ${spread(driftUncapped, ' MB', 2)} (${uncapped.map((u) => `${fmt(u.rssWarmMb, 3)} → ${fmt(u.rssEndMb, 3)}`).join(', ')} MB)`,
      target: '< 20 MB',
      met: drift.every((d) => d < 20),
    },
    {
      what: 'Reliability — fuzz: throughput',
      how: 'same runs (time includes start-up)',
      result: spread(
        capped.map((r) => r.requests / (r.ms / 1000)),
        ' requests/s',
      ),
    },
  ];
}

/** Runs the suite's tests once and turns their FIGURE lines into rows. */
function suite(): Promise<BenchRow[]> {
  const files = ['downtime', 'abuse', 'storm', 'database', 'tenancy', 'secrets'].map((f) => `test/reliability/${f}.test.ts`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...files, '--no-file-parallelism'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => process.stderr.write(c));
    child.on('close', (code) => {
      const clean = out.replace(/\x1b\[[0-9;]*m/g, '');
      const figures = clean
        .split('\n')
        .filter((l) => l.startsWith(FIGURE_PREFIX))
        .map((l) => JSON.parse(l.slice(FIGURE_PREFIX.length)) as Figure);
      const passed = /Tests\s+(\d+) passed/.exec(clean)?.[1];
      const failed = /(\d+) failed/.exec(clean)?.[1];
      const rows: BenchRow[] = figures.map((f) => ({ what: `Reliability — ${f.name}`, how: 'test/reliability (as in npm test)', result: f.text }));
      rows.push({
        what: 'Reliability — suite tests',
        how: files.map((f) => f.replace('test/reliability/', '').replace('.test.ts', '')).join(', '),
        result: `${passed ?? 0} passed, ${failed ?? 0} failed`,
        target: 'all pass',
        met: code === 0,
      });
      resolve(rows);
    });
  });
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  log(`reliability bench, seed ${o.seed}`);
  const rows: BenchRow[] = [];
  if (!o.only || o.only === 'kill') rows.push(...(await kill(o)));
  if (!o.only || o.only === 'fuzz') rows.push(...(await fuzz(o)));
  if ((!o.only || o.only === 'suite') && o.suite) rows.push(...(await suite()));
  emit('reliability', rows, { seed: o.seed });
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
