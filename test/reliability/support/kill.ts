// The kill test, shared by `npm test` (small) and the bench (10k × 50): a real `clause5 serve`
// process delivers a floor-walk fan-out to the fake Slack and is killed with SIGKILL at random
// moments, restarted each time, and finally left to finish. The fake Slack — the remote side,
// which outlives every kill — says what was delivered and how often. A delivery taken over from a
// killed process is looked up in the leader's DM first when its DM channel is known (knownDm:
// leaders Clause5 messaged before), so duplicates are counted apart for known and unknown DMs.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/core';
import { FakeSlack } from '../../support/fake-slack';
import { deliveryStatuses, integrityCheck, passLeaseHeld, withDb } from './db';
import { addToFake, dmCounts, justDue, seedSlackPlant, slackEnv } from './plant';
import { Clause5Process, sleep, until } from './process';
import { rng } from './random';

export interface KillSpec {
  workspaces: number;
  leadersPer: number;
  kills: number;
  seed: number;
  /** Name prefix of the log files. */
  name: string;
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** Leaders whose DM channel is known from the start (default: none, a first fan-out). */
  knownDm?: (w: number, i: number) => boolean;
}

export interface KillEvent {
  n: number;
  /** Unique prompts delivered when the kill was sent. */
  deliveredAtKill: number;
  /** Milliseconds the process had lived. */
  aliveMs: number;
  /** Deliveries the killed process held mid-send (status 'sending') when it died. */
  sendingAtKill: number;
  /** Floor-walk deliveries enqueued when it died (the first kill can cut the catch-up pass short). */
  enqueuedAtKill: number;
  signal: string | null;
}

export interface KillResult {
  total: number;
  delivered: number;
  lost: number;
  duplicates: number;
  /** Duplicates to leaders whose DM channel was known from the start / was not. */
  duplicatesKnownDm: number;
  duplicatesUnknownDm: number;
  leadersKnownDm: number;
  /** Deliveries taken over from a killed process (deliveries.interruptions > 0). */
  interrupted: number;
  /** conversations.history calls: lookups before re-sending. */
  lookups: number;
  /** Taken-over deliveries found already sent and not sent again (the servers' logs). */
  resendsAvoided: number;
  kills: KillEvent[];
  statuses: Record<string, number>;
  /** Why deliveries were skipped (a prompt sent just before a kill and recorded as asked is skipped on takeover). */
  skipped: Record<string, number>;
  /** Prompt rows the sends opened (one per delivered prompt when nothing was cut off). */
  promptRows: number;
  integrity: string;
  finalExit: { code: number | null; signal: string | null };
  ms: number;
}

export async function runKillTest(spec: KillSpec): Promise<KillResult> {
  const started = performance.now();
  const random = rng(spec.seed);
  const dir = tempDir('clause5-kill-');
  const dbPath = join(dir, 'clause5.db');
  const fake = await new FakeSlack().start();
  let proc: Clause5Process | undefined;
  try {
    const plant = seedSlackPlant(dbPath, {
      workspaces: spec.workspaces,
      leadersPer: spec.leadersPer,
      dueAt: justDue(),
      ...(spec.knownDm ? { knownDm: spec.knownDm } : {}),
    });
    addToFake(fake, plant);
    const total = plant.leaders.length;
    const env = slackEnv(dbPath, fake.url, { NODE_ENV: 'production', LOG_LEVEL: 'info' });
    const delivered = () => dmCounts(fake).size;
    // Kill points: spread over the fan-out, in order; the first kill hits start-up or the catch-up pass.
    const points = Array.from({ length: Math.max(0, spec.kills - 1) }, () => Math.floor(random.next() * total)).sort((a, b) => a - b);
    const kills: KillEvent[] = [];
    const procs: Clause5Process[] = [];
    const deadline = Date.now() + (spec.timeoutMs ?? 600_000);
    for (let k = 0; k < spec.kills; k++) {
      const spawnedAt = performance.now();
      proc = new Clause5Process(['serve'], env, `${spec.name}-${k}.log`);
      procs.push(proc);
      if (k === 0) {
        // Once it holds the minute's pass lease, at a random moment of its catch-up pass: a restart
        // must not wait for the dead process's lease to run out (src/scheduler/recover.ts).
        await until(() => passLeaseHeld(dbPath) || !proc!.running || Date.now() > deadline, 600_000, 'the pass lease');
        await sleep(random.int(0, 300));
      } else {
        // The banner comes only after the catch-up, so progress is watched on the remote side.
        const target = points[k - 1]!;
        await until(() => delivered() >= target || !proc!.running || Date.now() > deadline, 600_000, 'the kill point');
        await sleep(random.int(0, 20));
      }
      const deliveredAtKill = delivered();
      const exit = await proc.kill('SIGKILL');
      const statuses = deliveryStatuses(dbPath, 'floorwalk_prompt');
      const enqueuedAtKill = Object.values(statuses).reduce((sum, n) => sum + n, 0);
      kills.push({
        n: k + 1,
        deliveredAtKill,
        aliveMs: Math.round(performance.now() - spawnedAt),
        signal: exit.signal,
        sendingAtKill: statuses.sending ?? 0,
        enqueuedAtKill,
      });
    }
    proc = new Clause5Process(['serve'], env, `${spec.name}-final.log`);
    procs.push(proc);
    await until(
      () => {
        if (!proc!.running) throw new Error(`the last server exited: ${proc!.stderr}`);
        const s = deliveryStatuses(dbPath, 'floorwalk_prompt');
        return delivered() >= total && !s.pending && !s.sending && (s.sent ?? 0) + (s.skipped ?? 0) + (s.failed ?? 0) === total;
      },
      Math.max(1, deadline - Date.now()),
      () =>
        `every prompt to be delivered (seed ${spec.seed}, ${Math.round(performance.now() - started)} ms in: ${delivered()} of ${total} delivered, ` +
        `deliveries ${JSON.stringify(deliveryStatuses(dbPath, 'floorwalk_prompt'))}, kills ${JSON.stringify(kills)}; logs ${spec.name}-*.log)`,
    );
    await proc.ready();
    const finalExit = await proc.kill('SIGTERM');
    // Read last: a killed process's final log lines arrive after its exit.
    const resendsAvoided = procs.reduce((sum, p) => sum + p.stdout.split('had gone out already').length - 1, 0);
    const counts = dmCounts(fake);
    const duplicates = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
    const duplicatesOf = (known: boolean) =>
      plant.leaders.filter((l) => l.dmKnown === known).reduce((sum, l) => sum + Math.max(0, (counts.get(`${l.teamId}:${l.userId}`) ?? 0) - 1), 0);
    const promptRows = withDb(dbPath, (db) => (db.prepare(`SELECT count(*) AS n FROM prompts WHERE kind = 'floorwalk'`).get() as { n: number }).n);
    return {
      total,
      delivered: counts.size,
      lost: total - plant.leaders.filter((l) => counts.has(`${l.teamId}:${l.userId}`)).length,
      duplicates,
      duplicatesKnownDm: duplicatesOf(true),
      duplicatesUnknownDm: duplicatesOf(false),
      leadersKnownDm: plant.leaders.filter((l) => l.dmKnown).length,
      interrupted: withDb(dbPath, (db) => (db.prepare(`SELECT count(*) AS n FROM deliveries WHERE interruptions > 0`).get() as { n: number }).n),
      lookups: fake.callsTo('conversations.history').length,
      resendsAvoided,
      kills,
      statuses: deliveryStatuses(dbPath, 'floorwalk_prompt'),
      skipped: Object.fromEntries(
        withDb(
          dbPath,
          (db) =>
            db.prepare(`SELECT last_error AS why, count(*) AS n FROM deliveries WHERE status = 'skipped' GROUP BY last_error`).all() as Array<{
              why: string;
              n: number;
            }>,
        ).map((r) => [r.why, r.n]),
      ),
      promptRows,
      integrity: integrityCheck(dbPath),
      finalExit,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    if (proc?.running) await proc.kill('SIGKILL');
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
