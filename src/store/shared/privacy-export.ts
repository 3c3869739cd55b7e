// `clause5 person export`: every row that is about one person, read with plain SQL, keys in
// camelCase and JSON columns parsed, so the file reads as the records Clause5 shows. The SQL is
// the same on both engines; each passes its own reader (`?` placeholders, values as SQLite stores
// them: booleans as 1/0, so that one person's file is the same whichever engine wrote it).
import type { PersonExport } from '../../core/retention/privacy';

type Rec = Record<string, unknown>;

/** Runs one SELECT with `?` placeholders, rows with the columns' own (snake_case) names. */
export type ExportReader = (sql: string, params: unknown[]) => Promise<Rec[]>;

const camel = (key: string) => key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
const JSON_COLUMNS = new Set(['tags', 'settings', 'subject']);

function record(row: Rec): Rec {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), JSON_COLUMNS.has(k) && typeof v === 'string' ? safeParse(v) : v]));
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function exportPerson(read: ExportReader, orgId: string, personId: string, at: number): Promise<PersonExport> {
  const all = async (sql: string, ...params: unknown[]) => (await read(sql, params)).map(record);
  const one = async (sql: string, ...params: unknown[]) => (await all(sql, ...params))[0] ?? null;
  const profile = await one('SELECT * FROM people WHERE org_id = ? AND id = ?', orgId, personId);
  if (!profile) throw new Error(`There is no person ${personId} in ${orgId}.`);
  const org = (await one('SELECT id, name FROM organisations WHERE id = ?', orgId))!;
  const winsWithPeople = async (rows: Rec[]) => {
    const out: Rec[] = [];
    for (const w of rows) {
      const people = await read('SELECT person_id FROM win_people WHERE win_id = ? ORDER BY person_id', [w.id]);
      out.push({ ...w, people: people.map((p) => p.person_id) });
    }
    return out;
  };
  return {
    exportedAt: new Date(at).toISOString(),
    organisation: { id: String(org.id), name: String(org.name) },
    profile,
    role: String(profile.role),
    site: profile.siteId == null ? null : await one('SELECT id, name, time_zone, work_days FROM sites WHERE id = ?', profile.siteId),
    team: profile.teamId == null ? null : await one('SELECT id, name, site_id, leader_id FROM teams WHERE id = ?', profile.teamId),
    teamsLed: await all('SELECT id, name, site_id FROM teams WHERE org_id = ? AND leader_id = ? ORDER BY id', orgId, personId),
    floorWalkSchedule: await one('SELECT weekday, time, active FROM floor_walk_schedules WHERE person_id = ?', personId),
    digestRecipient: (await one('SELECT 1 AS yes FROM digest_recipients WHERE org_id = ? AND person_id = ?', orgId, personId)) !== null,
    meetings: await all('SELECT * FROM meetings WHERE org_id = ? AND person_id = ? ORDER BY id', orgId, personId),
    meetingAnswers: await all('SELECT * FROM meeting_occurrences WHERE org_id = ? AND person_id = ? ORDER BY starts_at, id', orgId, personId),
    prompts: await all(
      'SELECT id, kind, subject, sent_at, answered_at, answer, status, snooze_count FROM prompts WHERE org_id = ? AND person_id = ? ORDER BY sent_at, id',
      orgId,
      personId,
    ),
    customAnswers: await all('SELECT * FROM custom_answers WHERE org_id = ? AND person_id = ? ORDER BY period_key, prompt_id', orgId, personId),
    floorWalks: await all('SELECT * FROM floor_walks WHERE org_id = ? AND person_id = ? ORDER BY walk_date, id', orgId, personId),
    followUpsRaised: await all('SELECT * FROM follow_ups WHERE org_id = ? AND raised_by = ? ORDER BY id', orgId, personId),
    followUpsOwned: await all('SELECT * FROM follow_ups WHERE org_id = ? AND owner_id = ? ORDER BY id', orgId, personId),
    winsGiven: await winsWithPeople(await all('SELECT * FROM wins WHERE org_id = ? AND posted_by = ? ORDER BY posted_at, id', orgId, personId)),
    winsNamed: await winsWithPeople(
      await all(
        'SELECT w.* FROM wins w JOIN win_people p ON p.win_id = w.id WHERE w.org_id = ? AND p.person_id = ? ORDER BY w.posted_at, w.id',
        orgId,
        personId,
      ),
    ),
    awayPeriods: await all('SELECT * FROM away_periods WHERE org_id = ? AND person_id = ? ORDER BY from_date, id', orgId, personId),
    auditEntries: (
      await all(
        `SELECT id, actor_id, entity, entity_id, action, before, after, at FROM audit_log
       WHERE org_id = ? AND (actor_id = ? OR (entity IN ('person', 'floor_walk_schedule', 'digest_recipient', 'erasure') AND entity_id = ?)) ORDER BY id`,
        orgId,
        personId,
        personId,
      )
    ).map((e) => ({ ...e, before: e.before == null ? null : safeParse(String(e.before)), after: e.after == null ? null : safeParse(String(e.after)) })),
  };
}
