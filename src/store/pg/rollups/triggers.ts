// The rollup triggers on PostgreSQL: the same marks as SQLite's (src/store/sqlite/rollups/
// schema-triggers.ts says which weeks each table's row can touch, and why a trigger only inserts a
// mark), as one PL/pgSQL function per table and two triggers: insert or delete, and an update of a
// column that matters (WHEN it really changed; both the old and the new row's weeks are marked).
// Installed by migration 0011_pg_rollup_triggers.sql, which holds rollupTriggersSql()'s text (a
// test checks the two agree); a changed definition is a new migration.

/** A text date expression moved by `days`, as 'YYYY-MM-DD' (null stays null: the mark matches no week). */
const shift = (date: string, days: number) => `to_char((${date})::date ${days < 0 ? '-' : '+'} ${Math.abs(days)}, 'YYYY-MM-DD')`;
const utcDate = (ms: string) => `to_char(to_timestamp((${ms}) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;

function mark(org: string, lo: string, hi: string, what: string, from = ''): string {
  return from
    ? `INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) SELECT ${org}, ${lo}, ${hi}, '${what}' ${from};`
    : `INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (${org}, ${lo}, ${hi}, '${what}');`;
}

const allWeeks = (org: string, what: string) => mark(org, "''", "'9999'", what);
const aroundDate = (org: string, date: string, what: string) => mark(org, shift(date, -7), shift(date, 1), what);
const aroundInstant = (org: string, ms: string, what: string, after = 2) => mark(org, shift(utcDate(ms), -8), shift(utcDate(ms), after), what);
const dateRange = (org: string, from: string, to: string, what: string) => mark(org, shift(from, -7), shift(to, 1), what);

interface Watch {
  table: string;
  /** Statements for a row (`r`: NEW or OLD). */
  body: (r: 'NEW' | 'OLD', what: string) => string;
  /** Columns whose change matters on UPDATE. */
  columns: string[];
  /** A new row changes no counted week. */
  noInsert?: boolean;
}

const WATCHES: Watch[] = [
  {
    table: 'meeting_occurrences',
    body: (r, w) => aroundDate(`${r}.org_id`, `${r}.local_date`, w),
    columns: ['org_id', 'person_id', 'local_date', 'answer', 'starts_at'],
  },
  {
    table: 'prompts',
    body: (r, w) => aroundInstant(`${r}.org_id`, `${r}.sent_at`, w),
    columns: ['org_id', 'person_id', 'kind', 'subject', 'sent_at', 'answered_at', 'status'],
  },
  {
    table: 'floor_walks',
    body: (r, w) => aroundDate(`${r}.org_id`, `${r}.walk_date`, w),
    columns: ['org_id', 'person_id', 'walk_date', 'week_key', 'withdrawn_at'],
  },
  {
    table: 'follow_ups',
    body: (r, w) => mark(`${r}.org_id`, shift(`${r}.due_date`, -7), "'9999'", w),
    columns: ['org_id', 'raised_by', 'owner_id', 'due_date', 'status', 'closed_on'],
  },
  {
    table: 'wins',
    body: (r, w) => aroundInstant(`${r}.org_id`, `${r}.posted_at`, w, 9),
    columns: ['org_id', 'posted_by', 'team_id', 'posted_at', 'withdrawn_at'],
  },
  {
    table: 'win_people',
    body: (r, w) => mark('w.org_id', shift(utcDate('w.posted_at'), -8), shift(utcDate('w.posted_at'), 9), w, `FROM wins w WHERE w.id = ${r}.win_id`),
    columns: ['win_id', 'person_id'],
  },
  {
    table: 'away_periods',
    body: (r, w) => dateRange(`${r}.org_id`, `${r}.from_date`, `${r}.to_date`, w),
    columns: ['org_id', 'person_id', 'from_date', 'to_date'],
  },
  {
    table: 'site_closures',
    body: (r, w) => dateRange(`${r}.org_id`, `${r}.from_date`, `${r}.to_date`, w),
    columns: ['org_id', 'site_id', 'from_date', 'to_date'],
  },
  {
    table: 'custom_answers',
    body: (r, w) => mark(`${r}.org_id`, shift(utcDate('p.sent_at'), -8), shift(utcDate('p.sent_at'), 2), w, `FROM prompts p WHERE p.id = ${r}.prompt_id`),
    columns: ['org_id', 'prompt_id', 'outcome'],
  },
  {
    table: 'people',
    body: (r, w) => allWeeks(`${r}.org_id`, w),
    columns: ['org_id', 'role', 'site_id', 'time_zone', 'team_id', 'joined_on', 'leader_since'],
  },
  { table: 'sites', body: (r, w) => allWeeks(`${r}.org_id`, w), columns: ['org_id', 'time_zone', 'work_days'] },
  { table: 'teams', body: (r, w) => allWeeks(`${r}.org_id`, w), columns: ['org_id', 'leader_id'] },
  { table: 'floor_walk_schedules', body: (r, w) => allWeeks(`${r}.org_id`, w), columns: ['org_id', 'person_id', 'weekday', 'time', 'active'] },
  { table: 'organisations', body: (r, w) => allWeeks(`${r}.id`, w), columns: ['settings'] },
  // A custom prompt's weight is in every week's leader index; a new prompt has no answers yet.
  { table: 'custom_prompts', body: (r, w) => allWeeks(`${r}.org_id`, w), columns: ['weight'], noInsert: true },
];

/** The watched tables (for `verify` and the tests). */
export const WATCHED_TABLES = WATCHES.map((w) => w.table);

function triggerSql({ table, body, columns, noInsert }: Watch): string {
  const fn = `rollup_mark_${table}`;
  const changed = `ROW(${columns.map((c) => `OLD.${c}`).join(', ')}) IS DISTINCT FROM ROW(${columns.map((c) => `NEW.${c}`).join(', ')})`;
  return `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN ${body('OLD', table)} END IF;
  IF TG_OP <> 'DELETE' THEN ${body('NEW', table)} END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rollup_${table}_write AFTER ${noInsert ? '' : 'INSERT OR '}DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${fn}();
--> statement-breakpoint
CREATE TRIGGER rollup_${table}_update AFTER UPDATE OF ${columns.join(', ')} ON ${table} FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION ${fn}();`;
}

/** The migration's text: every watched table's function and triggers. */
export function rollupTriggersSql(): string {
  return `${WATCHES.map(triggerSql).join('\n--> statement-breakpoint\n')}\n`;
}

/** Names of the triggers the migration creates (a missing one is reported by `verify`). */
export const ROLLUP_TRIGGER_NAMES = WATCHES.flatMap((w) => [`rollup_${w.table}_write`, `rollup_${w.table}_update`]);
