// When an organisation has exactly one site, everyone without a site belongs to it: newcomers are
// placed there on arrival, people already here when the first site is added are moved into it, and
// anything still siteless (older rows) falls back to it when read.
import type { CoreDeps } from '../deps';
import type { Person } from './types';

export async function soleSiteId(deps: CoreDeps, orgId: string): Promise<number | null> {
  const sites = await deps.store.sites.list(orgId);
  return sites.length === 1 ? sites[0]!.id : null;
}

/** The site a person's things belong to: their own, else the organisation's only site. */
export async function siteIdOf(deps: CoreDeps, person: Pick<Person, 'orgId' | 'siteId'>): Promise<number | null> {
  return person.siteId ?? (await soleSiteId(deps, person.orgId));
}

/** After the first site is added: everyone without a site (guests aside) now belongs to it. */
export async function adoptSiteless(deps: CoreDeps, orgId: string, siteId: number, actor: string): Promise<number> {
  const people = (await deps.store.people.list(orgId)).filter((p) => p.siteId === null && !p.guest);
  for (const p of people) await deps.store.people.update(orgId, p.id, { siteId }, actor);
  return people.length;
}

/** What to tell someone whose win has no site, when the organisation has several. */
export function noSiteAdvice(person: Pick<Person, 'handle' | 'id'>): string {
  const me = person.handle ? `@${person.handle}` : '@you';
  return `you are not in a site yet — ask an admin: /clause5 admin person ${me} site "<site>"`;
}
