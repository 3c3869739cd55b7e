// The "[site "<name>"] [period]" words the read-back lists share (floorwalk list all, followups all,
// wins). Periods are the scorecard's (week, last-month, 2026-Q4, 2026-11-01..2026-11-30 …), read in
// the asker's zone; a site is looked up like the scorecard and the evidence pack look it up.
import type { CoreDeps } from '../deps';
import { parsePeriod, type Period } from '../scorecard/period';
import { resolveTarget } from '../scorecard/target';
import { localDateOf } from '../time';
import type { Args } from './args';
import type { Actor } from './types';

export interface ListScope {
  site?: { id: number; name: string };
  /** Undefined when no period was given and the list has no default. */
  period?: Period;
  /** The scope as typed again, e.g. 'site "Plant 1" last-month', for "next page" hints. */
  words: string;
}

/** Takes "site <name>" and then every word left as the period (`fallback` when none). */
export async function readListScope(deps: CoreDeps, actor: Actor, args: Args, example: string, fallback?: string): Promise<ListScope> {
  const siteName = args.option('site', `Name the site after “site”, for example: /clause5 ${example}`);
  const periodWords = args.rest();
  const site = siteName === undefined ? undefined : await findSite(deps, actor.org.id, siteName);
  const periodText = periodWords || fallback;
  const period = periodText === undefined ? undefined : parsePeriod(periodText, localDateOf(deps.clock.now(), actor.zone));
  const words = [site ? `site "${site.name}"` : '', periodWords].filter(Boolean).join(' ');
  return { ...(site ? { site } : {}), ...(period ? { period } : {}), words };
}

/** A site of the organisation by name (case-insensitive); unknown names get the list of sites. */
export async function findSite(deps: CoreDeps, orgId: string, name: string): Promise<{ id: number; name: string }> {
  const target = await resolveTarget(deps, orgId, null, { kind: 'site', name });
  if (target.kind !== 'site') throw new Error('a site lookup returned no site');
  const site = await deps.store.sites.get(orgId, target.siteId);
  return { id: target.siteId, name: site?.name ?? name };
}

/** "at Plant 1" or "" — for headings. */
export function atSite(site: { name: string } | undefined): string {
  return site ? ` at ${site.name}` : '';
}
