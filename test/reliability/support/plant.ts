// A generated customer base on a real, migrated SQLite file: Slack workspaces (installed, with a
// UTC site that works every day of the week) and their leaders, each with a weekly floor-walk
// prompt at the same slot, so that a whole fan-out falls due at one minute. Written with prepared
// statements in one transaction (10k leaders in well under a second); the server then reads it
// as it would read any database.
import { openDatabase } from '../../../src/store/sqlite/db';
import { localParts } from '../../../src/core/time';
import { LAST_PASS_KEY } from '../../../src/scheduler/pass';
import type { FakeSlack, FakeWorkspace } from '../../support/fake-slack';

export const SIGNING_SECRET = 'reliability-signing-secret-7f3a91';
export const CLIENT_SECRET = 'reliability-client-secret-55c0de';
export const STATE_SECRET = 'reliability-state-secret-0b1e2d';
export const CLIENT_ID = 'fake-client-id';

export interface Leader {
  teamId: string;
  userId: string;
  personId: string;
  orgId: string;
  /** Whether Clause5 knew the leader's DM channel from the start (PlantSpec.knownDm). */
  dmKnown: boolean;
}

export interface Plant {
  workspaces: FakeWorkspace[];
  leaders: Leader[];
  /** The instant every floor-walk prompt is due (epoch ms). */
  dueAt: number;
}

export interface PlantSpec {
  workspaces: number;
  leadersPer: number;
  /** Due instant of every prompt (its UTC weekday and minute become the schedule). */
  dueAt: number;
  /** The scheduler's last pass (default: five minutes before the due time). */
  lastPassAt?: number;
  /** Prefix of team ids (keeps several plants in one fake apart). */
  prefix?: string;
  /** Display name of leader `i` of workspace `w` (default 'Leader w-i'). */
  name?: (w: number, i: number) => string;
  /** Make each workspace's first leader its admin. */
  admins?: boolean;
  /**
   * Leaders whose DM channel Clause5 already knows (as after an earlier message to them): their
   * slack_dm_channels row is seeded with the id the fake Slack gives their DM ('D' + user id).
   */
  knownDm?: (w: number, i: number) => boolean;
}

export function teamIdOf(prefix: string, w: number): string {
  return `T${prefix}${String(w).padStart(3, '0')}`;
}

export function seedSlackPlant(dbPath: string, spec: PlantSpec): Plant {
  const prefix = spec.prefix ?? 'R';
  const { time, weekday } = localParts(spec.dueAt, 'UTC');
  const database = openDatabase(dbPath);
  const db = database.sqlite;
  const now = Date.now();
  const workspaces: FakeWorkspace[] = [];
  const leaders: Leader[] = [];
  try {
    const org = db.prepare(`INSERT INTO organisations (id, platform, name, settings, created_at) VALUES (?, 'slack', ?, '{}', ?)`);
    const site = db.prepare(
      `INSERT INTO sites (org_id, name, name_key, time_zone, work_days, created_at) VALUES (?, 'Plant', 'plant', 'UTC', '1,2,3,4,5,6,7', ?) RETURNING id`,
    );
    const person = db.prepare(
      `INSERT INTO people (id, org_id, display_name, role, site_id, joined_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '2020-01-01', ?, ?)`,
    );
    const schedule = db.prepare(`INSERT INTO floor_walk_schedules (person_id, org_id, weekday, time, active, created_at) VALUES (?, ?, ?, ?, 1, ?)`);
    const install = db.prepare(
      `INSERT INTO slack_installations (team_id, team_name, bot_token, bot_user_id, bot_id, scopes, installed_at) VALUES (?, ?, ?, ?, ?, 'chat:write,commands,users:read', ?)`,
    );
    const dm = db.prepare(`INSERT INTO slack_dm_channels (team_id, user_id, channel_id, updated_at) VALUES (?, ?, ?, ?)`);
    const state = db.prepare(`INSERT INTO scheduler_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
    db.transaction(() => {
      for (let w = 0; w < spec.workspaces; w++) {
        const teamId = teamIdOf(prefix, w);
        const orgId = `slack:${teamId}`;
        const ws: FakeWorkspace = {
          teamId,
          teamName: spec.name ? `${spec.name(w, 0).split(' ')[0]} Works` : `Works ${w}`,
          botToken: `xoxb-${teamId}-reliability-${w}`,
          botUserId: `UBOT${teamId}`,
          botId: `B${teamId}`,
          channels: [`C${teamId}WINS`],
          users: [],
        };
        org.run(orgId, ws.teamName, now);
        const siteId = (site.get(orgId, now) as { id: number }).id;
        install.run(teamId, ws.teamName, ws.botToken, ws.botUserId, ws.botId, now);
        for (let i = 0; i < spec.leadersPer; i++) {
          const userId = `U${teamId.slice(1)}L${String(i).padStart(5, '0')}`;
          const personId = `slack:${teamId}:${userId}`;
          const displayName = spec.name?.(w, i) ?? `Leader ${w}-${i}`;
          person.run(personId, orgId, displayName, spec.admins && i === 0 ? 'admin' : 'leader', siteId, now, now);
          schedule.run(personId, orgId, weekday, time, now);
          ws.users!.push({ id: userId, name: `leader${w}_${i}`, realName: displayName, displayName, tz: 'UTC' });
          const dmKnown = spec.knownDm?.(w, i) ?? false;
          if (dmKnown) dm.run(teamId, userId, `D${userId}`, now);
          leaders.push({ teamId, userId, personId, orgId, dmKnown });
        }
        workspaces.push(ws);
      }
      state.run(LAST_PASS_KEY, String(spec.lastPassAt ?? spec.dueAt - 5 * 60_000));
    })();
  } finally {
    database.close();
  }
  return { workspaces, leaders, dueAt: spec.dueAt };
}

/** The start of the minute before now: a due time every prompt has just passed. */
export function justDue(now = Date.now()): number {
  return Math.floor(now / 60_000) * 60_000 - 60_000;
}

export function addToFake(fake: FakeSlack, plant: Plant): void {
  for (const ws of plant.workspaces) fake.addWorkspace(ws);
}

/** Environment of a multi-workspace (OAuth) Slack server on `dbPath`, calling the fake at `apiUrl`. */
export function slackEnv(dbPath: string, apiUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    CLAUSE5_DB: dbPath,
    CLAUSE5_SECRET_KEY: Buffer.alloc(32, 9).toString('base64'),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    SLACK_STATE_SECRET: STATE_SECRET,
    SLACK_API_URL: apiUrl,
    ...extra,
  };
}

/** Successful prompt DMs per (team, user) recorded by the fake. */
export function dmCounts(fake: FakeSlack): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of fake.calls) {
    if (c.method !== 'chat.postMessage' || c.outcome !== 'ok') continue;
    const key = `${c.team}:${String(c.args.channel)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** How many of the plant's leaders have had at least one DM (other plants in the same fake ignored). */
export function reached(fake: FakeSlack, plant: Plant): number {
  const counts = dmCounts(fake);
  return plant.leaders.filter((l) => counts.has(`${l.teamId}:${l.userId}`)).length;
}
