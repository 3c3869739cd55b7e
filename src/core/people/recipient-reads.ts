// The reads of one delivery's recipient. Compose reads the person and their site; the prompt's
// opening after the send needs them again (zone, work days), and so does the sender's unreachable
// mark. recipientOf reads them for compose; recipientReads answers from them afterwards, and reads
// any other person or site once.
import type { Recipient } from '../deliveries';
import type { CoreDeps } from '../deps';
import type { Store } from '../ports';
import { extend } from './calendar-batch';
import type { AwayRepo, PeopleRepo, SiteRepo } from './repo';
import type { Person, Site } from './types';

/** The person and their site (null without one), to compose a direct message with and hand on with it. */
export async function recipientOf(deps: CoreDeps, person: Person): Promise<Required<Pick<Recipient, 'person' | 'site'>>> {
  const site = person.siteId !== null ? ((await deps.store.sites.get(person.orgId, person.siteId)) ?? null) : null;
  return { person, site };
}

/**
 * `deps` whose people.get, sites.get and away.calendarFacts answer from `known` (what compose read:
 * the calendar only for the same person, site and days), and read anything else once.
 */
export function recipientReads(deps: CoreDeps, known?: Recipient): CoreDeps {
  const { store } = deps;
  const people = new Map<string, Promise<Person | undefined>>();
  const sites = new Map<string, Promise<Site | undefined>>();
  if (known) {
    people.set(`${known.person.orgId}\u0000${known.person.id}`, Promise.resolve(known.person));
    if (known.site !== undefined && known.person.siteId !== null) {
      sites.set(`${known.person.orgId}\u0000${known.person.siteId}`, Promise.resolve(known.site ?? undefined));
    }
  }
  const once = <T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> => {
    let found = cache.get(key);
    if (!found) cache.set(key, (found = read()));
    return found;
  };
  const calendar = known?.calendar;
  const knownSiteId = known?.site === undefined ? undefined : (known.site?.id ?? null);
  return {
    ...deps,
    store: extend<Store>(store, {
      people: extend<PeopleRepo>(store.people, { get: (orgId, id) => once(people, `${orgId}\u0000${id}`, () => store.people.get(orgId, id)) }),
      sites: extend<SiteRepo>(store.sites, { get: (orgId, id) => once(sites, `${orgId}\u0000${id}`, () => store.sites.get(orgId, id)) }),
      away: extend<AwayRepo>(store.away, {
        calendarFacts: (orgId, personId, siteId, from, to) =>
          calendar && orgId === known.person.orgId && personId === known.person.id && siteId === knownSiteId && from === calendar.from && to === calendar.to
            ? Promise.resolve(calendar.facts)
            : store.away.calendarFacts(orgId, personId, siteId, from, to),
      }),
    }),
  };
}
