// What the rollup triggers add to a write, alone: answering prompts through the real store on the
// bench's cached organisation (scorecard-setup.ts), triggers installed vs dropped, alternating, many
// rounds, in CPU time (user + system: the steadier figure on a shared machine), fastest round and median. Run: npx tsx scripts/bench/rollups-writes.ts [--rounds 10]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { installRollupTriggers } from '../../src/store/sqlite/rollups/schema-triggers';
import { fmt, median } from './report';
import { writeCases } from './scorecard-rollups';
import { benchCore, ensureOrg } from './scorecard-setup';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '10' } } });
const org = ensureOrg({ leaders: 500, weeks: 104, seed: 1 }, console.log);
const bench = benchCore(org, false, 'all');
const sqlite = bench.store.database.sqlite;
const { cases, reopen, drop } = writeCases(sqlite, org);
const results = new Map<string, { with: number[]; without: number[] }>();
for (let round = 0; round < Number(values.rounds); round++) {
  for (const [name, ids] of Object.entries(cases)) {
    for (const withTriggers of round % 2 ? [true, false] : [false, true]) {
      if (withTriggers) installRollupTriggers(sqlite);
      else drop();
      for (const id of ids) reopen.run(id);
      await bench.store.prompts.answer(org.orgId, ids[0]!, 'yes', org.nowMs); // warm: the first prepare after a schema change
      const started = process.cpuUsage();
      for (const id of ids.slice(1)) await bench.store.prompts.answer(org.orgId, id, 'yes', org.nowMs);
      const cpu = process.cpuUsage(started);
      const entry = results.get(name) ?? { with: [], without: [] };
      entry[withTriggers ? 'with' : 'without'].push((cpu.user + cpu.system) / (ids.length - 1));
      results.set(name, entry);
    }
  }
  bench.store.scorecard.refreshRollups?.(org.orgId, org.defaultZone, org.nowMs, 0); // folds the marks, as a scheduler pass does
}
installRollupTriggers(sqlite);
for (const [name, r] of results) {
  const best = (list: number[]) => Math.min(...list);
  console.log(
    `answering a prompt sent ${name}: fastest round ${fmt(best(r.with), 1)} µs with the triggers, ${fmt(best(r.without), 1)} µs without (${fmt(best(r.with) / best(r.without), 2)}×); medians ${fmt(median(r.with), 1)} / ${fmt(median(r.without), 1)} µs (${fmt(median(r.with) / median(r.without), 2)}×)`,
  );
}
console.log(
  `${values.rounds} rounds; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
bench.store.close();
