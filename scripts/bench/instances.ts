// Benchmark: delivery rate with 1 and with 3 Clause5 instances on one PostgreSQL database (issue 15).
// Each instance is a real `clause5 serve` process (test/support/serve-process.ts) in Slack OAuth
// mode, with its default pacing, which every instance shares through the database. They send a
// queued fan-out of floor-walk prompts over many workspaces (each workspace's 100 a minute is far
// above what the run sends to it, so pacing never holds a message back) to a fake Slack Web API in
// another process that answers every call after 50 ms and has no rate limit: I/O-bound, as real
// Slack is (this machine has 2 cores, so a CPU-bound comparison could not show scale-out). The
// fan-out is queued before the serves start, due a few seconds after they are all up; the rate is
// its size over the time from that instant until the database holds every row as sent. Each
// serve's share comes from a trigger the bench adds to its scratch database (who held each row
// when it was marked sent); the fake checks each prompt was posted once.
// CPU per message (of the serves, of their PostgreSQL backends, of the fake) is counted from /proc
// over the same span: a figure that does not depend on how busy the machine is.
// Run: node --import tsx scripts/bench/instances.ts [--leaders 3000] [--workspaces 60] [--delay 50] [--runs 1]
//   [--profile DIR] (each serve writes a V8 CPU profile there when it stops)
//   [--count-statements DIR] (logs the serves' node-postgres statements a prompt, by text)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isoWeekKey, localParts } from '../../src/core/time';
import { LAST_PASS_KEY } from '../../src/scheduler/pass';
import { openPgDatabase } from '../../src/store/pg/db';
import { createPgPortedStore } from '../../src/store/pg/index';
import type { FakeWorkspace } from '../../test/support/fake-slack';
import { scratchDatabase } from '../../test/support/pg-databases';
import { seedSlackLeaders, weekQuestions } from '../../test/support/pg-leaders';
import { type ServeProcess, startServeProcess } from '../../test/support/serve-process';
import { BENCH_APPLICATION, CpuTally } from './cpu-tally';
import { FAKE_PREFIX, type FakeServerOptions, fakeStats } from './fake-server';
import { spawnTs, sleep } from './procs';
import { emit, fmt, isMain, log, median, spread, type BenchRow } from './report';

/** The product's default sends in flight per instance (CLAUSE5_SEND_CONCURRENCY). */
const CONCURRENCY = 4;
const ZONE = 'America/Chicago';
/** The fan-out falls due this long after the serves are started: they must all be up by then. */
const START_MARGIN_MS = 30_000;
const COUNT_STATEMENTS = fileURLToPath(new URL('./count-statements.mjs', import.meta.url));

export interface InstancesSettings {
  leaders: number;
  workspaces: number;
  delayMs: number;
  /** Write each serve's CPU profile into this folder (node --cpu-prof). */
  profileDir?: string;
  /** Count each serve's statements into this folder (count-statements.mjs) and report them a prompt. */
  countDir?: string;
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
  /** CPU ms per message: the serves together, their PostgreSQL backends, the fake Slack. */
  cpu: { serves: number; postgres: number; fake: number };
}

/** Records which serve held each delivery when it was marked sent (bench instrumentation, not the product's). */
const SENT_BY = `
  CREATE TABLE bench_sent_by (owner text NOT NULL);
  CREATE FUNCTION bench_sent_by() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO bench_sent_by VALUES (OLD.lease_owner); RETURN NEW; END $$;
  CREATE TRIGGER bench_sent_by AFTER UPDATE ON deliveries FOR EACH ROW
    WHEN (NEW.status = 'sent' AND OLD.status <> 'sent') EXECUTE FUNCTION bench_sent_by();`;

async function runOnce(instances: number, settings: InstancesSettings): Promise<InstancesRun> {
  const load = loadavg()[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'clause5-instances-'));
  const scratch = await scratchDatabase('clause5_bench_instances');
  const database = await openPgDatabase(withApplication(scratch.url), { poolSize: 2 });
  const secretKey = randomBytes(32);
  const running: ServeProcess[] = [];
  try {
    const now = Date.now();
    const seeded = await seedSlackLeaders(database, {
      total: settings.leaders,
      workspaces: settings.workspaces,
      now: now - 86_400_000,
      secretKey: secretKey.toString('hex'),
      zone: ZONE,
    });
    await database.query(SENT_BY);
    const due = now + START_MARGIN_MS;
    const weekKey = isoWeekKey(localParts(due, ZONE).date);
    const store = createPgPortedStore(database, () => now);
    await store.deliveries.enqueue(weekQuestions(seeded, weekKey, () => due));
    // The serves' catch-up pass then has nothing to do: the fan-out is the only work.
    await store.setState(LAST_PASS_KEY, String(due + 60_000));

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
      const env = { ...serveEnv(scratch.url, url, secretKey.toString('base64'), dir), CLAUSE5_COUNT_STATEMENTS: settings.countDir };
      const nodeArgs = [
        ...(settings.profileDir ? ['--cpu-prof', '--cpu-prof-dir', settings.profileDir] : []),
        ...(settings.countDir ? ['--import', COUNT_STATEMENTS] : []),
      ];
      running.push(...(await Promise.all(Array.from({ length: instances }, () => startServeProcess(dir, env, nodeArgs)))));
      if (Date.now() > due) throw new Error(`the serves took longer than ${START_MARGIN_MS} ms to start`);
      const tally = new CpuTally(database.query, [server.proc.pid!, ...running.map((s) => s.child.pid!)]);
      await sleep(Math.max(0, due - Date.now() - 200));
      await tally.start();
      const limitMs = Math.max(120_000, (settings.leaders / 10) * 1000);
      for (;;) {
        const [row] = await database.query<{ n: number }>(`SELECT count(*) AS n FROM deliveries WHERE status = 'sent'`);
        if (row!.n >= settings.leaders) break;
        if (Date.now() - due > limitMs) throw new Error(`only ${row!.n} of ${settings.leaders} sent after ${limitMs} ms`);
        await sleep(50);
      }
      const ms = Date.now() - due;
      const cpu = await tally.stop();
      await Promise.all(running.map(stop));
      if (settings.countDir) logStatements(settings.countDir, running, settings.leaders);
      const stats = await fakeStats(controlUrl);
      const posted = Object.values(stats.keys ?? {});
      const byServe = await database.query<{ pid: string; n: number }>(`SELECT split_part(owner, ':', 2) AS pid, count(*) AS n FROM bench_sent_by GROUP BY 1`);
      const sent = running.map((s) => byServe.find((row) => row.pid === String(s.child.pid))?.n ?? 0);
      const total = sent.reduce((a, b) => a + b, 0);
      return {
        instances,
        rate: settings.leaders / (ms / 1000),
        ms,
        shares: sent.map((n) => n / Math.max(1, total)),
        lost: settings.leaders - posted.length,
        duplicates: posted.reduce((sum, n) => sum + n - 1, 0),
        load,
        cpu: {
          serves: cpu.processes.slice(1).reduce((a, b) => a + b, 0) / settings.leaders,
          postgres: cpu.backends / settings.leaders,
          fake: cpu.processes[0]! / settings.leaders,
        },
      };
    } finally {
      await server.stop();
    }
  } finally {
    await Promise.all(running.map((s) => stop(s).catch(() => undefined)));
    await database.close();
    await scratch.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A serve's settings: PostgreSQL, Slack OAuth mode against the fake, the product's default pacing and concurrency. */
function serveEnv(databaseUrl: string, slackApiUrl: string, secretKey: string, dir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CLAUSE5_DATABASE_URL: databaseUrl,
    CLAUSE5_DB: join(dir, 'unused.db'),
    CLAUSE5_DB_POOL_SIZE: '8',
    CLAUSE5_SEND_CONCURRENCY: String(CONCURRENCY),
    CLAUSE5_SECRET_KEY: secretKey,
    CLAUSE5_WEB: 'off',
    SLACK_CLIENT_ID: 'bench.client',
    SLACK_CLIENT_SECRET: 'bench-client-secret',
    SLACK_STATE_SECRET: 'bench-state-secret',
    SLACK_SIGNING_SECRET: 'bench-signing-secret',
    SLACK_API_URL: slackApiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
}

/**
 * The serves' statements over their whole lives (start-up and passes included: a few dozen) ÷ prompts,
 * and each text sent at least once every 20 prompts.
 */
function logStatements(countDir: string, serves: ServeProcess[], prompts: number): void {
  const byText = new Map<string, number>();
  for (const serve of serves) {
    const counts = JSON.parse(readFileSync(join(countDir, `${serve.child.pid}.json`), 'utf8')) as Record<string, number>;
    for (const [text, n] of Object.entries(counts)) byText.set(text, (byText.get(text) ?? 0) + n);
  }
  const total = [...byText.values()].reduce((a, b) => a + b, 0);
  log(`statements a prompt (${serves.length} serves): ${fmt(total / prompts, 3)}`);
  for (const [text, n] of [...byText].sort((a, b) => b[1] - a[1])) {
    if (n >= prompts / 20) log(`  ${fmt(n / prompts, 3)}  ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
  }
}

function withApplication(url: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', BENCH_APPLICATION);
  return u.toString();
}

async function stop(serve: ServeProcess): Promise<void> {
  if (serve.child.exitCode !== null) return;
  serve.child.kill('SIGTERM');
  await serve.exited;
}

function withoutUsers(ws: FakeWorkspace): Omit<FakeWorkspace, 'users'> {
  const { users: _users, ...rest } = ws;
  return rest;
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

function cpuPerMessage(runs: InstancesRun[]): string {
  const of = (part: keyof InstancesRun['cpu']) => `${fmt(median(runs.map((r) => r.cpu[part])))} ms`;
  return `serves ${of('serves')}, PostgreSQL ${of('postgres')}, fake ${of('fake')}`;
}

export async function instancesBench(settings: InstancesSettings, runs: number, counts = [1, 3]): Promise<BenchRow[]> {
  const results = new Map<number, InstancesRun[]>();
  // Alternate 1 and 3 so that a change in the machine's load lands on both.
  for (let r = 0; r < runs; r++) {
    for (const n of counts) {
      const run = await runOnce(n, settings);
      log(
        `instances ${n} run ${r + 1}: ${fmt(run.rate)} msg/s (${fmt(run.ms)} ms), shares ${run.shares.map(pct).join(' / ')}, lost ${run.lost}, duplicates ${run.duplicates}, load average ${fmt(run.load)}; CPU a message: serves ${fmt(run.cpu.serves)} ms, PostgreSQL ${fmt(run.cpu.postgres)} ms, fake ${fmt(run.cpu.fake)} ms`,
      );
      results.set(n, [...(results.get(n) ?? []), run]);
    }
  }
  const one = results.get(1);
  const three = results.get(3);
  if (!one || !three) return [];
  const ratio = median(three.map((r) => r.rate)) / median(one.map((r) => r.rate));
  const clean = [...one, ...three].every((r) => r.lost === 0 && r.duplicates === 0);
  const howBase = `${settings.leaders.toLocaleString('en')} floor-walk prompts queued over ${settings.workspaces} Slack workspaces; each instance a real \`clause5 serve\` process (Slack OAuth mode, ${CONCURRENCY} sends in flight, the default pacing of 100 messages a minute per workspace shared through the database) on one PostgreSQL database; fake Slack Web API (own process) answering every call after ${settings.delayMs} ms, no rate limit; rate = prompts ÷ time from the instant they fall due until all are recorded sent`;
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
      how: 'which serve held each delivery when it was recorded sent (a trigger in the bench database); an equal share is 33%',
      result: three.map((r) => r.shares.map(pct).join(' / ')).join('; '),
      target: 'each ≥ 25%',
      met: minShare >= 0.25,
    },
    {
      what: 'Scale-out on PostgreSQL: CPU a message (1 instance; 3 instances)',
      how: 'CPU time (/proc) from the instant the prompts fall due until all are recorded sent ÷ prompts: the serves together, their PostgreSQL backends, the fake Slack',
      result: [one, three].map(cpuPerMessage).join('; '),
    },
  ];
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '1' },
      leaders: { type: 'string', default: '3000' },
      workspaces: { type: 'string', default: '60' },
      delay: { type: 'string', default: '50' },
      profile: { type: 'string' },
      // a folder: count each serve's statements (count-statements.mjs) and log them a prompt
      'count-statements': { type: 'string' },
      // e.g. --instances 3 for a profile of the three-serve run only
      instances: { type: 'string', default: '1,3' },
    },
  });
  const settings: InstancesSettings = {
    leaders: Number(values.leaders),
    workspaces: Number(values.workspaces),
    delayMs: Number(values.delay),
    ...(values.profile ? { profileDir: values.profile } : {}),
    ...(values['count-statements'] ? { countDir: values['count-statements'] } : {}),
  };
  instancesBench(settings, Number(values.runs), values.instances.split(',').map(Number)).then(
    (rows) => emit('instances', rows),
    (error: unknown) => {
      log(`instances failed: ${error instanceof Error ? error.stack : String(error)}`);
      process.exitCode = 1;
    },
  );
}
