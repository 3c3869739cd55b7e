// The scorecard statements name their parameters (@org, @zones, …) as SQLite's do; PostgreSQL takes
// positional ones ($1, $2, …) and must know each one's type where the statement alone does not say
// (`@site IS NULL`), so every name becomes `$n::type`, and a name used twice is passed once.
import type { LeaderScope, PeriodQuery } from '../../core/scorecard/repo';

const TYPES = {
  org: 'text',
  site: 'int',
  person: 'text',
  defaultZone: 'text',
  zones: 'jsonb',
  from: 'text',
  to: 'text',
  now: 'bigint',
  totals: 'boolean',
  limit: 'int',
} as const;

export type ParamName = keyof typeof TYPES;
export type Params = Partial<Record<ParamName, string | number | boolean | null>>;

export interface Bound {
  text: string;
  values: unknown[];
}

export function bind(sql: string, params: Params): Bound {
  const positions = new Map<ParamName, number>();
  const values: unknown[] = [];
  const text = sql.replace(/@(\w+)/g, (_, name: string) => {
    if (!(name in TYPES)) throw new Error(`Scorecard SQL names an unknown parameter @${name}`);
    const key = name as ParamName;
    if (!(key in params)) throw new Error(`Scorecard SQL needs parameter @${name}, which was not given`);
    let position = positions.get(key);
    if (position === undefined) {
      values.push(params[key]);
      position = values.length;
      positions.set(key, position);
    }
    return `$${position}::${TYPES[key]}`;
  });
  return { text, values };
}

export function scopeParams(orgId: string, scope: LeaderScope): Params {
  return {
    org: orgId,
    site: scope.kind === 'site' ? scope.siteId : null,
    person: scope.kind === 'leader' ? scope.personId : null,
  };
}

export function queryParams(q: PeriodQuery): Params {
  return {
    ...scopeParams(q.orgId, q.scope),
    defaultZone: q.defaultZone,
    zones: JSON.stringify(q.zones),
    from: q.from,
    to: q.to,
    now: q.nowMs,
    totals: q.totals !== false,
  };
}
