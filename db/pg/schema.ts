// Clause5 database schema for PostgreSQL (drizzle pg-core): the same tables, columns, indexes and
// unique keys as db/schema.ts (SQLite), checked by test/unit/store/schema-parity.test.ts. Change both
// together. Timestamps are epoch milliseconds (UTC, bigint read as numbers); calendar dates are
// 'YYYY-MM-DD' strings in the person's or site's own time zone; JSON stays text, as in SQLite, so
// both engines hand the same strings to the shared row mappers. Ids are identity columns "by
// default", so a copy from SQLite can keep its ids (the sequences are reset after it).
// Every row belongs to one organisation (a Slack workspace, a Teams tenant or the local org).
import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

/** Epoch milliseconds: past 2^31, so bigint, read back as a JS number. */
const ms = (name: string) => bigint(name, { mode: 'number' });

const createdAt = () => ms('created_at').notNull();

export const organisations = pgTable('organisations', {
  id: text('id').primaryKey(), // 'local', 'slack:T123', 'teams:<tenant id>'
  platform: text('platform', { enum: ['local', 'slack', 'teams'] }).notNull(),
  name: text('name').notNull(),
  /** JSON: OrgSettings (scorecard weights, default floor-walk slot, digest channel). */
  settings: text('settings').notNull().default('{}'),
  /**
   * Who became admin by being the first to talk to a new organisation. Claimed once, by a
   * compare-and-set in the transaction that stores them, so concurrent first arrivals leave one admin.
   */
  firstAdminId: text('first_admin_id'),
  createdAt: createdAt(),
});

export const sites = pgTable(
  'sites',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(), // lower-cased name, for case-insensitive lookups
    timeZone: text('time_zone').notNull(),
    /** ISO weekday numbers (1 = Monday … 7 = Sunday), comma separated. */
    workDays: text('work_days').notNull().default('1,2,3,4,5'),
    winsChannel: text('wins_channel'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('sites_org_name').on(t.orgId, t.nameKey)],
);

/** Plant shutdowns and holidays: whole local days on which nobody at the site owes anything. */
export const siteClosures = pgTable(
  'site_closures',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [index('site_closures_site').on(t.siteId, t.fromDate)],
);

export const people = pgTable(
  'people',
  {
    id: text('id').primaryKey(), // 'slack:T123:U456', 'teams:<tenant>:<aad object id>', 'local:alice'
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    handle: text('handle'), // short name typed after '@' in local mode and CSV rosters
    displayName: text('display_name').notNull(),
    timeZone: text('time_zone'), // null: use the site's zone
    role: text('role', { enum: ['leader', 'quality_manager', 'admin', 'member'] })
      .notNull()
      .default('member'),
    siteId: integer('site_id').references(() => sites.id),
    teamId: integer('team_id'),
    joinedOn: text('joined_on').notNull(),
    /**
     * When the person last became a leader (epoch ms; null: before this was recorded). On their
     * joining day it says whether that day's walk slot and meetings came before they led.
     */
    leaderSince: ms('leader_since'),
    /** Set when the platform says the person cannot be messaged (e.g. Teams app not installed). */
    unreachableReason: text('unreachable_reason'),
    /**
     * A member of another workspace acting here (Slack Connect): may post wins and answer prompts
     * sent to them, never administer or read scorecards. Set the first time they act as one.
     */
    guest: boolean('guest').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('people_org_role').on(t.orgId, t.role), uniqueIndex('people_org_handle').on(t.orgId, t.handle), index('people_team').on(t.teamId)],
);

export const teams = pgTable(
  'teams',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    siteId: integer('site_id').references(() => sites.id),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    leaderId: text('leader_id').references(() => people.id),
    channel: text('channel'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('teams_org_name').on(t.orgId, t.nameKey), index('teams_leader').on(t.leaderId)],
);

export const awayPeriods = pgTable(
  'away_periods',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    reason: text('reason'),
    /** Who recorded the period (the person, or a quality manager/admin for them). */
    recordedBy: text('recorded_by'),
    createdAt: createdAt(),
  },
  (t) => [index('away_person').on(t.personId, t.fromDate)],
);

export const floorWalkSchedules = pgTable('floor_walk_schedules', {
  personId: text('person_id')
    .primaryKey()
    .references(() => people.id),
  orgId: text('org_id')
    .notNull()
    .references(() => organisations.id),
  weekday: integer('weekday').notNull().default(5), // ISO weekday, 5 = Friday
  time: text('time').notNull().default('14:00'),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

export const meetings = pgTable(
  'meetings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    title: text('title').notNull(),
    recurrence: text('recurrence', { enum: ['daily', 'weekdays', 'days', 'cron'] }).notNull(),
    days: text('days'), // ISO weekdays for 'days', e.g. '1,3,5'
    cron: text('cron'), // five-field cron for 'cron' (minute hour day-of-month month day-of-week)
    time: text('time'), // 'HH:MM' local, null for 'cron'
    timeZone: text('time_zone').notNull(),
    leadMinutes: integer('lead_minutes').notNull().default(10),
    durationMinutes: integer('duration_minutes').notNull().default(30),
    channel: text('channel'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    removedAt: ms('removed_at'),
  },
  (t) => [index('meetings_org_active').on(t.orgId, t.active), index('meetings_person').on(t.personId)],
);

/** One dated instance of a meeting; the answer to "did you open with a quality update?". */
export const meetingOccurrences = pgTable(
  'meeting_occurrences',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    occurrenceKey: text('occurrence_key').notNull(), // local 'YYYY-MM-DDTHH:MM' in the meeting's zone
    startsAt: ms('starts_at').notNull(),
    localDate: text('local_date').notNull(), // in the leader's zone
    answer: text('answer', { enum: ['yes', 'no', 'cancelled'] }),
    topic: text('topic'),
    tags: text('tags').notNull().default('[]'),
    answeredAt: ms('answered_at'),
    answeredBy: text('answered_by'),
  },
  (t) => [
    uniqueIndex('occurrence_unique').on(t.meetingId, t.occurrenceKey),
    // answer: the scorecard counts a leader's occurrences from this index alone (covering).
    index('occurrence_person_date').on(t.personId, t.localDate, t.answer),
  ],
);

/** A question the bot asked a person, and when (and how) it was answered. */
export const prompts = pgTable(
  'prompts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    kind: text('kind').notNull(), // named by the area that asks (PromptKind)
    subject: text('subject').notNull(), // 'occurrence:12', 'week:2026-W48', 'followup:5:2026-11-20'
    sentAt: ms('sent_at').notNull(),
    answeredAt: ms('answered_at'),
    answer: text('answer'),
    status: text('status', { enum: ['open', 'answered', 'missed'] })
      .notNull()
      .default('open'),
    snoozeCount: integer('snooze_count').notNull().default(0),
    snoozedUntil: ms('snoozed_until'),
    messageRef: text('message_ref'), // platform reference of the sent message, to update it later
    // When the prompt lifecycle looks at an open prompt next: its planned reminder (a snooze's end
    // once snoozed) and the end of its period. Null: not worked out (rows from before these columns).
    remindAt: ms('remind_at'),
    closesAt: ms('closes_at'),
  },
  (t) => [
    uniqueIndex('prompts_subject').on(t.personId, t.kind, t.subject),
    // The lifecycle's reminder and period-end sources read only the open prompts due in a pass window.
    index('prompts_open_remind').on(t.kind, t.remindAt).where(sql`status = 'open'`),
    index('prompts_open_closes').on(t.kind, t.closesAt).where(sql`status = 'open'`),
    index('prompts_open_sent').on(t.kind, t.sentAt).where(sql`status = 'open'`),
    // answered_at, status: the scorecard's response rate and medians read only this index (covering).
    index('prompts_person_sent').on(t.personId, t.sentAt, t.answeredAt, t.status),
    index('prompts_org_kind_status').on(t.orgId, t.kind, t.status),
  ],
);

export const objectives = pgTable(
  'objectives',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    code: text('code').notNull(), // short tag, e.g. 'OTD'; used as #OTD
    title: text('title').notNull(),
    customerFocus: boolean('customer_focus').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('objectives_org_code').on(t.orgId, t.code)],
);

/**
 * Who recorded the current version of a record (null: its subject) and its withdrawal. A withdrawn
 * record stays (with every earlier version in the audit log) but no longer counts.
 */
const correctionColumns = () => ({
  recordedBy: text('recorded_by'),
  withdrawnAt: ms('withdrawn_at'),
  withdrawnBy: text('withdrawn_by'),
  withdrawnReason: text('withdrawn_reason'),
});

export const floorWalks = pgTable(
  'floor_walks',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    area: text('area').notNull(),
    walkDate: text('walk_date').notNull(),
    weekKey: text('week_key').notNull(), // ISO week of walk_date, e.g. '2026-W53'
    wentWell: text('went_well'),
    concerns: text('concerns'),
    tags: text('tags').notNull().default('[]'),
    source: text('source', { enum: ['prompt', 'adhoc', 'import'] }).notNull(),
    ...correctionColumns(),
    createdAt: createdAt(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('walks_person_week').on(t.personId, t.weekKey)],
);

export const followUps = pgTable(
  'follow_ups',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    walkId: integer('walk_id').references(() => floorWalks.id),
    raisedBy: text('raised_by')
      .notNull()
      .references(() => people.id),
    ownerId: text('owner_id')
      .notNull()
      .references(() => people.id),
    text: text('text').notNull(),
    dueDate: text('due_date').notNull(),
    status: text('status', { enum: ['open', 'done'] })
      .notNull()
      .default('open'),
    closedAt: ms('closed_at'),
    closedOn: text('closed_on'), // local date of closing, owner's zone
    /** Who recorded the latest change (null: the one who raised it, at creation). */
    recordedBy: text('recorded_by'),
    /** Why the due date was last moved after it had passed (required then; also in the audit log). */
    lateMoveReason: text('late_move_reason'),
    createdAt: createdAt(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [
    // Trailing columns: the scorecard reads a leader's follow-ups from these indexes alone (covering).
    index('followups_owner').on(t.ownerId, t.status, t.dueDate, t.closedOn, t.orgId),
    index('followups_raiser').on(t.raisedBy, t.dueDate, t.ownerId, t.status, t.closedOn, t.orgId),
    index('followups_org_due').on(t.orgId, t.status, t.dueDate),
    // The follow-ups closed in a few days (a rollup tail's overdue change, rollups/edge-sql.ts), not every leader's history.
    index('followups_org_closed').on(t.orgId, t.closedOn, t.status, t.dueDate, t.ownerId, t.raisedBy),
  ],
);

export const wins = pgTable(
  'wins',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    siteId: integer('site_id').references(() => sites.id),
    teamId: integer('team_id').references(() => teams.id),
    postedBy: text('posted_by')
      .notNull()
      .references(() => people.id),
    text: text('text').notNull(),
    tags: text('tags').notNull().default('[]'),
    metric: text('metric'),
    postedAt: ms('posted_at').notNull(),
    sourceRef: text('source_ref'), // the platform message a win was celebrated from, if any
    ...correctionColumns(),
  },
  (t) => [index('wins_org_posted').on(t.orgId, t.postedAt), index('wins_poster').on(t.postedBy, t.postedAt), index('wins_team').on(t.teamId, t.postedAt)],
);

export const winPeople = pgTable(
  'win_people',
  {
    winId: integer('win_id')
      .notNull()
      .references(() => wins.id, { onDelete: 'cascade' }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.winId, t.personId] }), index('win_people_person').on(t.personId, t.winId)],
);

export const digestRecipients = pgTable(
  'digest_recipients',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.personId] })],
);

/** Every change to configuration or records; `before` keeps the earlier version of an edit. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: text('org_id').notNull(),
    actorId: text('actor_id'),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action', { enum: ['create', 'update', 'delete'] }).notNull(),
    before: text('before'),
    after: text('after'),
    at: ms('at').notNull(),
    /**
     * The tamper-evident chain (per organisation): `hash` = SHA-256 over the entry's fields, the
     * digests of `before`/`after` and `prev_hash`. The digests are salted per entry, so that erasing
     * personal text (which rewrites before/after under a new salt and lists the new digests in a
     * chained 'erasure' entry) leaves the chain verifiable and the erased text unguessable from its digest.
     */
    salt: text('salt'),
    beforeDigest: text('before_digest'),
    afterDigest: text('after_digest'),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_entity').on(t.orgId, t.entity, t.entityId),
    index('audit_chain').on(t.orgId, t.id),
    // Start-up looks for entries written before the chain existed: a partial index keeps that cheap.
    index('audit_unchained').on(t.id).where(sql`${t.hash} IS NULL`),
  ],
);

/**
 * The scheduler's durable queue. One row per (kind, recipient, occurrence) under `key`, so that a
 * second pass, a second process or a restart cannot enqueue the same message twice.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    personId: text('person_id'),
    channel: text('channel'),
    /** JSON with the ids the composer needs (meeting, occurrence, week, follow-up, win…). */
    subject: text('subject').notNull().default('{}'),
    dueAt: ms('due_at').notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'skipped', 'done'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Claims that took the row over after its lease ran out: the process stopped while sending it. */
    interruptions: integer('interruptions').notNull().default(0),
    nextAttemptAt: ms('next_attempt_at').notNull(),
    leaseUntil: ms('lease_until'),
    leaseOwner: text('lease_owner'),
    lastError: text('last_error'),
    sentAt: ms('sent_at'),
    messageRef: text('message_ref'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('deliveries_key').on(t.key),
    index('deliveries_ready').on(t.status, t.nextAttemptAt),
    // The sender claims oldest-due first (due_at, then id); with the id in the index the claim walks
    // it to its LIMIT instead of sorting every pending row (a 10,000-prompt fan-out: 30 ms a claim).
    index('deliveries_due').on(t.status, t.dueAt, t.id),
    index('deliveries_org_status').on(t.orgId, t.status),
  ],
);

export const schedulerState = pgTable('scheduler_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Inbound platform events and interactions already handled (retries must have one effect). */
/** Named leases (the scheduler's minute pass): one holder at a time, taken over once expired. */
export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  owner: text('owner').notNull(),
  expiresAt: ms('expires_at').notNull(),
});

/** Organisations a platform rate limit paused, seen by every process sending from this database. */
export const sendPauses = pgTable('send_pauses', {
  orgId: text('org_id').primaryKey(),
  until: ms('until').notNull(),
});

/**
 * Recent outbound message slots per Slack workspace and Teams tenant or conversation (the send
 * log): every instance on this database counts them, so that together they stay within one
 * platform limit. Rows are forgotten a few minutes after their slot.
 */
export const sendSlots = pgTable(
  'send_slots',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    key: text('key').notNull(),
    at: ms('at').notNull(),
    answered: boolean('answered').notNull().default(false),
  },
  (t) => [index('send_slots_key_at').on(t.key, t.at), index('send_slots_in_flight').on(t.key, t.at).where(sql`NOT answered`)],
);

export const processedEvents = pgTable(
  'processed_events',
  {
    key: text('key').primaryKey(),
    orgId: text('org_id'),
    at: ms('at').notNull(),
  },
  (t) => [index('processed_events_at').on(t.at)],
);

/**
 * Slack workspaces that installed the app through the OAuth flow (or the single bot token, seeded at
 * start-up). One row per workspace (team id); uninstalling or revoking deletes the row, so its token
 * is gone while the organisation's records stay.
 */
export const slackInstallations = pgTable('slack_installations', {
  teamId: text('team_id').primaryKey(), // 'T123'; the organisation is 'slack:T123'
  enterpriseId: text('enterprise_id'),
  teamName: text('team_name'),
  botToken: text('bot_token').notNull(),
  botUserId: text('bot_user_id').notNull(),
  botId: text('bot_id').notNull(),
  installerUserId: text('installer_user_id'),
  scopes: text('scopes').notNull().default(''), // comma separated, as Slack grants them
  installedAt: ms('installed_at').notNull(),
});

/**
 * The DM channel ('D…') of each Slack person Clause5 has messaged or heard from in its DM: Slack
 * names it in the answer to chat.postMessage to a user id. Without it (no im:write to open the DM)
 * Clause5 cannot read its DMs back to check whether an interrupted send went out.
 */
export const slackDmChannels = pgTable(
  'slack_dm_channels',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    channelId: text('channel_id').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);

/**
 * Teams conversation references, saved when the app is installed or spoken to, so that prompts and
 * win posts can be sent proactively. One row per person (their 1:1 chat with the bot; only their Teams
 * user id while they were seen in a team but never chatted) and one per team channel.
 */
export const teamsConversations = pgTable(
  'teams_conversations',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: text('org_id').notNull(), // 'teams:<tenant id>'
    tenantId: text('tenant_id').notNull(),
    kind: text('kind', { enum: ['person', 'channel'] }).notNull(),
    /** Person id ('teams:<tenant>:<aad object id>') or channel id ('19:…@thread.tacv2'). */
    subject: text('subject').notNull(),
    serviceUrl: text('service_url').notNull(),
    /** The 1:1 or channel conversation id; null for a person who has no 1:1 chat yet. */
    conversationId: text('conversation_id'),
    botId: text('bot_id').notNull(), // '28:<app id>'
    userId: text('user_id'), // '29:…' Bot Framework id of a person
    teamId: text('team_id'), // for channels: the team's id
    name: text('name'), // person's display name or channel name
    createdAt: createdAt(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('teams_conversations_subject').on(t.orgId, t.kind, t.subject),
    index('teams_conversations_conversation').on(t.orgId, t.conversationId),
    index('teams_conversations_user').on(t.orgId, t.userId),
  ],
);

/** One-time sign-in links for the web page: only a SHA-256 of the token is kept; single use, short-lived. */
export const webLinks = pgTable('web_links', {
  tokenHash: text('token_hash').primaryKey(),
  orgId: text('org_id')
    .notNull()
    .references(() => organisations.id),
  personId: text('person_id').notNull(),
  createdAt: createdAt(),
  expiresAt: ms('expires_at').notNull(),
  usedAt: ms('used_at'),
});

/** Web sessions opened from a sign-in link; the cookie holds the token, the table its SHA-256. */
export const webSessions = pgTable(
  'web_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    personId: text('person_id').notNull(),
    /** The role at sign-in: a session ends when the person's role is lowered below it. */
    role: text('role').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: ms('expires_at').notNull(),
    endedAt: ms('ended_at'),
  },
  (t) => [index('web_sessions_person').on(t.orgId, t.personId)],
);

/**
 * A recurring leadership question a quality manager defined (customer review 5.1.2, risk review
 * 6.1, …). JSON columns: cadence {every, on, time}, audience {kind, …}, answers, checklist, clauses.
 * Retired prompts stay, with their answers.
 */
export const customPrompts = pgTable(
  'custom_prompts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    question: text('question').notNull(),
    cadence: text('cadence').notNull(),
    audience: text('audience').notNull(),
    answers: text('answers').notNull(),
    checklist: text('checklist').notNull().default('[]'),
    clauses: text('clauses').notNull().default('[]'),
    weight: integer('weight'),
    status: text('status', { enum: ['active', 'paused', 'retired'] })
      .notNull()
      .default('active'),
    createdBy: text('created_by').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('custom_prompts_org_status').on(t.orgId, t.status)],
);

/** The answer to one custom question (a prompts row), with who gave it and what it counts as. */
export const customAnswers = pgTable(
  'custom_answers',
  {
    promptId: integer('prompt_id')
      .primaryKey()
      .references(() => prompts.id),
    definitionId: integer('definition_id')
      .notNull()
      .references(() => customPrompts.id),
    orgId: text('org_id').notNull(),
    personId: text('person_id').notNull(),
    periodKey: text('period_key').notNull(),
    answer: text('answer').notNull(),
    items: text('items').notNull().default('[]'),
    note: text('note'),
    outcome: text('outcome', { enum: ['done', 'not_done', 'excused'] }).notNull(),
    answeredBy: text('answered_by').notNull(),
    answeredAt: ms('answered_at').notNull(),
    /** Why the current version was recorded, when someone corrected it or recorded it for the leader. */
    reason: text('reason'),
  },
  (t) => [index('custom_answers_definition').on(t.definitionId, t.periodKey), index('custom_answers_person').on(t.orgId, t.personId, t.periodKey)],
);

/** Raw bytes (Float64 response times), read as a Buffer as SQLite's blob is. */
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * Weekly scorecard rollups (SQLite: src/store/sqlite/rollups). The PostgreSQL store does not fill
 * them yet (its scorecard reads the event tables); the table is here so both schemas stay one.
 */
export const scorecardRollups = pgTable(
  'scorecard_rollups',
  {
    orgId: text('org_id').notNull(),
    /** 'history': one row per leader (week '') with every counted week's streak and response times (rollups/history.ts); 'sums': a site's or the organisation's summed counts and indexes for a week (rollups/trend.ts); 'prefix' (key '', week ''): the token of the weeks' running totals (rollups/prefix.ts). */
    level: text('level', { enum: ['week', 'leader', 'site', 'org', 'history', 'sums', 'prefix'] }).notNull(),
    key: text('key').notNull(),
    week: text('week').notNull(),
    owedDays: integer('owed_days').notNull().default(0),
    meetingsYes: integer('meetings_yes').notNull().default(0),
    meetingsDue: integer('meetings_due').notNull().default(0),
    walkDone: integer('walk_done').notNull().default(0),
    walkDue: integer('walk_due').notNull().default(0),
    wins: integer('wins').notNull().default(0),
    winsShared: integer('wins_shared').notNull().default(0),
    followUpsOnTime: integer('follow_ups_on_time').notNull().default(0),
    followUpsDue: integer('follow_ups_due').notNull().default(0),
    followUpsOverdue: integer('follow_ups_overdue').notNull().default(0),
    promptsInTime: integer('prompts_in_time').notNull().default(0),
    promptsCounted: integer('prompts_counted').notNull().default(0),
    streak: text('streak').notNull().default(''),
    responses: bytea('responses'),
    custom: text('custom'),
    /**
     * The leader's index for this week alone (the weekly trend's points), with the weights at count
     * time; in a 'sums' row (a site's or the organisation's leaders' counts summed) their sum.
     */
    leaderIndex: integer('leader_index'),
    /** In a 'sums' row: how many of the leaders have an index (not n/a). */
    indexCount: integer('index_count'),
    stale: integer('stale').notNull().default(0),
    zone: text('zone'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.level, t.key, t.week] }), index('scorecard_rollups_week').on(t.orgId, t.week)],
);

/**
 * A period's edge days in a sealed week (before its first whole week, or after its last), counted
 * once for the organisation from the event tables (src/store/sqlite/rollups/edges.ts): `key` is
 * 'head|tail <from> <to>', `week` their Monday, `zone` the default zone they were counted with,
 * `facts` the figures as JSON (every leader's, the sites', the organisation's, custom prompts,
 * response times, wins shared across the boundary), `token` new for every row written. Apart from
 * scorecard_rollups: its rows are clustered on the key, so large values there slow every search.
 * Deleted with their week when it is counted again or a write touches it (or the week on either side).
 */
export const scorecardRollupEdges = pgTable(
  'scorecard_rollup_edges',
  {
    orgId: text('org_id').notNull(),
    week: text('week').notNull(),
    key: text('key').notNull(),
    zone: text('zone').notNull(),
    token: text('token').notNull(),
    facts: text('facts').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.week, t.key] })],
);

/**
 * Weeks a write may have changed, noted by the rollup triggers (rollups/schema-triggers.ts): one row
 * per write, [lo, hi] the Mondays of the weeks it touches. A plain insert is what keeps the
 * triggers cheap to compile into every write statement; the marks become `stale` flags on the
 * counted weeks (and are deleted) before the rollups are read or checked, and on each scheduler pass.
 */
export const scorecardRollupMarks = pgTable('scorecard_rollup_marks', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  /** Null columns (a row without an organisation or date) mark nothing. */
  orgId: text('org_id'),
  lo: text('lo'),
  hi: text('hi'),
  /** What the write changed (rollups/live.ts: which kept raw results it ends): the table, 'prompts:answers' for an answer; null: anything. */
  source: text('source'),
});
