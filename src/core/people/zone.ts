import type { CoreDeps } from '../deps';
import type { Person, Site } from './types';

/** A person's time zone: their own, else their site's, else the configured default. */
export async function zoneOf(deps: CoreDeps, person: Person, site?: Site | null): Promise<string> {
  if (person.timeZone) return person.timeZone;
  const s = site !== undefined ? site : person.siteId !== null ? await deps.store.sites.get(person.orgId, person.siteId) : null;
  return s?.timeZone ?? deps.settings.defaultTimeZone;
}
