// Benchmark: one scheduler pass of the prompt lifecycle's reminder and period-end sources (floor
// walk and custom prompts) with ~10,000 open prompts, against the same sources as they were before
// the lifecycle (lifecycle-baseline.ts), in the same run on the same database. Passes end every half
// hour over a whole day (so each zone's 09:00 and midnight come round): 1-minute windows as the
// scheduler runs them, then 30-minute windows that cover the day; new, old, new again in blocks, and
// each window's triggers must be the same from both (else the run fails).
// Run: npm run bench -- lifecycle [--prompts 10000] or npx tsx scripts/bench/lifecycle.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MovableClock } from '../../src/core/clock';
import { createCore } from '../../src/core/create';
import type { Trigger, TriggerSource } from '../../src/core/deliveries';
import { walkPromptKind } from '../../src/core/floor-walks/walk-kind';
import { batchedReads } from '../../src/core/people/calendar-batch';
import { silentLogger } from '../../src/core/ports';
import { customPromptKind } from '../../src/core/prompts/lifecycle';
import { promptLifecycle } from '../../src/core/prompts/lifecycle-deliveries';
import { plannedInstants } from '../../src/core/prompts/lifecycle-sources';
import { LocalPlatform } from '../../src/platforms/local/platform';
import { PlatformRouter } from '../../src/platforms/router';
import { openSqliteStore } from '../../src/store/sqlite';
import { baselineSources } from './lifecycle-baseline';
import { emit, fmt, log, median, ratio, type BenchRow } from './report';

const { values } = parseArgs({ options: { prompts: { type: 'string', default: '10000' } } });
const PROMPTS = Number(values.prompts);
const ORG = 'bench';
const ZONES = ['America/Chicago', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata'];
const HOUR = 3_600_000;
// Wednesday of ISO week 2026-W50; December's questions went out on the 1st.
const NOW = Date.parse('2026-12-09T12:00:00Z');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'clause5-bench-lifecycle-'));
  const clock = new MovableClock(NOW);
  const store = openSqliteStore(join(dir, 'bench.db'), () => clock.now());
  try {
    const core = createCore({
      store,
      clock,
      log: silentLogger,
      platform: new PlatformRouter([new LocalPlatform(clock)]),
      settings: { defaultTimeZone: 'UTC', graceMs: 6 * HOUR },
    });
    const deps = core.deps;
    const t0 = performance.now();
    await store.orgs.ensure({ id: ORG, platform: 'local', name: 'Bench plant' });
    const sites = [];
    for (const zone of ZONES)
      sites.push(await store.sites.create({ orgId: ORG, name: zone, timeZone: zone, workDays: [1, 2, 3, 4, 5], winsChannel: null }, null));
    const custom = await store.customPrompts.create({
      orgId: ORG,
      question: 'Did you review last month’s customer complaints?',
      cadence: { every: 'month', on: { day: 1 }, time: '09:00' },
      audience: { kind: 'leaders' },
      answers: ['yes', 'no'],
      checklist: [],
      clauses: ['5.1.2'],
      weight: null,
      createdBy: 'bench',
    });
    const walk = walkPromptKind(deps);
    const question = customPromptKind(deps);
    const leaders = Math.ceil(PROMPTS / 2);
    for (let i = 0; i < leaders; i++) {
      await store.people.ensure(
        { id: `${ORG}:l${i}`, orgId: ORG, displayName: `Leader ${i}`, role: 'leader', siteId: sites[i % sites.length]!.id, joinedOn: '2025-01-01' },
        null,
      );
    }
    const reads = batchedReads(deps); // everyone exists now: people, sites and calendars read in bulk
    for (let i = 0; i < leaders; i++) {
      const id = `${ORG}:l${i}`;
      // Spread over the week so far (walks) and over 1–2 December (custom questions); one in ten snoozed.
      const walkSent = Date.parse('2026-12-07T13:00:00Z') + ((i * 7919) % (47 * HOUR));
      const customSent = Date.parse('2026-12-01T03:00:00Z') + ((i * 104729) % (40 * HOUR));
      for (const [kind, definition, subject, sentAt] of [
        ['floorwalk', walk, 'week:2026-W50', walkSent],
        ['custom', question, `custom:${custom.id}:2026-12`, customSent],
      ] as const) {
        const asked = { orgId: ORG, personId: id, kind, subject, sentAt, messageRef: null };
        const planned = await plannedInstants(reads, definition, {
          ...asked,
          id: 0,
          snoozedUntil: null,
          snoozeCount: 0,
          status: 'open',
          answer: null,
          answeredAt: null,
        });
        const prompt = await store.prompts.open({ ...asked, ...planned });
        if (i % 10 === 0) await store.prompts.snooze(ORG, prompt.id, NOW + ((i * 7_777_777) % (40 * HOUR)), null);
      }
    }
    log(`lifecycle bench: ${leaders * 2} open prompts for ${leaders} leaders in ${ZONES.length} zones, set up in ${fmt((performance.now() - t0) / 1000)} s`);

    const lifecycle: TriggerSource[] = [...promptLifecycle(deps, walk).sources, ...promptLifecycle(deps, question).sources];
    const baseline = baselineSources(deps);
    const pass = async (sources: TriggerSource[], from: number, to: number): Promise<{ ms: number; triggers: Trigger[] }> => {
      const start = performance.now();
      const triggers: Trigger[] = [];
      for (const s of sources) triggers.push(...(await s.triggers(from, to)));
      return { ms: performance.now() - start, triggers };
    };
    const keys = (ts: Trigger[]) =>
      ts
        .map((t) => `${t.key}@${t.dueAt}`)
        .sort()
        .join('\n');

    await pass(lifecycle, NOW - 60_000, NOW); // warm-up: statements prepared
    await pass(baseline, NOW - 60_000, NOW);
    /**
     * Passes ending every half hour over a day, `minutes` long: the lifecycle's, the old sources', then
     * the lifecycle's again (in blocks, so the old sources' garbage is not collected in the new passes'
     * time; twice, so a machine that slows down meanwhile shows).
     */
    const run = async (minutes: number) => {
      const windows = Array.from({ length: 48 }, (_, k) => [NOW + (k + 1) * (HOUR / 2) - minutes * 60_000, NOW + (k + 1) * (HOUR / 2)] as const);
      const block = async (sources: TriggerSource[]) => {
        const out = { ms: [] as number[], keys: [] as string[], triggers: 0 };
        for (const [from, to] of windows) {
          const p = await pass(sources, from, to);
          out.ms.push(p.ms);
          out.keys.push(keys(p.triggers));
          out.triggers += p.triggers.length;
        }
        return out;
      };
      const first = await block(lifecycle);
      const old = await block(baseline);
      const again = await block(lifecycle);
      const mismatches = windows.filter((_, k) => first.keys[k] !== old.keys[k] || again.keys[k] !== old.keys[k]).length;
      log(`  ${minutes}-minute passes: ${first.triggers} triggers over 48 passes; passes whose triggers differ: ${mismatches}`);
      return { times: { lifecycle: [...first.ms, ...again.ms], baseline: old.ms }, triggers: first.triggers, mismatches };
    };
    const minute = await run(1);
    const halfHour = await run(30);
    const mismatches = minute.mismatches + halfHour.mismatches;
    const how = (m: string) => `${leaders * 2} open prompts (floor walk + monthly custom, ${ZONES.length} zones), 48 ${m} passes over a day`;
    const row = (what: string, m: string, r: typeof minute, pick: (t: number[]) => number): BenchRow => ({
      what,
      how: how(m),
      result: `${fmt(pick(r.times.lifecycle))} ms`,
      baseline: `${fmt(pick(r.times.baseline))} ms (the sources before the lifecycle)`,
      ratio: ratio(pick(r.times.lifecycle), pick(r.times.baseline)),
    });
    const rows: BenchRow[] = [
      row('Lifecycle reminder + period-end sources: median pass', 'one-minute', minute, median),
      row('Lifecycle reminder + period-end sources: slowest pass', 'one-minute', minute, (t) => Math.max(...t)),
      row(`Lifecycle sources: median pass, ${halfHour.triggers} triggers in all`, '30-minute (the whole day)', halfHour, median),
    ];
    for (const r of rows) log(`  ${r.what}: ${r.result} vs ${r.baseline} → ${r.ratio}`);
    emit('lifecycle', rows, { mismatches });
    if (mismatches > 0) process.exitCode = 1;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
