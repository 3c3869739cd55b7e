// Seeds Slack workspaces of leaders straight into a migrated PostgreSQL database for the scale-out
// kill test and the instances benchmark: per workspace an organisation, its installation (through the
// platform state, as an install would store it), sites, and N leaders with a weekly floor-walk
// schedule all due at the same instant. Plain multi-row INSERTs: seeding 10,000 people through
// the audited repositories would take longer than the test.
import type { NewDelivery } from '../../src/core/deliveries';
import { MANIFEST_SCOPES } from './fake-slack-limits';
import type { FakeWorkspace } from './fake-slack';
import { createPgPlatformState } from '../../src/store/pg/platform-state';
import type { OpenPgDatabase } from '../../src/store/pg/db';
import { SecretBox } from '../../src/store/secret-box';

export interface SeededWorkspace {
  teamId: string;
  orgId: string;
  /** The fake Slack side of it: token, bot and the leaders as users. */
  fake: FakeWorkspace;
  personIds: string[];
}

/** Friday 2026-11-27 14:00 in Chicago: every seeded leader's floor-walk prompt is due then. */
export const FRIDAY_DUE = Date.parse('2026-11-27T20:00:00Z');

const ROWS_PER_INSERT = 1_000;

/** The Slack user id of a workspace's i-th seeded leader (1-based). */
export function leaderUserId(teamId: string, i: number): string {
  return `U${teamId}${String(i).padStart(6, '0')}`;
}

async function insertRows(database: OpenPgDatabase, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const batch = rows.slice(i, i + ROWS_PER_INSERT);
    const params: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
    await database.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}

export interface LeaderSeed {
  total: number;
  workspaces: number;
  now: number;
  /** CLAUSE5_SECRET_KEY's 32 bytes, hex: the bot tokens are sealed with it. */
  secretKey: string;
  /** Every leader's floor-walk slot in `zone` (default Friday 14:00, FRIDAY_DUE in Chicago). */
  slot?: { weekday: number; time: string };
  /** The sites' time zone (default America/Chicago). */
  zone?: string;
  /** The sites' work days (default Monday to Friday). */
  workDays?: string;
}

/** `total` leaders spread evenly over `workspaces` Slack workspaces (T001…), 5 sites each. */
export async function seedSlackLeaders(database: OpenPgDatabase, seed: LeaderSeed): Promise<SeededWorkspace[]> {
  const { total, workspaces, now } = seed;
  const slot = seed.slot ?? { weekday: 5, time: '14:00' };
  const state = createPgPlatformState(database, () => now, { box: new SecretBox(Buffer.from(seed.secretKey, 'hex')) });
  const out: SeededWorkspace[] = [];
  for (let w = 0; w < workspaces; w++) {
    const teamId = `T${String(w + 1).padStart(3, '0')}`;
    const orgId = `slack:${teamId}`;
    const fake: FakeWorkspace = {
      teamId,
      teamName: `Plants ${w + 1}`,
      botToken: `xoxb-scaleout-${teamId}`,
      botUserId: `UBOT${teamId}`,
      botId: `B${teamId}`,
      users: [],
    };
    await database.query(`INSERT INTO organisations (id, platform, name, settings, created_at) VALUES ($1, 'slack', $2, '{}', $3)`, [
      orgId,
      fake.teamName,
      now,
    ]);
    await state.slackInstallations.save({
      teamId,
      enterpriseId: null,
      teamName: fake.teamName,
      botToken: fake.botToken,
      botUserId: fake.botUserId,
      botId: fake.botId,
      installerUserId: null,
      scopes: MANIFEST_SCOPES,
    });
    const sites = await database.query<{ id: number }>(
      `INSERT INTO sites (org_id, name, name_key, time_zone, work_days, created_at)
       SELECT $1, 'Plant ' || n, 'plant ' || n, $4, $3, $2 FROM generate_series(1, 5) n RETURNING id`,
      [orgId, now, seed.workDays ?? '1,2,3,4,5', seed.zone ?? 'America/Chicago'],
    );
    const count = Math.floor(total / workspaces) + (w < total % workspaces ? 1 : 0);
    const people: unknown[][] = [];
    const schedules: unknown[][] = [];
    const personIds: string[] = [];
    for (let i = 1; i <= count; i++) {
      const userId = leaderUserId(teamId, i);
      const personId = `${orgId}:${userId}`;
      personIds.push(personId);
      fake.users!.push({ id: userId, name: userId.toLowerCase(), realName: `Leader ${i}` });
      people.push([personId, orgId, `Leader ${i}`, 'leader', sites[i % sites.length]!.id, '2026-01-05', now, now]);
      schedules.push([personId, orgId, slot.weekday, slot.time, true, now]);
    }
    await insertRows(database, 'people', ['id', 'org_id', 'display_name', 'role', 'site_id', 'joined_on', 'created_at', 'updated_at'], people);
    await insertRows(database, 'floor_walk_schedules', ['person_id', 'org_id', 'weekday', 'time', 'active', 'created_at'], schedules);
    out.push({ teamId, orgId, fake, personIds });
  }
  return out;
}

/** The week's floor-walk question of every seeded leader, queued as a fan-out would; `dueAt` of each one's place (0, 1 …). */
export function weekQuestions(seeded: SeededWorkspace[], weekKey: string, dueAt: (n: number) => number): NewDelivery[] {
  return seeded
    .flatMap((ws) => ws.personIds.map((personId) => ({ orgId: ws.orgId, personId })))
    .map(({ orgId, personId }, n) => ({
      orgId,
      key: `floorwalk_prompt:${personId}:${weekKey}`,
      kind: 'floorwalk_prompt',
      personId,
      subject: { weekKey },
      dueAt: dueAt(n),
    }));
}
