// The process logger: pino, at LOG_LEVEL, with secrets redacted. Servers log JSON to stdout; in
// local terminal mode the log goes to a file beside the database (or to stderr at warn level when
// the file cannot be opened) so that it does not garble the chat.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pino, { type DestinationStream, type Level } from 'pino';
import type { Config } from './config';

export type AppLogger = pino.Logger;

const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'accessToken',
  'refreshToken',
  'secret',
  'clientSecret',
  'signingSecret',
  'stateSecret',
  'password',
  'appPassword',
  'authorization',
  'cookie',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'MICROSOFT_APP_PASSWORD',
];

/** Paths pino redacts: each secret key at the top level and up to three levels down. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]).concat([
  'headers["x-slack-signature"]',
  '*.headers["x-slack-signature"]',
]);

// Token shapes that may hide inside free text (error messages, URLs): Slack tokens, bearer tokens.
const TOKEN_PATTERNS: RegExp[] = [/\bxox[a-z]-[A-Za-z0-9-]+/g, /\bxapp-[A-Za-z0-9-]+/g, /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi];

/** Replaces token-like substrings of free text with '[redacted]'. */
export function scrubSecrets(text: string): string {
  return TOKEN_PATTERNS.reduce((t, re) => t.replace(re, (m) => (/^(bearer|basic)/i.test(m) ? `${m.split(/\s+/)[0]} [redacted]` : '[redacted]')), text);
}

/** Scrubs the string values of plain objects and arrays, `depth` levels down; leaves the rest. */
function scrubFields(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (depth === 0 || value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => scrubFields(v, depth - 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = scrubFields(v, depth - 1);
  return out;
}

export interface LoggerOptions {
  /** Write to this file instead of stdout (created with its directory). */
  file?: string;
  /** Write to stderr instead of stdout. */
  stderr?: boolean;
  /** Overrides LOG_LEVEL. */
  level?: Level | 'silent';
  /** A stream to write to (tests). */
  stream?: DestinationStream;
}

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, options: LoggerOptions = {}): AppLogger {
  const stream = options.stream ?? destinationFor(options);
  return pino(
    {
      level: options.level ?? config.LOG_LEVEL,
      base: { pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // Every string field too: call sites log `err: error.message` and other free text.
      formatters: { log: (object) => scrubFields(object, 3) as Record<string, unknown> },
      serializers: {
        err: (err: unknown) => {
          if (typeof err === 'string') return scrubSecrets(err);
          const serialized = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
          for (const key of ['message', 'stack'] as const) {
            if (typeof serialized[key] === 'string') serialized[key] = scrubSecrets(serialized[key] as string);
          }
          return serialized;
        },
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a)) as typeof args;
          method.apply(this, scrubbed);
        },
      },
    },
    stream,
  );
}

function destinationFor(options: LoggerOptions): DestinationStream {
  if (options.file) {
    mkdirSync(dirname(options.file), { recursive: true });
    return pino.destination({ dest: options.file, sync: true, append: true });
  }
  return pino.destination({ dest: options.stderr ? 2 : 1, sync: true });
}

/** Where local terminal mode writes its log: clause5.log beside the database file. */
export function localLogFile(dbPath: string): string {
  return join(dirname(dbPath), 'clause5.log');
}

/**
 * The logger for local terminal chat: to the log file, or — when it cannot be opened — to stderr at
 * warn level, so that the chat stays readable.
 */
export function createTerminalLogger(config: Pick<Config, 'LOG_LEVEL' | 'CLAUSE5_DB'>): { log: AppLogger; where: string } {
  const file = localLogFile(config.CLAUSE5_DB);
  try {
    return { log: createLogger(config, { file }), where: file };
  } catch {
    const quieter = config.LOG_LEVEL === 'silent' || (pino.levels.values[config.LOG_LEVEL] ?? 0) >= pino.levels.values.warn!;
    const level = quieter ? config.LOG_LEVEL : 'warn';
    return { log: createLogger(config, { stderr: true, level }), where: 'standard error (warnings only)' };
  }
}
