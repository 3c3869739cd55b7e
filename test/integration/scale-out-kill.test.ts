// Issue 15's proof: three real instance processes on one PostgreSQL database send a 10,000-leader
// fan-out (floor-walk prompts of four Slack workspaces due in the same minute) to the fake Slack
// Web API while one of them is killed with SIGKILL twice mid-send and restarted. On the fake's
// side every prompt arrives exactly once, and the rows the killed process had claimed are taken
// over by the survivors within the lease time (before the restart, so not by the restart's own
// recovery). Time is the injected clock (real time moved to the due minute); the only waits are
// for the processes' own progress.
// Runs against the real server; skipped on PGlite (one in-process connection cannot host three
// processes). CI sets CLAUSE5_TEST_PG=require, so a missing server fails there instead.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAST_PASS_KEY } from '../../src/scheduler/pass';
import { openPgDatabase, type OpenPgDatabase } from '../../src/store/pg/db';
import { PG_ADMIN_URL, POSTGRES } from '../support/engines';
import { FakeSlack } from '../support/fake-slack';
import { type InstanceProcess, killInstance, scratchDatabase, startInstance, stopInstance } from '../support/instance-process';
import type { InstanceOptions } from '../support/instance-process';
import { FRIDAY_DUE, seedSlackLeaders, type SeededWorkspace } from '../support/pg-leaders';

const LEADERS = 10_000;
const WORKSPACES = 4;
const LEASE_MS = 8_000;
const SECRET_KEY = randomBytes(32).toString('hex');
/** After the lease runs out: the survivors' wake-up loop re-arms within 250 ms; the rest is claim latency under load. */
const TAKEOVER_SLACK_MS = 2_000;

const onServer = POSTGRES === 'postgres' ? describe : describe.skip;

let scratch: Awaited<ReturnType<typeof scratchDatabase>> | undefined;
let database: OpenPgDatabase | undefined;
let fake: FakeSlack | undefined;
const instances: InstanceProcess[] = [];

afterAll(async () => {
  await Promise.all(instances.map((i) => killInstance(i)));
  await fake?.stop();
  await database?.close();
  await scratch?.drop();
}, 60_000);

async function until(what: string, condition: () => Promise<boolean> | boolean, timeoutMs: number): Promise<number> {
  const start = performance.now();
  let shown = 0;
  while (!(await condition())) {
    if (process.env.SCALEOUT_DEBUG && performance.now() - shown > 1_000) {
      shown = performance.now();
      const rows = await database!.query(`SELECT status, lease_owner, count(*) AS n FROM deliveries GROUP BY 1, 2`);
      console.error(
        what,
        Math.round(shown - start),
        fake!.messages.length,
        JSON.stringify(rows),
        instances.map((i) => i.stderr().slice(-300)),
      );
    }
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return performance.now() - start;
}

/** Delivery keys of the prompts the fake accepted, from the metadata each message carries. */
function deliveredKeys(slack: FakeSlack): string[] {
  return slack.messages.map((m) => String(m.metadata?.event_payload.key ?? ''));
}

onServer('three instances on one PostgreSQL database, one killed twice mid-send', () => {
  let workspaces: SeededWorkspace[];
  let options: InstanceOptions;

  beforeAll(async () => {
    scratch = await scratchDatabase(PG_ADMIN_URL, 'clause5_scaleout');
    database = await openPgDatabase(scratch.url, { poolSize: 2 });
    workspaces = await seedSlackLeaders(database, { total: LEADERS, workspaces: WORKSPACES, now: FRIDAY_DUE - 86_400_000, secretKey: SECRET_KEY });
    await database.query(`INSERT INTO scheduler_state (key, value) VALUES ($1, $2)`, [LAST_PASS_KEY, String(FRIDAY_DUE - 60_000)]);
    fake = await new FakeSlack().start();
    for (const ws of workspaces) fake.addWorkspace(ws.fake);
    options = {
      url: scratch.url,
      slackApiUrl: fake.url,
      // The instances' clock: a second after the prompts fell due, running at real speed.
      clockOffsetMs: FRIDAY_DUE + 1_000 - Date.now(),
      leaseMs: LEASE_MS,
      concurrency: 8,
      poolSize: 4,
      secretKey: SECRET_KEY,
      // Pacing is per workspace; this fan-out is about delivery, not about Slack's rate (the benchmarks are).
      pacer: { workspacePerMinute: 1_000_000, perChannelMs: 0 },
    };
  }, 60_000);

  /** Kills `victim` once the fake holds `atLeast` prompts; returns the takeover time and the rows it held. */
  async function killMidSend(victim: number, atLeast: number): Promise<{ held: number[]; takeoverMs: number }> {
    await until(`${atLeast} prompts at the fake`, () => fake!.messages.length >= atLeast, 120_000);
    const killed = instances[victim]!;
    // Mid-send: wait until the victim (perhaps just restarted) holds claimed rows, then kill it.
    const sending = `SELECT id FROM deliveries WHERE status = 'sending' AND lease_owner = $1`;
    await until('the victim to be sending', async () => (await database!.query(sending, [killed.owner])).length > 0, 60_000);
    await killInstance(killed);
    const killedAt = performance.now();
    const rows = await database!.query<{ id: number }>(sending, [killed.owner]);
    const held = rows.map((r) => r.id);
    await until(
      'the survivors to take over the killed instance’s rows',
      async () => (await database!.query(`SELECT 1 FROM deliveries WHERE lease_owner = $1 LIMIT 1`, [killed.owner])).length === 0,
      LEASE_MS + 10_000,
    );
    const takeoverMs = performance.now() - killedAt;
    instances[victim] = await startInstance(options);
    return { held, takeoverMs };
  }

  it('delivers every prompt exactly once; the survivors take over the killed one’s rows within the lease', async () => {
    // The first one's catch-up pass enqueues the fan-out (the pass lease keeps the others out of
    // it); the others start once it is queued (their own start-up drains what is ready).
    instances.push(await startInstance(options));
    await instances[0]!.started;
    instances.push(...(await Promise.all([startInstance(options), startInstance(options)])));

    const first = await killMidSend(1, LEADERS * 0.15);
    const second = await killMidSend(1, LEADERS * 0.55);

    await until(
      'every prompt sent',
      async () => {
        const [row] = await database!.query<{ n: number }>(`SELECT count(*) AS n FROM deliveries WHERE status IN ('pending', 'sending')`);
        return row!.n === 0;
      },
      150_000,
    );
    await Promise.all(instances.map((i) => stopInstance(i)));
    for (const i of instances) expect(await i.exited, i.stderr()).toMatchObject({ code: 0 });

    // Killed mid-send: it held claimed rows each time, and they changed hands within the lease.
    for (const kill of [first, second]) {
      expect(kill.held.length).toBeGreaterThan(0);
      expect(kill.takeoverMs).toBeLessThanOrEqual(LEASE_MS + TAKEOVER_SLACK_MS);
    }
    const takenOver = await database!.query<{ status: string; interruptions: number }>(
      `SELECT status, interruptions FROM deliveries WHERE id = ANY($1::int[])`,
      [[...first.held, ...second.held]],
    );
    expect(takenOver.every((r) => r.status === 'sent' && r.interruptions === 1)).toBe(true);

    // The fake's side: each of the 10,000 prompts once, none lost, none twice.
    const expected = workspaces.flatMap((ws) => ws.personIds.map((id) => `floorwalk_prompt:${id}:2026-W48`));
    const delivered = deliveredKeys(fake!);
    expect(delivered.length).toBe(LEADERS);
    expect(new Set(delivered)).toEqual(new Set(expected));
    expect(fake!.callsTo('chat.postMessage', undefined, 'ok')).toHaveLength(LEADERS);
    const [counts] = await database!.query<{ sent: number; other: number }>(
      `SELECT count(*) FILTER (WHERE status = 'sent') AS sent, count(*) FILTER (WHERE status <> 'sent') AS other FROM deliveries`,
    );
    expect(counts).toEqual({ sent: LEADERS, other: 0 });
  }, 240_000);
});
