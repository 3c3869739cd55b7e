// After `db copy`: the same rows and the same scorecards on both engines. Row counts per table,
// then, per organisation, every leader's scorecard figures over the last year (today and the 364
// days before, in the default zone) from each engine's own SQL: counts, the site and organisation
// totals, response medians, streaks and custom prompts. Any difference is listed by name.
import type Database from 'better-sqlite3';
import { zoneWindow } from '../../core/scorecard/period';
import type { PeriodQuery, ScorecardRepo } from '../../core/scorecard/repo';
import { addDays, localDateOf } from '../../core/time';
import type { CopiedTable } from './copy';
import type { PgQuery } from './scorecard';

export interface CopyCheck {
  tables: Array<{ name: string; sqlite: number; postgres: number }>;
  organisations: number;
  leaders: number;
  from: string;
  to: string;
  differences: string[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Rows sorted by their JSON, so the two engines' row orders do not matter. */
const canonical = (value: unknown): string =>
  JSON.stringify(Array.isArray(value) ? value.map((v) => JSON.stringify(v)).sort() : value, (_, v) => (v === undefined ? null : v));

export async function checkCopy(
  sqlite: Database.Database,
  query: PgQuery,
  copied: CopiedTable[],
  repos: { sqlite: ScorecardRepo; postgres: ScorecardRepo },
  options: { nowMs: number; defaultZone: string },
): Promise<CopyCheck> {
  const differences: string[] = [];
  const tables: CopyCheck['tables'] = [];
  for (const { name } of copied) {
    const { n: fromSqlite } = sqlite.prepare(`SELECT COUNT(*) AS n FROM ${quote(name)}`).get() as { n: number };
    const [row] = await query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${quote(name)}`);
    tables.push({ name, sqlite: fromSqlite, postgres: row!.n });
    if (fromSqlite !== row!.n) differences.push(`table ${name}: ${fromSqlite} rows in SQLite, ${row!.n} in PostgreSQL`);
  }
  const to = localDateOf(options.nowMs, options.defaultZone);
  const from = addDays(to, -364);
  const orgs = sqlite.prepare('SELECT id FROM organisations ORDER BY id').all() as Array<{ id: string }>;
  let leaders = 0;
  for (const { id: orgId } of orgs) {
    const scope = { kind: 'all' as const };
    const [onSqlite, onPostgres] = await Promise.all([repos.sqlite, repos.postgres].map((r) => r.leaders(orgId, scope, options.defaultZone)));
    leaders += onSqlite!.length;
    if (canonical(onSqlite) !== canonical(onPostgres)) differences.push(`organisation ${orgId}: the leaders differ`);
    const zones = [...new Set(onSqlite!.map((l) => l.zone))];
    const q: PeriodQuery = {
      orgId,
      scope,
      defaultZone: options.defaultZone,
      from,
      to,
      nowMs: options.nowMs,
      zones: zones.map((z) => zoneWindow({ from, to }, z, options.nowMs, options.defaultZone)),
    };
    const figures = async (repo: ScorecardRepo) => {
      const [facts, medians, streaks, custom, unreachable] = await Promise.all([
        repo.periodFacts(q),
        repo.responseMedians(q),
        repo.streaks(q),
        repo.customFacts(q),
        repo.unreachable(orgId, scope, 1000),
      ]);
      const ofLeader = (id: string) => ({
        facts: facts.leaders.find((f) => f.personId === id) ?? null,
        median: medians.byLeader.find((m) => m.personId === id)?.medianMs ?? null,
        streak: streaks.find((s) => s.personId === id) ?? null,
        custom: canonical(custom.filter((c) => c.personId === id)),
      });
      return {
        leaders: new Map(onSqlite!.map((l) => [l.id, canonical(ofLeader(l.id))])),
        totals: { sites: canonical(facts.sites), all: canonical(facts.all), medianSites: canonical(medians.bySite), median: medians.overall },
        unreachable: canonical(unreachable),
      };
    };
    const [a, b] = await Promise.all([figures(repos.sqlite), figures(repos.postgres)]);
    for (const l of onSqlite!) {
      if (a.leaders.get(l.id) !== b.leaders.get(l.id)) {
        differences.push(`organisation ${orgId}, leader ${l.displayName} (${l.id}): SQLite ${a.leaders.get(l.id)} ≠ PostgreSQL ${b.leaders.get(l.id)}`);
      }
    }
    for (const key of Object.keys(a.totals) as Array<keyof typeof a.totals>) {
      if (a.totals[key] !== b.totals[key]) differences.push(`organisation ${orgId}, totals ${key}: SQLite ${a.totals[key]} ≠ PostgreSQL ${b.totals[key]}`);
    }
    if (a.unreachable !== b.unreachable) differences.push(`organisation ${orgId}: unreachable people differ`);
  }
  return { tables, organisations: orgs.length, leaders, from, to, differences };
}
