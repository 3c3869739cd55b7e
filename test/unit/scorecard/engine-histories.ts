// Seeded histories for comparing the scorecard SQL of the two engines: a generated organisation
// (scripts/bench/generate-org.ts: sites in zones with DST, work days, shutdowns, away periods,
// leaders who joined during the history, meetings, prompts, walks, follow-ups, wins naming people)
// plus what it lacks, drawn from the same seed: withdrawn walks and wins, follow-ups shared by two
// leaders, wins crediting several leaders, custom prompts with every outcome, overlapping away
// periods, a leader with no site in another zone, and leaders who became a leader during their
// joining day (before and after their walk prompt). Plain SQL on the SQLite file, as reference.test.ts
// seeds its edge cases.
import type Database from 'better-sqlite3';
import { generateOrg, rng } from '../../../scripts/bench/generate-org';
import { isoWeekKey, zonedInstant } from '../../../src/core/time';

export interface History {
  path: string;
  orgId: string;
  nowMs: number;
  siteIds: number[];
  leaderIds: string[];
}

export function generateHistory(path: string, seed: number): History {
  const org = generateOrg(path, { leaders: 16, weeks: 48, seed, now: '2027-01-06T15:00:00Z', sites: 4 });
  return { path: org.path, orgId: org.orgId, nowMs: org.nowMs, siteIds: org.sites.map((s) => s.id), leaderIds: org.leaderIds };
}

/** Adds the rows the generator does not write; returns how many of each kind. */
export function addExtras(db: Database.Database, history: History, seed: number): Record<string, number> {
  const r = rng(seed * 31 + 1);
  const { orgId, nowMs } = history;
  const leaders = db.prepare("SELECT id FROM people WHERE role = 'leader' ORDER BY id").all() as Array<{ id: string }>;
  const pick = <T>(list: T[]) => list[r.int(0, list.length - 1)]!;
  const added: Record<string, number> = {};
  const count = (kind: string, n = 1) => {
    added[kind] = (added[kind] ?? 0) + n;
  };
  // Withdrawn walks and wins (about one in twelve).
  count(
    'withdrawn walks',
    db.prepare(`UPDATE floor_walks SET withdrawn_at = ?, withdrawn_by = person_id WHERE abs(id * ${seed} + 7) % 12 = 0`).run(nowMs).changes,
  );
  count('withdrawn wins', db.prepare(`UPDATE wins SET withdrawn_at = ?, withdrawn_by = posted_by WHERE abs(id * ${seed} + 3) % 12 = 0`).run(nowMs).changes);
  // Overlapping away periods of one leader; another leader with no site, in Tokyo.
  const away = db.prepare('INSERT INTO away_periods (org_id, person_id, from_date, to_date, created_at) VALUES (?, ?, ?, ?, ?)');
  away.run(orgId, leaders[0]!.id, '2026-11-16', '2026-11-17', nowMs);
  away.run(orgId, leaders[0]!.id, '2026-11-16', '2026-11-18', nowMs);
  db.prepare("UPDATE people SET site_id = NULL, time_zone = 'Asia/Tokyo' WHERE id = ?").run(leaders[1]!.id);
  // Joining-day leaders: after a Wednesday prompt and never asked; before a Friday slot.
  const joinAt = (id: string, joinedOn: string, time: string, slot: [number, string]) => {
    const { zone } = db
      .prepare('SELECT COALESCE(p.time_zone, s.time_zone, ?) AS zone FROM people p LEFT JOIN sites s ON s.id = p.site_id WHERE p.id = ?')
      .get('America/Chicago', id) as { zone: string };
    db.prepare('UPDATE people SET joined_on = ?, leader_since = ? WHERE id = ?').run(joinedOn, zonedInstant(joinedOn, time, zone), id);
    db.prepare('UPDATE floor_walk_schedules SET weekday = ?, time = ? WHERE person_id = ?').run(slot[0], slot[1], id);
    const week = isoWeekKey(joinedOn);
    db.prepare('UPDATE follow_ups SET walk_id = NULL WHERE walk_id IN (SELECT id FROM floor_walks WHERE person_id = ? AND week_key = ?)').run(id, week);
    db.prepare('DELETE FROM floor_walks WHERE person_id = ? AND week_key = ?').run(id, week);
    db.prepare("DELETE FROM prompts WHERE person_id = ? AND kind = 'floorwalk' AND subject = ?").run(id, `week:${week}`);
    count('joining-day leaders');
  };
  joinAt(leaders[2]!.id, '2026-12-16', '20:00', [3, '09:00']);
  joinAt(leaders[3]!.id, '2026-12-11', '11:00', [5, '14:00']);
  // Follow-ups raised by one leader and owned by another (same site or not), in every state.
  const followUp = db.prepare(
    'INSERT INTO follow_ups (org_id, raised_by, owner_id, text, due_date, status, closed_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (let i = 0; i < 12; i++) {
    const a = pick(leaders).id;
    const b = pick(leaders.filter((l) => l.id !== a)).id;
    const due = `2026-${pick(['10', '11', '12'])}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const closed = r.chance(0.5) ? `2026-12-${String(r.int(1, 31)).padStart(2, '0')}` : null;
    followUp.run(orgId, a, b, 'Shared', due, closed ? 'done' : 'open', closed, nowMs, nowMs);
    count('shared follow-ups');
  }
  // Wins posted by one leader for another's team, naming people of a third leader's team.
  const teams = db.prepare('SELECT id, leader_id AS leader FROM teams WHERE leader_id IS NOT NULL ORDER BY id').all() as Array<{ id: number; leader: string }>;
  const members = db.prepare('SELECT id FROM people WHERE team_id = ? ORDER BY id LIMIT 1');
  for (let i = 0; i < 10; i++) {
    const [t1, t2] = [pick(teams), pick(teams)];
    const win = db
      .prepare('INSERT INTO wins (org_id, team_id, posted_by, text, posted_at) VALUES (?, ?, ?, ?, ?)')
      .run(orgId, t1.id, pick(leaders).id, 'Shared win', nowMs - r.int(1, 120) * 86_400_000);
    const named = members.get(t2.id) as { id: string } | undefined;
    if (named) db.prepare('INSERT OR IGNORE INTO win_people (win_id, person_id) VALUES (?, ?)').run(win.lastInsertRowid, named.id);
    count('wins crediting several leaders');
  }
  addCustomPrompts(db, history, leaders, r, count);
  return added;
}

function addCustomPrompts(
  db: Database.Database,
  { orgId, nowMs }: History,
  leaders: Array<{ id: string }>,
  r: ReturnType<typeof rng>,
  count: (kind: string, n?: number) => void,
): void {
  const definition = db.prepare(
    "INSERT INTO custom_prompts (org_id, question, cadence, audience, answers, created_by, created_at) VALUES (?, ?, 'weekly', 'leaders', 'yes-no', ?, ?)",
  );
  const ids = [1, 2].map((i) => Number(definition.run(orgId, `Custom question ${i}`, leaders[0]!.id, nowMs).lastInsertRowid));
  const prompt = db.prepare("INSERT INTO prompts (org_id, person_id, kind, subject, sent_at, answered_at, status) VALUES (?, ?, 'custom', ?, ?, ?, ?)");
  const answer = db.prepare(
    "INSERT INTO custom_answers (prompt_id, definition_id, org_id, person_id, period_key, answer, outcome, answered_by, answered_at) VALUES (?, ?, ?, ?, ?, 'yes', ?, ?, ?)",
  );
  for (const { id: person } of leaders) {
    for (let week = 1; week <= 20; week++) {
      const definitionId = ids[week % 2]!;
      const sentAt = nowMs - week * 7 * 86_400_000 + r.int(0, 3 * 86_400_000);
      const periodKey = `w${week}`;
      const status = pick(['answered', 'answered', 'answered', 'missed', 'open'] as const);
      const answeredAt = status === 'answered' ? sentAt + r.int(60_000, 86_400_000) : null;
      const id = prompt.run(orgId, person, `custom:${definitionId}:${periodKey}`, sentAt, answeredAt, status).lastInsertRowid;
      if (status === 'answered') answer.run(id, definitionId, orgId, person, periodKey, pick(['done', 'done', 'not_done', 'excused']), person, answeredAt);
      count('custom questions');
    }
  }

  function pick<T>(list: readonly T[]): T {
    return list[r.int(0, list.length - 1)]!;
  }
}
