// Reads for one scheduler pass over many people. A pass asks, for each of thousands of leaders, for
// the person, their zone and their owed calendar; one query each took ~17 s for 10,000 leaders
// (blocking the event loop meanwhile). batchedReads wraps CoreDeps so that the very same zoneOf /
// loadCalendar code reads from per-organisation bulk loads instead: people once an organisation
// has had more than a few lookups, sites once per organisation, closures once per site and range,
// away periods once per organisation and range.
// The answers are what the single reads would give. Meant for one pass: nothing is invalidated.
import type { CoreDeps } from '../deps';
import type { AwayRepo, CalendarFacts, PeopleRepo, SiteRepo } from './repo';
import type { AwayPeriod, Closure, Person, Site } from './types';

/** Up to this many lookups in one organisation, single reads are cheaper than loading everyone. */
export const BULK_AFTER = 32;

interface OrgCache {
  lookups: number;
  people?: Map<string, Person>;
  single: Map<string, Promise<Person | undefined>>;
  sites?: Promise<Map<number, Site>>;
  awayLookups: number;
  awayByRange: Map<string, Promise<Map<string, AwayPeriod[]>>>;
}

export function batchedReads(deps: CoreDeps): CoreDeps {
  const { store } = deps;
  const orgs = new Map<string, OrgCache>();
  const closures = new Map<string, Promise<Closure[]>>();
  const org = (orgId: string): OrgCache => {
    let cache = orgs.get(orgId);
    if (!cache) orgs.set(orgId, (cache = { lookups: 0, single: new Map(), awayLookups: 0, awayByRange: new Map() }));
    return cache;
  };

  const people = extend<PeopleRepo>(store.people, {
    async get(orgId, id) {
      const cache = org(orgId);
      if (!cache.people && ++cache.lookups > BULK_AFTER) {
        cache.people = new Map((await store.people.list(orgId)).map((p) => [p.id, p]));
      }
      if (cache.people) return cache.people.get(id);
      let found = cache.single.get(id);
      if (!found) cache.single.set(id, (found = store.people.get(orgId, id)));
      return found;
    },
  });

  const sites = extend<SiteRepo>(store.sites, {
    async get(orgId, id) {
      const cache = org(orgId);
      cache.sites ??= store.sites.list(orgId).then((list) => new Map(list.map((s) => [s.id, s])));
      return (await cache.sites).get(id);
    },
    closures(orgId, siteId, from, to) {
      const key = `${orgId}\u0000${siteId}\u0000${from ?? ''}\u0000${to ?? ''}`;
      let found = closures.get(key);
      if (!found) closures.set(key, (found = store.sites.closures(orgId, siteId, from, to)));
      return found;
    },
  });

  const away: AwayRepo = extend<AwayRepo>(store.away, {
    async list(orgId, personId, from, to) {
      const cache = org(orgId);
      if (from === undefined || to === undefined || ++cache.awayLookups <= BULK_AFTER) {
        return store.away.list(orgId, personId, from, to);
      }
      const key = `${from}\u0000${to}`;
      let byPerson = cache.awayByRange.get(key);
      if (!byPerson) {
        byPerson = store.away.listInOrg(orgId, from, to).then((rows) => {
          const grouped = new Map<string, AwayPeriod[]>();
          for (const row of rows) grouped.set(row.personId, [...(grouped.get(row.personId) ?? []), row]);
          return grouped;
        });
        cache.awayByRange.set(key, byPerson);
      }
      return (await byPerson).get(personId) ?? [];
    },
    // From the bulk loads above, not one read per person.
    async calendarFacts(orgId, personId, siteId, from, to): Promise<CalendarFacts> {
      const [closures, absences]: [Closure[], AwayPeriod[]] = await Promise.all([
        siteId === null ? [] : sites.closures(orgId, siteId, from, to),
        away.list(orgId, personId, from, to),
      ]);
      return { closures, away: absences };
    },
  });

  return { ...deps, store: { ...store, people, sites, away } };
}

/** `base` with some methods replaced; the others still run on `base` (class methods keep their `this`). */
export function extend<T extends object>(base: T, overrides: Partial<T>): T {
  return Object.assign(Object.create(base) as T, overrides);
}
