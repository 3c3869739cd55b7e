// How the weekly scorecard rollups stay true: SQLite triggers on every table the scorecard reads
// note the weeks a write can change, in the same transaction as the write, whichever code path
// wrote it (answers, walks, wins, follow-ups, away, shutdowns, roster import, corrections,
// retention, erasure). A trigger only inserts a mark (org, first and last Monday, the table it
// changed) into scorecard_rollup_marks; before the rollups are read or checked, the marks turn into
// `stale` flags on the weeks already counted (RollupRefresher.fold), and such a week is counted
// again, exactly, from the event tables (refresh.ts). "Maintained" therefore means: never read while
// stale. The table also ends the raw results kept for the days after the last sealed week (live.ts).
//
// Why an insert and not the flag itself: SQLite compiles a trigger's program into every statement
// that may fire it, each time the statement is prepared, and the store's writes are prepared per
// call. An UPDATE of the clustered rollups (a planned range search) made that compile cost about a
// quarter of a prompt answer; a plain insert into a table with no index costs almost nothing.
//
// Which weeks a row can touch (weeks are local ISO weeks, named by their Monday; an instant is a
// local day between the UTC day before and the UTC day after, zones being UTC−12…UTC+14):
// - a dated row (meeting occurrence, walk): the weeks holding that date, ± a day;
// - an instant (prompt sent, win posted): the weeks of its UTC date ± 1 day; for wins also the next
//   week, whose row counts the wins it shares with the week before;
// - a follow-up: every week from its due week on (overdue is a snapshot at each week's end);
// - away periods and shutdowns: the weeks they cover;
// - who leads, their site, zone, team, joining day, work days, walk slots, organisation settings:
//   every week of the organisation (the scorecard's scope is today's leaders on today's sites);
// - the organisation's weights, a custom prompt's weight: every week (its leaders' week indexes).
import type Database from 'better-sqlite3';

const PREFIX = 'rollup_';

/**
 * Notes the organisation's weeks whose Monday is in [lo, hi] (SQL expressions; `from`: a FROM
 * clause they read), and what changed (`what`: a table name, or 'prompts:answers'; live.ts). A
 * null organisation or bound marks nothing (the fold's BETWEEN NULL matches no week); no WHERE or
 * subquery here, each would add to the compile cost again.
 */
function mark(org: string, lo: string, hi: string, what: string, from = ''): string {
  return from
    ? `INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) SELECT ${org}, ${lo}, ${hi}, '${what}' ${from};`
    : `INSERT INTO scorecard_rollup_marks (org_id, lo, hi, source) VALUES (${org}, ${lo}, ${hi}, '${what}');`;
}

const allWeeks = (org: string, what: string) => mark(org, "''", "'9999'", what);
const aroundDate = (org: string, date: string, what: string) => mark(org, `date(${date}, '-7 days')`, `date(${date}, '+1 day')`, what);
const utcDate = (ms: string) => `date(${ms} / 1000, 'unixepoch')`;
const aroundInstant = (org: string, ms: string, what: string, after = '+2 days') =>
  mark(org, `date(${utcDate(ms)}, '-8 days')`, `date(${utcDate(ms)}, '${after}')`, what);
const dateRange = (org: string, from: string, to: string, what: string) => mark(org, `date(${from}, '-7 days')`, `date(${to}, '+1 day')`, what);

interface Watch {
  table: string;
  /** Statements run for a row (`R` stands for NEW or OLD; `what`: the change's source for mark). */
  body: (r: 'NEW' | 'OLD', what: string) => string;
  /** Columns whose change matters on UPDATE (absent: every update). */
  columns?: string[];
  /**
   * Columns that say which weeks the row touches: only when one of them changes does an UPDATE
   * also mark the old row's weeks (otherwise they are the new row's).
   */
  moves?: string[];
  /** A new row changes no counted week. */
  noInsert?: boolean;
  /**
   * Columns an answer sets: an UPDATE of only these is marked '<table>:answers' by a trigger of its
   * own (what reads only the other columns keeps its results, live.ts).
   */
  answers?: string[];
}

const WATCHES: Watch[] = [
  {
    table: 'meeting_occurrences',
    body: (r, what) => aroundDate(`${r}.org_id`, `${r}.local_date`, what),
    columns: ['person_id', 'local_date', 'answer', 'starts_at'],
    moves: ['org_id', 'local_date'],
  },
  {
    table: 'prompts',
    body: (r, what) => aroundInstant(`${r}.org_id`, `${r}.sent_at`, what),
    columns: ['person_id', 'kind', 'subject', 'sent_at'],
    moves: ['org_id', 'sent_at'],
    answers: ['answered_at', 'status'],
  },
  {
    table: 'floor_walks',
    body: (r, what) => aroundDate(`${r}.org_id`, `${r}.walk_date`, what),
    columns: ['person_id', 'walk_date', 'week_key', 'withdrawn_at'],
    moves: ['org_id', 'walk_date'],
  },
  {
    table: 'follow_ups',
    body: (r, what) => mark(`${r}.org_id`, `date(${r}.due_date, '-7 days')`, "'9999'", what),
    columns: ['raised_by', 'owner_id', 'due_date', 'status', 'closed_on'],
    moves: ['org_id', 'due_date'],
  },
  {
    table: 'wins',
    body: (r, what) => aroundInstant(`${r}.org_id`, `${r}.posted_at`, what, '+9 days'),
    columns: ['posted_by', 'team_id', 'posted_at', 'withdrawn_at'],
    moves: ['org_id', 'posted_at'],
  },
  {
    table: 'win_people',
    body: (r, what) =>
      mark('org_id', `date(${utcDate('posted_at')}, '-8 days')`, `date(${utcDate('posted_at')}, '+9 days')`, what, `FROM wins WHERE id = ${r}.win_id`),
  },
  {
    table: 'away_periods',
    body: (r, what) => dateRange(`${r}.org_id`, `${r}.from_date`, `${r}.to_date`, what),
    columns: ['person_id', 'from_date', 'to_date'],
  },
  { table: 'site_closures', body: (r, what) => dateRange(`${r}.org_id`, `${r}.from_date`, `${r}.to_date`, what), columns: ['site_id', 'from_date', 'to_date'] },
  {
    table: 'custom_answers',
    body: (r, what) =>
      mark(`${r}.org_id`, `date(${utcDate('sent_at')}, '-8 days')`, `date(${utcDate('sent_at')}, '+2 days')`, what, `FROM prompts WHERE id = ${r}.prompt_id`),
    columns: ['prompt_id', 'outcome'],
  },
  {
    table: 'people',
    body: (r, what) => allWeeks(`${r}.org_id`, what),
    columns: ['org_id', 'role', 'site_id', 'time_zone', 'team_id', 'joined_on', 'leader_since'],
  },
  { table: 'sites', body: (r, what) => allWeeks(`${r}.org_id`, what), columns: ['org_id', 'time_zone', 'work_days'] },
  { table: 'teams', body: (r, what) => allWeeks(`${r}.org_id`, what), columns: ['org_id', 'leader_id'] },
  { table: 'floor_walk_schedules', body: (r, what) => allWeeks(`${r}.org_id`, what), columns: ['org_id', 'person_id', 'weekday', 'time', 'active'] },
  { table: 'organisations', body: (r, what) => allWeeks(`${r}.id`, what), columns: ['settings'] },
  // A custom prompt's weight is in every week's leader index (leader-index.ts); a new prompt has no
  // answers yet, so an insert changes no week.
  { table: 'custom_prompts', body: (r, what) => allWeeks(`${r}.org_id`, what), columns: ['weight'], noInsert: true },
];

function triggersOf(watch: Watch): Array<{ name: string; sql: string }> {
  const { table, columns } = watch;
  const body = (r: 'NEW' | 'OLD', what = table) => watch.body(r, what);
  // UPDATE OF: SQLite compiles a trigger into every UPDATE statement that may fire it, on every
  // prepare; naming the columns keeps it out of the updates that set none of them (snoozes,
  // reminders, delivery bookkeeping). WHEN then asks whether a value really changed.
  const onUpdate = (list: string[] | undefined) =>
    list ? `AFTER UPDATE OF ${list.join(', ')} ON ${table} WHEN ${list.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')}` : `AFTER UPDATE ON ${table}`;
  const update = watch.moves
    ? [
        { name: `${PREFIX}${table}_update`, sql: `${onUpdate([...new Set([...(columns ?? []), ...watch.moves])])} BEGIN ${body('NEW')} END` },
        { name: `${PREFIX}${table}_moved`, sql: `${onUpdate(watch.moves)} BEGIN ${body('OLD')} END` },
      ]
    : [{ name: `${PREFIX}${table}_update`, sql: `${onUpdate(columns)} BEGIN ${body('OLD')} ${body('NEW')} END` }];
  const answered = watch.answers
    ? [{ name: `${PREFIX}${table}_answered`, sql: `${onUpdate(watch.answers)} BEGIN ${body('NEW', `${table}:answers`)} END` }]
    : [];
  return [
    ...(watch.noInsert ? [] : [{ name: `${PREFIX}${table}_insert`, sql: `AFTER INSERT ON ${table} BEGIN ${body('NEW')} END` }]),
    ...update,
    ...answered,
    { name: `${PREFIX}${table}_delete`, sql: `AFTER DELETE ON ${table} BEGIN ${body('OLD')} END` },
  ];
}

/** The rollup triggers, by name. */
export function rollupTriggers(): Array<{ name: string; sql: string }> {
  return WATCHES.flatMap(triggersOf);
}

/**
 * (Re)creates the triggers on a migrated database: dropped and created again on every start, so a
 * changed definition replaces the old one (triggers are not part of the drizzle migrations).
 */
export function installRollupTriggers(sqlite: Database.Database): void {
  const wanted = rollupTriggers();
  const existing = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rollup\\_%' ESCAPE '\\'").pluck().all() as string[];
  sqlite.transaction(() => {
    for (const name of existing) sqlite.exec(`DROP TRIGGER IF EXISTS ${name}`);
    for (const t of wanted) sqlite.exec(`CREATE TRIGGER ${t.name} ${t.sql}`);
  })();
}

/** Trigger names missing from the database (for `verify`). */
export function missingRollupTriggers(sqlite: Database.Database): string[] {
  const present = new Set(sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]);
  return rollupTriggers()
    .map((t) => t.name)
    .filter((n) => !present.has(n));
}
