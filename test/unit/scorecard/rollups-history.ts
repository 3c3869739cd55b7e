// Random organisation histories for the rollup property test (rollups.property.test.ts), written
// with plain SQL into a real migrated database, so the rollup triggers see every write as they
// would in production. A history is a seed: the same seed writes the same rows.
import type Database from 'better-sqlite3';
import { zoneWindow } from '../../../src/core/scorecard/period';
import type { PeriodQuery } from '../../../src/core/scorecard/repo';
import { addDays, isoWeekKey, zonedInstant } from '../../../src/core/time';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite';
import { SqliteScorecardRepo } from '../../../src/store/sqlite/scorecard';

export const ORG = 'local';
/** Zones with and without daylight saving, both hemispheres, half hours, and the far ends (−11, +14). */
export const ZONES = ['America/Chicago', 'Europe/London', 'Asia/Tokyo', 'Pacific/Auckland', 'America/St_Johns', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
const DAY = 86_400_000;
export const START = '2026-09-07';
const DAYS = 130;

/** The organisation's query for days [from, to] (default zone America/Chicago), with its leaders' zones. */
export function orgQuery(leaders: Array<{ zone: string }>, from: string, to: string, nowMs: number): PeriodQuery {
  const zone = 'America/Chicago';
  const zones = [...new Set(leaders.map((l) => l.zone))].map((z) => zoneWindow({ from, to }, z, nowMs, zone));
  return { orgId: ORG, scope: { kind: 'all' }, defaultZone: zone, from, to, nowMs, zones };
}

/**
 * A history in a new in-memory store at `nowMs`, with a scorecard repo reading the rollups, one
 * reading the raw statements, and the organisation's leaders (the caller closes the store).
 */
export async function historyStore(seed: number, nowMs: number) {
  const store: SqliteStore = openSqliteStore(':memory:', () => nowMs);
  writeHistory(store.database.sqlite, seed);
  const repo = (rollups: 'all' | false) => new SqliteScorecardRepo(store.database.db, () => nowMs, { workers: false, rollups });
  const raw = repo(false);
  const leaders = await raw.leaders(ORG, { kind: 'all' }, 'America/Chicago');
  return { store, sqlite: store.database.sqlite, rollups: repo('all'), raw, leaders, repo };
}

/** What the rollups serve of a period, each list sorted, to compare two repos. */
export async function readRollups(repo: SqliteScorecardRepo, q: PeriodQuery) {
  const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  const facts = await repo.periodFacts(q);
  const medians = await repo.responseMedians(q);
  return {
    facts: { leaders: sorted(facts.leaders), sites: sorted(facts.sites), all: facts.all },
    medians: { byLeader: sorted(medians.byLeader), bySite: sorted(medians.bySite), overall: medians.overall },
    streaks: sorted(await repo.streaks(q)),
    custom: sorted(await repo.customFacts(q)),
  };
}

/** A small deterministic generator (mulberry32). */
export function randomOf(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
export type Random = ReturnType<typeof randomOf>;

export interface History {
  db: Database.Database;
  random: Random;
  leaders: string[];
  people: string[];
  sites: number[];
  teams: number[];
}

const at = Date.parse('2026-08-01T00:00:00Z');
const date = (r: Random, lo = 0, hi = DAYS) => addDays(START, r.int(lo, hi));

function insert(db: Database.Database, table: string, row: Record<string, unknown>): number {
  const keys = Object.keys(row);
  return Number(db.prepare(`INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(...Object.values(row)).lastInsertRowid);
}

export function writeHistory(db: Database.Database, seed: number): History {
  const r = randomOf(seed);
  insert(db, 'organisations', {
    id: ORG,
    platform: 'local',
    name: 'Acme',
    settings: JSON.stringify({
      ...(r.chance(0.5) ? { defaultWalkDay: r.int(1, 5), defaultWalkTime: '10:00' } : {}),
      ...(r.chance(0.3) ? { weights: weightsOf(r) } : {}),
    }),
    created_at: at,
  });
  const sites = [1, 2].map((i) =>
    insert(db, 'sites', {
      org_id: ORG,
      name: `Site ${i}`,
      name_key: `site ${i}`,
      time_zone: r.pick(ZONES),
      work_days: r.pick(['1,2,3,4,5', '1,2,3,4,5,6', '2,3,4,5,6']),
      created_at: at,
    }),
  );
  const h: History = { db, random: r, leaders: [], people: [], sites, teams: [] };
  const count = r.int(3, 6);
  for (let i = 0; i < count; i++) addPerson(h, i < count - 1 ? 'leader' : 'member', r.chance(0.3) ? date(r, 0, 60) : '2026-01-01');
  for (const leader of h.leaders) {
    h.teams.push(insert(db, 'teams', { org_id: ORG, name: `Team ${leader}`, name_key: `team ${leader}`, leader_id: leader, created_at: at }));
  }
  for (const p of h.people) if (r.chance(0.6)) db.prepare('UPDATE people SET team_id = ? WHERE id = ?').run(r.pick(h.teams), p);
  const events = r.int(40, 140);
  for (let i = 0; i < events; i++) addEvent(h, i);
  return h;
}

export function addPerson(h: History, role: 'leader' | 'member', joinedOn: string): string {
  const { db, random: r } = h;
  const id = `local:p${h.people.length + 1}`;
  const zone = r.chance(0.3) ? r.pick(ZONES) : null;
  const site = r.chance(0.15) ? null : r.pick(h.sites);
  const since = r.chance(0.5) ? zonedInstant(joinedOn, r.pick(['08:00', '13:00', '21:00']), zone ?? 'Europe/London') : null;
  insert(db, 'people', {
    id,
    org_id: ORG,
    handle: `p${h.people.length + 1}`,
    display_name: `Person ${h.people.length + 1}`,
    role,
    site_id: site,
    time_zone: zone,
    joined_on: joinedOn,
    leader_since: since,
    created_at: at,
    updated_at: at,
  });
  if (r.chance(0.4)) insert(db, 'floor_walk_schedules', { person_id: id, org_id: ORG, weekday: r.int(1, 5), time: r.pick(['09:00', '14:00']), created_at: at });
  h.people.push(id);
  if (role === 'leader') h.leaders.push(id);
  return id;
}

/** One random event of the history: a meeting check, prompt, walk, follow-up, win, away day or shutdown. */
export function addEvent(h: History, i: number): void {
  const { db, random: r } = h;
  const person = r.pick(h.leaders.length ? h.leaders : h.people);
  const day = date(r);
  const instant = Date.parse(`${day}T00:00:00Z`) + r.int(0, 47) * 1_800_000;
  switch (r.int(0, 9)) {
    case 0:
    case 1: {
      const meeting = insert(db, 'meetings', {
        org_id: ORG,
        person_id: person,
        title: 'Daily',
        recurrence: 'daily',
        time: '07:30',
        time_zone: 'UTC',
        created_at: at,
      });
      insert(db, 'meeting_occurrences', {
        org_id: ORG,
        meeting_id: meeting,
        person_id: person,
        occurrence_key: `${day}T07:30`,
        starts_at: Date.parse(`${day}T07:30:00Z`),
        local_date: day,
        answer: r.pick(['yes', 'no', 'cancelled', null]),
      });
      break;
    }
    case 2:
    case 3: {
      const status = r.pick(['open', 'answered', 'missed'] as const);
      const custom = r.chance(0.25) ? customPrompt(h) : null;
      const prompt = insert(db, 'prompts', {
        org_id: ORG,
        person_id: person,
        kind: custom ? 'custom' : r.pick(['meeting', 'floorwalk', 'followup']),
        subject: custom ? `custom:${custom}:${i}` : `s:${i}`,
        sent_at: instant,
        answered_at: status === 'answered' ? instant + r.int(1, 120) * 1_800_000 : null,
        status,
      });
      if (custom && status === 'answered') {
        insert(db, 'custom_answers', {
          prompt_id: prompt,
          definition_id: custom,
          org_id: ORG,
          person_id: person,
          period_key: String(i),
          answer: 'x',
          outcome: r.pick(['done', 'not_done', 'excused']),
          answered_by: person,
          answered_at: instant + DAY,
        });
      }
      break;
    }
    case 4:
      insert(db, 'floor_walks', {
        org_id: ORG,
        person_id: person,
        area: 'Line',
        walk_date: day,
        week_key: isoWeekKey(day),
        source: 'adhoc',
        withdrawn_at: r.chance(0.1) ? at : null,
        created_at: at,
        updated_at: at,
      });
      break;
    case 5: {
      const done = r.chance(0.5);
      insert(db, 'follow_ups', {
        org_id: ORG,
        raised_by: person,
        owner_id: r.chance(0.5) ? person : r.pick(h.people),
        text: 'Fix',
        due_date: day,
        status: done ? 'done' : 'open',
        closed_on: done ? addDays(day, r.int(-5, 20)) : null,
        created_at: at,
        updated_at: at,
      });
      break;
    }
    case 6:
    case 7: {
      const win = insert(db, 'wins', {
        org_id: ORG,
        team_id: r.chance(0.6) ? r.pick(h.teams) : null,
        posted_by: r.pick(h.people),
        text: 'Win',
        posted_at: instant,
        withdrawn_at: r.chance(0.1) ? at : null,
      });
      for (const p of new Set([r.pick(h.people), r.pick(h.people)])) if (r.chance(0.5)) insert(db, 'win_people', { win_id: win, person_id: p });
      break;
    }
    case 8:
      insert(db, 'away_periods', { org_id: ORG, person_id: person, from_date: day, to_date: addDays(day, r.int(0, 9)), created_at: at });
      break;
    default:
      insert(db, 'site_closures', { org_id: ORG, site_id: r.pick(h.sites), from_date: day, to_date: addDays(day, r.int(0, 4)), created_at: at });
  }
}

function customPrompt(h: History): number {
  const existing = h.db.prepare('SELECT id FROM custom_prompts ORDER BY id').pluck().all() as number[];
  if (existing.length >= 2) return h.random.pick(existing);
  const weight = h.random.chance(0.5) ? h.random.int(1, 40) : null;
  return insert(h.db, 'custom_prompts', { org_id: ORG, question: 'Q', cadence: '{}', audience: '{}', answers: '[]', weight, created_by: 'x', created_at: at });
}

/** Weights of the five parts: whole or decimal, some zero. */
function weightsOf(r: Random): number[] {
  return Array.from({ length: 5 }, () => (r.chance(0.2) ? 0 : r.chance(0.2) ? r.int(1, 80) / 2 : r.int(1, 40)));
}

/**
 * A change after the fact: a correction or withdrawal, a late answer, a closed or moved follow-up,
 * retention deleting old rows, a site move, zone or role change, a new leader joining mid-week, new
 * work days, a team's new leader, or simply a new event.
 */
export function mutate(h: History, step: number): string {
  const { db, random: r } = h;
  switch (r.int(0, 14)) {
    case 0:
      db.prepare(`UPDATE floor_walks SET withdrawn_at = ? WHERE id = (SELECT id FROM floor_walks ORDER BY id DESC LIMIT 1 OFFSET ?)`).run(at, r.int(0, 5));
      return 'walk withdrawn';
    case 1:
      db.prepare('UPDATE wins SET withdrawn_at = ? WHERE id = (SELECT id FROM wins ORDER BY id LIMIT 1 OFFSET ?)').run(at, r.int(0, 10));
      return 'win withdrawn';
    case 2:
      db.prepare(
        "UPDATE follow_ups SET status = 'done', closed_on = ? WHERE id = (SELECT id FROM follow_ups WHERE status = 'open' ORDER BY id LIMIT 1 OFFSET ?)",
      ).run(date(r), r.int(0, 3));
      return 'follow-up closed';
    case 3:
      db.prepare('UPDATE follow_ups SET due_date = ? WHERE id = (SELECT id FROM follow_ups ORDER BY id LIMIT 1 OFFSET ?)').run(date(r), r.int(0, 5));
      return 'follow-up moved';
    case 4:
      db.prepare(
        "UPDATE prompts SET status = 'answered', answered_at = sent_at + ? WHERE id = (SELECT id FROM prompts WHERE status <> 'answered' ORDER BY id LIMIT 1 OFFSET ?)",
      ).run(r.int(1, 200) * 3_600_000, r.int(0, 5));
      return 'late answer';
    case 5:
      db.prepare('UPDATE meeting_occurrences SET answer = ? WHERE id = (SELECT id FROM meeting_occurrences ORDER BY id LIMIT 1 OFFSET ?)').run(
        r.pick(['yes', 'no', 'cancelled']),
        r.int(0, 5),
      );
      return 'meeting answer corrected';
    case 6: {
      const before = Date.parse(`${date(r, 0, 40)}T00:00:00Z`);
      db.prepare('DELETE FROM custom_answers WHERE prompt_id IN (SELECT id FROM prompts WHERE sent_at < ?)').run(before);
      db.prepare('DELETE FROM prompts WHERE sent_at < ?').run(before);
      db.prepare('DELETE FROM meeting_occurrences WHERE local_date < ?').run(new Date(before).toISOString().slice(0, 10));
      return 'retention';
    }
    case 7:
      db.prepare('UPDATE people SET site_id = ? WHERE id = ?').run(r.chance(0.2) ? null : r.pick(h.sites), r.pick(h.people));
      return 'site move';
    case 8:
      db.prepare('UPDATE people SET time_zone = ? WHERE id = ?').run(r.chance(0.3) ? null : r.pick(ZONES), r.pick(h.people));
      return 'zone change';
    case 9: {
      const p = r.pick(h.people);
      const role = r.chance(0.5) ? 'leader' : 'member';
      db.prepare('UPDATE people SET role = ?, leader_since = ? WHERE id = ?').run(role, role === 'leader' ? Date.parse(`${date(r)}T12:00:00Z`) : null, p);
      if (role === 'leader' && !h.leaders.includes(p)) h.leaders.push(p);
      return 'role change';
    }
    case 10:
      addPerson(h, 'leader', date(r, 20, DAYS));
      return 'leader joined';
    case 11:
      db.prepare('UPDATE sites SET work_days = ? WHERE id = ?').run(r.pick(['1,2,3,4,5', '1,2,3,4,5,6,7', '1,3,5']), r.pick(h.sites));
      return 'work days';
    case 12:
      db.prepare('UPDATE teams SET leader_id = ? WHERE id = ?').run(r.pick(h.people), r.pick(h.teams));
      return 'team leader';
    case 13:
      if (r.chance(0.5)) {
        db.prepare('UPDATE custom_prompts SET weight = ? WHERE id = (SELECT id FROM custom_prompts ORDER BY id LIMIT 1 OFFSET ?)').run(
          r.chance(0.3) ? null : r.int(1, 40),
          r.int(0, 1),
        );
        return 'custom prompt weight';
      }
      db.prepare("UPDATE organisations SET settings = json_set(settings, '$.weights', json(?))").run(JSON.stringify(weightsOf(r)));
      return 'weights';
    default:
      addEvent(h, 10_000 + step);
      return 'new event';
  }
}
