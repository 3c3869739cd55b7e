// Writes N leaders with weekly floor-walk schedules straight into a migrated SQLite file (one
// transaction of plain INSERTs: seeding 10,000 people through the audited repos would take longer
// than the benchmark). For Teams organisations it also stores each leader's 1:1 conversation
// reference, as the app install would have.
import type Database from 'better-sqlite3';

export interface LeaderSeed {
  orgId: string;
  platform: 'slack' | 'teams' | 'local';
  count: number;
  /** Sites the leaders are spread over (default 20). */
  sites?: number;
  timeZone?: string;
  /** ISO weekday and local time of every leader's prompt (default Friday 14:00: all due together). */
  weekday?: number;
  time?: string;
  joinedOn?: string;
  /** Teams: the conversation references to store. */
  teams?: { tenantId: string; serviceUrl: string; botId: string };
  now?: number;
}

export interface SeededLeader {
  personId: string;
  /** The platform's user id: Slack 'U…', Teams AAD object id. */
  userId: string;
  /** Teams only: the 1:1 conversation id. */
  conversationId?: string;
}

export function slackUserOf(i: number): string {
  return `U${String(i).padStart(8, '0')}`;
}

export function seedLeaders(sqlite: Database.Database, seed: LeaderSeed): SeededLeader[] {
  const now = seed.now ?? Date.now();
  const zone = seed.timeZone ?? 'America/Chicago';
  const siteCount = seed.sites ?? 20;
  const out: SeededLeader[] = [];
  sqlite.transaction(() => {
    sqlite
      .prepare(`INSERT OR IGNORE INTO organisations (id, platform, name, settings, created_at) VALUES (?, ?, ?, '{}', ?)`)
      .run(seed.orgId, seed.platform, 'Bench Plant Group', now);
    const siteIds: number[] = [];
    const site = sqlite.prepare(`INSERT INTO sites (org_id, name, name_key, time_zone, work_days, created_at) VALUES (?, ?, ?, ?, '1,2,3,4,5', ?)`);
    for (let s = 0; s < siteCount; s++) {
      siteIds.push(Number(site.run(seed.orgId, `Plant ${s + 1}`, `plant ${s + 1}`, zone, now).lastInsertRowid));
    }
    const person = sqlite.prepare(
      `INSERT INTO people (id, org_id, handle, display_name, time_zone, role, site_id, joined_on, created_at, updated_at)
       VALUES (?, ?, ?, ?, NULL, 'leader', ?, ?, ?, ?)`,
    );
    const schedule = sqlite.prepare(`INSERT INTO floor_walk_schedules (person_id, org_id, weekday, time, active, created_at) VALUES (?, ?, ?, ?, 1, ?)`);
    const conversation = sqlite.prepare(
      `INSERT INTO teams_conversations (org_id, tenant_id, kind, subject, service_url, conversation_id, bot_id, user_id, name, created_at, updated_at)
       VALUES (?, ?, 'person', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 1; i <= seed.count; i++) {
      const userId =
        seed.platform === 'teams' ? `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` : seed.platform === 'slack' ? slackUserOf(i) : `leader${i}`;
      const personId = seed.platform === 'local' ? `local:${userId}` : `${seed.orgId}:${userId}`;
      const name = `Leader ${i}`;
      person.run(personId, seed.orgId, seed.platform === 'local' ? userId : null, name, siteIds[i % siteCount]!, seed.joinedOn ?? '2026-01-05', now, now);
      schedule.run(personId, seed.orgId, seed.weekday ?? 5, seed.time ?? '14:00', now);
      const leader: SeededLeader = { personId, userId };
      if (seed.teams) {
        leader.conversationId = `a:1chat-leader-${i}`;
        conversation.run(
          seed.orgId,
          seed.teams.tenantId,
          personId,
          seed.teams.serviceUrl,
          leader.conversationId,
          seed.teams.botId,
          `29:1leader-${i}`,
          name,
          now,
          now,
        );
      }
      out.push(leader);
    }
  })();
  return out;
}
