// The periods that end after the last sealed week (issue 13 §1): their days after it are not in the
// rollups, so the rollup path runs the raw statements for them, and keeps the results until a write
// (rollups/live.ts). For each period, in the same rounds: the org scorecard from the rollups read
// again (nothing written between reads), the first read after a write (a prompt sent today
// answered before each timed read: the kept response times end), after a meeting check answered
// (the kept calendar ends), and the raw path. Then each raw
// statement of the tail alone, on one thread. Run on the bench's cached organisation (scorecard-setup.ts):
//   npx tsx scripts/bench/rollups-tail.ts [--runs 10] [--rounds 1]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildScorecard, queryFor } from '../../src/core/scorecard/build';
import { parsePeriod, type Period } from '../../src/core/scorecard/period';
import { addDays } from '../../src/core/time';
import { customFacts } from '../../src/store/sqlite/scorecard-custom';
import { ScorecardWorkerPool } from '../../src/store/sqlite/scorecard-pool';
import { queryParams } from '../../src/store/sqlite/scorecard-params';
import { ScorecardQueries, type StatementName } from '../../src/store/sqlite/scorecard-queries';
import { lastSealedMonday, segmentQuery } from '../../src/store/rollups-shared/plan';
import { fmt, median } from './report';
import { answerToday, time } from './scorecard-rollups';
import { benchCore, ensureOrg } from './scorecard-setup';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, rounds: { type: 'string', default: '1' } } });
const runs = Number(values.runs);
const rounds = Number(values.rounds);
const org = ensureOrg({ leaders: 500, weeks: 104, seed: 1 }, console.log);
const rollups = benchCore(org, true, 'all');
const raw = benchCore(org, true, false);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const write = answerToday(rollups, org);
// A write the calendar reads: a meeting check of today (the UTC date) answered yes or no in turn
// (plain SQL; the triggers mark it as they mark the store's own writes).
const meetingIds = rollups.store.database.sqlite
  .prepare('SELECT id FROM meeting_occurrences WHERE org_id = ? AND local_date = ? ORDER BY id LIMIT 200')
  .pluck()
  .all(org.orgId, org.to) as number[];
const flipMeeting = rollups.store.database.sqlite.prepare(
  "UPDATE meeting_occurrences SET answer = CASE answer WHEN 'yes' THEN 'no' ELSE 'yes' END WHERE id = ?",
);
let flipped = 0;
const meetingWrite = async () => {
  flipMeeting.run(meetingIds[flipped++ % meetingIds.length]);
};
const timed = async (fn: () => Promise<unknown>, before?: () => Promise<unknown>): Promise<[number, number]> => {
  const t = await time(runs, 2, fn, before);
  return [t.p50, t.p95];
};

const today = org.to;
const periods: Period[] = [
  parsePeriod('last-week', today),
  parsePeriod('last-month', today),
  parsePeriod(`${org.from}..${addDays(today, -1)}`, today),
  parsePeriod(`${addDays(org.from, 3)}..${addDays(today, -40)}`, today),
  parsePeriod(`${addDays(today, -200)}..${today}`, today),
];
console.log(`load average ${load()}; ${runs} runs after 2 warm-ups, ${rounds} round(s); p50 / p95 ms`);
const rows = new Map<string, number[][]>();
for (let round = 1; round <= rounds; round++) {
  for (const period of periods) {
    const request = { orgId: org.orgId, target: { kind: 'all' as const }, period };
    const subjects = {
      rollups: () => timed(() => buildScorecard(rollups.core.deps, request)),
      'after a write': () => timed(() => buildScorecard(rollups.core.deps, request), write),
      'after a meeting answer': () => timed(() => buildScorecard(rollups.core.deps, request), meetingWrite),
      raw: () => timed(() => buildScorecard(raw.core.deps, request)),
    };
    const order = round % 2 ? Object.entries(subjects) : Object.entries(subjects).reverse();
    const got: Record<string, [number, number]> = {};
    for (const [name, fn] of order) got[name] = await fn();
    const line = [got.rollups!, got['after a write']!, got['after a meeting answer']!, got.raw!];
    rows.set(period.label, [...(rows.get(period.label) ?? []), line.flat()]);
    const [r, w, m, b] = line;
    console.log(
      `${period.label}: rollups ${fmt(r![0])} / ${fmt(r![1])}; after a write ${fmt(w![0])} / ${fmt(w![1])}; after a meeting answer ${fmt(m![0])} / ${fmt(m![1])}; ` +
        `raw ${fmt(b![0])} / ${fmt(b![1])}; raw ÷ rollups p95 ${fmt(b![1] / r![1], 1)}×, raw ÷ after a write p95 ${fmt(b![1] / w![1], 1)}× (load ${load()})`,
    );
  }
}
if (rounds > 1) {
  for (const [label, list] of rows) {
    const m = (i: number) => fmt(median(list.map((l) => l[i]!)));
    console.log(
      `median of rounds, ${label}: rollups ${m(0)} / ${m(1)}; after a write ${m(2)} / ${m(3)}; after a meeting answer ${m(4)} / ${m(5)}; raw ${m(6)} / ${m(7)}`,
    );
  }
}

// The tail's raw statements alone, one thread.
const sqlite = rollups.store.database.sqlite;
const queries = new ScorecardQueries(sqlite);
const leaders = await rollups.store.scorecard.leaders(org.orgId, { kind: 'all' }, org.defaultZone);
const zones = [...new Set(leaders.map((l) => l.zone))];
const tailFrom = addDays(lastSealedMonday(org.nowMs), 7);
const once = (fn: () => unknown) => {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  return fmt(median(samples), 2);
};
for (const to of [addDays(today, -2), today]) {
  const period = parsePeriod(`${tailFrom}..${to}`, today);
  const q = segmentQuery(queryFor(rollups.core.deps, org.orgId, { kind: 'all' }, period, zones, org.nowMs), tailFrom, to);
  const params = { ...queryParams(q), closedIn: 1 };
  const names: StatementName[] = ['calendar', 'winsNear', 'followUpsEdge', 'prompts', 'responses'];
  const line = names.map((name) => `${name} ${once(() => queries.run(name, params))}`);
  line.push(`streaks ${once(() => queries.run('streaks', queryParams(q, tailFrom)))}`, `custom ${once(() => customFacts(sqlite, q, leaders))}`);
  console.log(`raw statements of the tail ${tailFrom}..${to} (median ms, one thread): ${line.join(', ')}`);
}
console.log(`load average ${load()}`);
rollups.store.close();
raw.store.close();
await ScorecardWorkerPool.shared().stop();
process.exit(0);
