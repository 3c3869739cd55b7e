// Named parameters of the scorecard statements (scorecard-sql*.ts) for a scope and a period.
import type { LeaderScope, PeriodQuery } from '../../core/scorecard/repo';
import type { Params } from './scorecard-queries';

export function scopeParams(orgId: string, scope: LeaderScope): Params {
  return {
    org: orgId,
    site: scope.kind === 'site' ? scope.siteId : null,
    person: scope.kind === 'leader' ? scope.personId : null,
  };
}

export function queryParams(q: PeriodQuery, histFrom: string | null = null): Params {
  return {
    ...scopeParams(q.orgId, q.scope),
    defaultZone: q.defaultZone,
    zones: JSON.stringify(q.zones),
    from: q.from,
    to: q.to,
    now: q.nowMs,
    totals: q.totals === false ? 0 : 1,
    histFrom,
  };
}
