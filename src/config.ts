// One parse of the environment (plus an optional .env file) into a frozen, typed object.
// A bad value stops start-up with a message naming the variable and what it expected.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { isValidTimeZone } from './core/time';
import { decodeSecretKey } from './store/secret-box';

const KEY_EXPECTED = 'a base64 key of 32 bytes (44 characters); create one with: npm run clause5 -- secrets new-key';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** 'true' or 'false'; empty counts as unset. */
const flag = optionalText.pipe(z.enum(['true', 'false']).optional());

/** A Microsoft Entra directory (tenant) or application id. */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const DATABASE_URL_EXPECTED = 'a PostgreSQL URL such as postgres://clause5:password@db.example.com:5432/clause5';

function isPostgresUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
}

const port = z.coerce.number().int('a whole number').min(0).max(65535, 'a port number from 0 to 65535');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  CLAUSE5_DB: z.string().trim().min(1, 'a file path').default('./data/clause5.db'),
  /** PostgreSQL instead of the SQLite file CLAUSE5_DB: postgres://user:password@host:5432/database. */
  CLAUSE5_DATABASE_URL: optionalText.refine((v) => v === undefined || isPostgresUrl(v), DATABASE_URL_EXPECTED),
  /** Connections each instance keeps open to PostgreSQL. */
  CLAUSE5_DB_POOL_SIZE: z.coerce.number().int('a whole number').min(1, 'at least 1 connection').max(500).default(10),
  /**
   * PostgreSQL only: read a site's or the organisation's whole sealed weeks from the weekly rollups
   * (src/store/pg/rollups). Off by default: there they gain 1.3× on a two-year scorecard while a
   * stale week costs seconds to count again (docs/postgres.md); SQLite always uses its rollups.
   */
  CLAUSE5_PG_ROLLUPS: z.enum(['on', 'off']).default('off'),
  PORT: port.default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * How long a claimed delivery stays with the process sending it; when that process dies mid-send,
   * another takes the delivery over after this. A send slower than half of it counts as failed.
   */
  CLAUSE5_DELIVERY_LEASE_SECONDS: z.coerce.number().int('a whole number of seconds').min(5, 'at least 5 seconds').max(3600, 'at most 3600 seconds').default(60),
  /** Prompts each process sends at once (at most half of them to one organisation); more needs more pool connections. */
  CLAUSE5_SEND_CONCURRENCY: z.coerce.number().int('a whole number').min(1, 'at least 1').max(64, 'at most 64').default(4),
  /** Occurrences missed by downtime are still sent if they are at most this many hours late. */
  CLAUSE5_GRACE_HOURS: z.coerce.number().positive('a positive number of hours').max(168).default(6),
  /** Time zone for the demo plant and for people whose zone is unknown. */
  CLAUSE5_DEFAULT_TZ: z.string().trim().refine(isValidTimeZone, 'an IANA time zone such as America/Chicago').default('America/Chicago'),
  /** 'auto' = terminal chat when standard input is a terminal. */
  CLAUSE5_LOCAL_CHAT: z.enum(['auto', 'on', 'off']).default('auto'),
  CLAUSE5_SCHEDULER: z.enum(['on', 'off']).default('on'),
  /** The web page for quality managers and leaders (signed in from chat). */
  CLAUSE5_WEB: z.enum(['on', 'off']).default('on'),
  /** Where people reach this server, for sign-in links (default http://localhost:<PORT>). */
  CLAUSE5_PUBLIC_URL: z.url('a URL such as https://clause5.example.com').optional(),
  /** Behind a reverse proxy: honour X-Forwarded-Proto (and an https CLAUSE5_PUBLIC_URL) for the Secure cookie flag. */
  CLAUSE5_TRUST_PROXY: flag,
  /** Seals stored secrets (Slack bot tokens of OAuth installs): base64, 32 bytes. */
  CLAUSE5_SECRET_KEY: optionalText.refine((v) => v === undefined || typeof decodeSecretKey(v) !== 'string', KEY_EXPECTED),
  /** The key being rotated out: only opens what it sealed. */
  CLAUSE5_SECRET_KEY_PREVIOUS: optionalText.refine((v) => v === undefined || typeof decodeSecretKey(v) !== 'string', KEY_EXPECTED),

  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  SLACK_API_URL: z.url('a URL such as https://slack.com/api/').optional(),

  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  /** Which Bot Framework signs the tokens Teams sends: the public cloud's or the US Government's. */
  MICROSOFT_CLOUD: z.enum(['public', 'government']).default('public'),
  /** Tenants whose Teams activities are accepted (comma separated); default MICROSOFT_APP_TENANT_ID. */
  TEAMS_ALLOWED_TENANTS: optionalText,
  /** Opens the unauthenticated /api/messages (loopback callers only) beside other settings; never in production. */
  TEAMS_ALLOW_UNAUTHENTICATED: flag,
  /** Extra hosts the Teams platform may call back (comma separated), e.g. a local fake connector. */
  TEAMS_SERVICE_URL_ALLOWLIST: optionalText,
});

export type RawConfig = z.infer<typeof schema>;

/**
 * How POST /api/messages is protected: 'signed' = Bot Framework tokens for MICROSOFT_APP_ID;
 * 'unauthenticated' = no token, loopback callers only (local mode, or TEAMS_ALLOW_UNAUTHENTICATED
 * outside production); 'off' = no Teams route at all.
 */
export type TeamsMode = 'signed' | 'unauthenticated' | 'off';

export interface Config extends RawConfig {
  readonly slackEnabled: boolean;
  readonly teamsEnabled: boolean;
  readonly teamsMode: TeamsMode;
  /** TEAMS_ALLOWED_TENANTS as lower-case tenant ids; undefined when it is not set. */
  readonly teamsAllowedTenants: readonly string[] | undefined;
  readonly localMode: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Clause5 cannot start, the configuration has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads `.env` (if present) into process.env without overriding variables already set. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const got = env[name];
      const shown = got === undefined ? 'it is missing' : `got ${JSON.stringify(redact(name, got))}`;
      return `${name}: expected ${describe(issue)} (${shown})`;
    });
    throw new ConfigError(problems);
  }
  const raw = parsed.data;
  const problems: string[] = [];
  if (raw.SLACK_BOT_TOKEN && !raw.SLACK_SIGNING_SECRET && !raw.SLACK_APP_TOKEN) {
    problems.push('SLACK_SIGNING_SECRET: expected the Slack app signing secret when SLACK_BOT_TOKEN is set');
  }
  if (raw.SLACK_SIGNING_SECRET && !raw.SLACK_BOT_TOKEN && !raw.SLACK_CLIENT_ID) {
    problems.push('SLACK_BOT_TOKEN: expected a bot token (xoxb-…) or the OAuth trio SLACK_CLIENT_ID/SECRET/STATE_SECRET');
  }
  if (raw.SLACK_CLIENT_ID && (!raw.SLACK_CLIENT_SECRET || !raw.SLACK_STATE_SECRET)) {
    problems.push('SLACK_CLIENT_SECRET / SLACK_STATE_SECRET: expected both when SLACK_CLIENT_ID is set');
  }
  if (raw.SLACK_CLIENT_ID && !raw.CLAUSE5_SECRET_KEY) {
    problems.push(
      'CLAUSE5_SECRET_KEY: expected a key when SLACK_CLIENT_ID is set: OAuth installs keep each workspace’s bot token in the database, encrypted with this key. Create one with: npm run clause5 -- secrets new-key',
    );
  }
  if (raw.CLAUSE5_SECRET_KEY_PREVIOUS && !raw.CLAUSE5_SECRET_KEY) {
    problems.push('CLAUSE5_SECRET_KEY: expected the new key when CLAUSE5_SECRET_KEY_PREVIOUS is set (the previous key only opens what it sealed)');
  }
  const allowUnauthenticated = raw.TEAMS_ALLOW_UNAUTHENTICATED === 'true';
  if (allowUnauthenticated && raw.NODE_ENV === 'production') {
    problems.push(
      'TEAMS_ALLOW_UNAUTHENTICATED: refused with NODE_ENV=production; an unauthenticated Teams endpoint is for trials and tests on one machine. Register the bot and set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID instead',
    );
  }
  if (allowUnauthenticated && raw.MICROSOFT_APP_ID) {
    problems.push(
      'TEAMS_ALLOW_UNAUTHENTICATED: expected it unset when MICROSOFT_APP_ID is set (Teams requests are then checked against the Bot Framework tokens for that app)',
    );
  }
  const tenants = raw.TEAMS_ALLOWED_TENANTS?.split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const notTenant = tenants?.find((t) => !GUID.test(t));
  if (notTenant !== undefined || tenants?.length === 0) {
    problems.push(
      `TEAMS_ALLOWED_TENANTS: expected directory (tenant) ids, GUIDs separated by commas (got ${JSON.stringify(notTenant ?? raw.TEAMS_ALLOWED_TENANTS)})`,
    );
  }
  if (problems.length) throw new ConfigError(problems);

  const slackEnabled = Boolean(raw.SLACK_BOT_TOKEN || raw.SLACK_CLIENT_ID);
  const localMode = !slackEnabled && !raw.MICROSOFT_APP_ID;
  const teamsMode: TeamsMode = raw.MICROSOFT_APP_ID
    ? 'signed'
    : raw.NODE_ENV !== 'production' && (localMode || allowUnauthenticated)
      ? 'unauthenticated'
      : 'off';
  return Object.freeze({
    ...raw,
    slackEnabled,
    teamsEnabled: teamsMode !== 'off',
    teamsMode,
    teamsAllowedTenants: tenants && Object.freeze(tenants.map((t) => t.toLowerCase())),
    localMode,
  });
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value' && 'values' in issue) return `one of ${issue.values.join(', ')}`;
  return issue.message.replace(/^Invalid input: /, '');
}

function redact(name: string, value: string): string {
  if (name === 'CLAUSE5_DATABASE_URL') return value.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:…@');
  return /TOKEN|SECRET|PASSWORD|KEY/.test(name) ? '…' : value;
}
