// A node-postgres Client that names the parametrised statements it sends again and again, so each
// connection parses and plans them once (PostgreSQL keeps the plan; the client then sends only
// Bind and Execute). The same few dozen statements carry every delivery, and an unnamed statement
// is parsed and planned anew at every call: ~60 µs of the server's CPU for `SELECT 1`, ~0.5 ms
// for the delivery claim. Only texts seen a few times are named (a multi-row INSERT's text changes
// with its row count, and each name costs memory on every connection), and at most MAX_NAMED of
// them. Statements without parameters go unnamed: they may hold several statements at once.
import { createHash } from 'node:crypto';
import pg from 'pg';

const NAME_AFTER = 3;
const MAX_NAMED = 1_000;
const MAX_TEXT = 8_000;

/** Statement text → how many times it was sent unnamed, or its name once it has one. Shared by every pool of the process. */
const seen = new Map<string, number | string>();
let named = 0;

/** The statement's name, once its text has come round often enough; undefined: send it unnamed. */
export function statementName(text: string): string | undefined {
  const known = seen.get(text);
  if (typeof known === 'string') return known;
  if (text.length > MAX_TEXT || named >= MAX_NAMED) return undefined;
  const count = (known ?? 0) + 1;
  if (count < NAME_AFTER) {
    seen.set(text, count);
    return undefined;
  }
  const name = `c5_${createHash('sha1').update(text).digest('base64url')}`;
  seen.set(text, name);
  named++;
  return name;
}

type AnyQuery = (...args: unknown[]) => unknown;

export class NamingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const query = this.query.bind(this) as AnyQuery;
    (this as unknown as { query: AnyQuery }).query = (first: unknown, values?: unknown, ...rest: unknown[]) => {
      if (typeof first === 'string' && hasParameters(values)) {
        const name = statementName(first);
        if (name) return query({ name, text: first, values }, ...rest);
      } else if (isUnnamedConfig(first) && (hasParameters(first.values) || hasParameters(values))) {
        const name = statementName(first.text);
        if (name) return query({ ...first, name }, values, ...rest);
      }
      return query(first, values, ...rest);
    };
  }
}

/** Parameters make it one statement in the extended protocol (a name would too); none: it may be several. */
function hasParameters(values: unknown): boolean {
  return Array.isArray(values) && values.length > 0;
}

/** A query config (drizzle passes one, its values beside it) that is not a stream or a cursor and has no name yet. */
function isUnnamedConfig(value: unknown): value is pg.QueryConfig & { text: string } {
  if (typeof value !== 'object' || value === null) return false;
  const config = value as Partial<pg.QueryConfig> & { submit?: unknown };
  return typeof config.text === 'string' && !config.name && typeof config.submit !== 'function';
}
