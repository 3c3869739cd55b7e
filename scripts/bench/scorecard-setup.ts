// Set-up for the scorecard benchmark: the generated organisation (reused between runs while the
// generator and the migrations are unchanged), a core on it, the scenarios, and the repo's queries
// for a scenario (so the hand-written baseline gets exactly the same zone bounds).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MovableClock } from '../../src/core/clock';
import { createCore, type Core } from '../../src/core/create';
import { silentLogger } from '../../src/core/ports';
import { parsePeriod, previousPeriod, zoneWindow, type Period } from '../../src/core/scorecard/period';
import type { LeaderScope, PeriodQuery } from '../../src/core/scorecard/repo';
import type { ScorecardTarget } from '../../src/core/scorecard/types';
import { addDays } from '../../src/core/time';
import { LocalPlatform } from '../../src/platforms/local/platform';
import { PlatformRouter } from '../../src/platforms/router';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite';
import { MIGRATIONS_FOLDER } from '../../src/store/sqlite/db';
import { SqliteScorecardRepo } from '../../src/store/sqlite/scorecard';
import { generateOrg, type GeneratedOrg, type OrgSpec } from './generate-org';
import type { BaselineParams } from './scorecard-baseline';

/** Generates the organisation, or reuses the file of an earlier run made from the same inputs. */
export function ensureOrg(spec: OrgSpec, log: (line: string) => void): GeneratedOrg {
  const inputs = createHash('sha256')
    .update(JSON.stringify(spec))
    .update(readFileSync(fileURLToPath(new URL('./generate-org.ts', import.meta.url))))
    .update(readFileSync(join(MIGRATIONS_FOLDER, '0000_init.sql')))
    .digest('hex')
    .slice(0, 12);
  const path = join(tmpdir(), `clause5-bench-org-${spec.leaders}x${spec.weeks}-${inputs}.db`);
  const meta = `${path}.json`;
  if (existsSync(path) && existsSync(meta)) return JSON.parse(readFileSync(meta, 'utf8')) as GeneratedOrg;
  log(`generating ${spec.leaders} leaders × ${spec.weeks} weeks (seed ${spec.seed}) into ${path} …`);
  const org = generateOrg(path, spec);
  writeFileSync(meta, JSON.stringify(org));
  log(`generated ${org.engagementRows} engagement rows in ${(org.ms / 1000).toFixed(1)} s`);
  return org;
}

export interface BenchCore {
  core: Core;
  store: SqliteStore;
  clock: MovableClock;
}

/**
 * A core on the generated file; `workers: false` runs the scorecard's SQL on the main thread;
 * `rollups: false` reads every figure from the event tables (the raw path).
 */
export function benchCore(org: GeneratedOrg, workers: boolean, rollups: 'all' | 'trend' | false = false): BenchCore {
  const clock = new MovableClock(org.nowMs);
  const opened = openSqliteStore(org.path, () => clock.now());
  const store: SqliteStore = { ...opened, scorecard: new SqliteScorecardRepo(opened.database.db, () => clock.now(), { workers, rollups }) };
  const core = createCore({
    store,
    clock,
    log: silentLogger,
    platform: new PlatformRouter([new LocalPlatform(clock)]),
    settings: { defaultTimeZone: org.defaultZone, graceMs: 6 * 3_600_000 },
  });
  return { core, store, clock };
}

export interface Scenario {
  name: string;
  level: 'org' | 'site' | 'leader';
  span: 'quarter' | 'two years';
  target: ScorecardTarget;
  period: Period;
}

/** Org, biggest site and one leader, each for the last full quarter and for the whole two years. */
export function scenarios(org: GeneratedOrg): Scenario[] {
  const today = org.to;
  const site = [...org.sites].sort((a, b) => b.leaders - a.leaders || a.id - b.id)[0]!;
  const leader = org.leaderIds[Math.floor(org.leaderIds.length / 2)]!;
  const spans = [
    { span: 'quarter' as const, period: parsePeriod('last-quarter', today) },
    { span: 'two years' as const, period: parsePeriod(`${org.from}..${addDays(today, -1)}`, today) },
  ];
  const targets = [
    { level: 'org' as const, target: { kind: 'all' } as ScorecardTarget, label: 'org' },
    { level: 'site' as const, target: { kind: 'site', siteId: site.id } as ScorecardTarget, label: `site (${site.leaders} leaders)` },
    { level: 'leader' as const, target: { kind: 'leader', personId: leader } as ScorecardTarget, label: 'single leader' },
  ];
  return targets.flatMap((t) => spans.map((s) => ({ name: `${t.label}, ${s.span}`, level: t.level, span: s.span, target: t.target, period: s.period })));
}

function scopeOf(target: ScorecardTarget): LeaderScope {
  if (target.kind === 'leader') return { kind: 'leader', personId: target.personId };
  if (target.kind === 'site') return { kind: 'site', siteId: target.siteId };
  return { kind: 'all' };
}

/** The repo queries buildScorecard makes for a scenario (current and previous period). */
export async function queriesFor(bench: BenchCore, org: GeneratedOrg, s: Scenario): Promise<{ current: PeriodQuery; previous: PeriodQuery }> {
  const scope = scopeOf(s.target);
  const leaders = await bench.store.scorecard.leaders(org.orgId, scope, org.defaultZone);
  const zones = [...new Set(leaders.map((l) => l.zone))];
  const make = (period: Period): PeriodQuery => ({
    orgId: org.orgId,
    scope,
    defaultZone: org.defaultZone,
    from: period.from,
    to: period.to,
    nowMs: org.nowMs,
    zones: zones.map((zone) => zoneWindow(period, zone, org.nowMs, org.defaultZone)),
  });
  return { current: make(s.period), previous: make(previousPeriod(s.period)) };
}

export function baselineParams(q: PeriodQuery): BaselineParams {
  return {
    org: q.orgId,
    site: q.scope.kind === 'site' ? q.scope.siteId : null,
    person: q.scope.kind === 'leader' ? q.scope.personId : null,
    defaultZone: q.defaultZone,
    zones: JSON.stringify(q.zones),
    from: q.from,
    to: q.to,
    now: q.nowMs,
  };
}
