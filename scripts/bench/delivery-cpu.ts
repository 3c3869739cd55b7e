// Node CPU a delivered floor-walk prompt, in process: the real sender and floor-walk composers on a
// scratch PostgreSQL database, the local platform instead of Slack (no HTTP), so the figure is what
// compose, the prompt's opening and the store calls cost. A fifth of the prompts warm up first.
// Run: npx tsx scripts/bench/delivery-cpu.ts [prompts, default 2500]
import { isoWeekKey, localParts } from '../../src/core/time';
import { createCore } from '../../src/core/create';
import { silentLogger } from '../../src/core/ports';
import { MovableClock } from '../../src/core/clock';
import { floorWalksModule } from '../../src/core/floor-walks/module';
import { LocalPlatform } from '../../src/platforms/local/platform';
import { Sender } from '../../src/scheduler/sender';
import { openPgDatabase } from '../../src/store/pg/db';
import { createPgStore } from '../../src/store/pg/index';
import { scratchDatabase } from '../../test/support/pg-databases';
import { seedSlackLeaders, weekQuestions } from '../../test/support/pg-leaders';

const N = Number(process.argv[2] ?? 2500);
const ZONE = 'America/Chicago';
const scratch = await scratchDatabase('clause5_bench_delivery_cpu');
const database = await openPgDatabase(scratch.url, { poolSize: 4 });
try {
  const now = Date.now();
  const seeded = await seedSlackLeaders(database, { total: N, workspaces: 20, now: now - 86_400_000, secretKey: '00'.repeat(32), zone: ZONE });
  const weekKey = isoWeekKey(localParts(now, ZONE).date);
  const clock = new MovableClock(now);
  const store = createPgStore(database, () => clock.now());
  await store.deliveries.enqueue(weekQuestions(seeded, weekKey, (n) => (n % 5 === 0 ? now : now + 1000)));
  const core = createCore({ store, clock, log: silentLogger, platform: new LocalPlatform(clock), settings: { defaultTimeZone: ZONE, graceMs: 6 * 3_600_000 } });
  const sender = new Sender({
    deps: core.deps,
    composers: floorWalksModule.composers!(core.deps),
    log: silentLogger,
    owner: 'cpu',
    concurrency: 4,
    perOrgConcurrency: 4,
  });
  const warm = await sender.drain(now);
  clock.set(now + 1000);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await sender.drain(now + 1000);
  const c = process.cpuUsage(c0);
  console.log(
    `warm-up ${warm.sent}; measured ${r.sent}: node CPU ${((c.user + c.system) / 1000 / r.sent).toFixed(3)} ms a prompt, wall ${((performance.now() - t0) / r.sent).toFixed(3)} ms a prompt`,
  );
} finally {
  await database.close();
  await scratch.drop();
}
