// What the prompt's opening reads after a send (recipientReads): the person, site and calendar the
// composer read moments before are answered from memory; anything else still goes to the store.
import { afterEach, expect, it } from 'vitest';
import { loadCalendar } from '../../../src/core/people/calendar';
import { recipientReads } from '../../../src/core/people/recipient-reads';
import { weekRange } from '../../../src/core/time';
import { ensureOrg, LEADER, ORG, OTHER_LEADER, seedCast } from '../../support/cast';
import { makeTestCore, type TestCore } from '../../support/core';
import { countingStore } from '../../support/store-calls';

let core: TestCore;
afterEach(() => core?.cleanup());

it('answers the calendar compose read for the same person, site and days, and reads any other from the store', async () => {
  core = makeTestCore('2026-11-24T15:00:00Z', { defaultTimeZone: 'America/Chicago' });
  await ensureOrg(core);
  const site = await core.store.sites.create({ orgId: ORG, name: 'Plant 1', timeZone: 'America/Chicago', workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
  await seedCast(core, { siteId: site.id });
  await core.store.sites.addClosure(ORG, { siteId: site.id, fromDate: '2026-11-26', toDate: '2026-11-27', reason: 'Thanksgiving' }, null);
  const week = { key: '2026-W48', ...weekRange('2026-W48') };
  const ask = (await core.store.walks.weekAsk(ORG, LEADER, week, 'week:2026-W48'))!;
  // What compose read, with the closure since taken back: an answer from memory still has it.
  await core.store.sites.removeClosure(ORG, ask.calendar.facts.closures[0]!.id, null);

  const calls = new Map<string, number>();
  const deps = recipientReads({ ...core.deps, store: countingStore(core.store, calls) }, { person: ask.person, site: ask.site, calendar: ask.calendar });
  const known = await loadCalendar(deps, ask.person, week.from, week.to);
  expect([known.excuse('2026-11-26'), known.excuse('2026-11-25')]).toEqual(['shutdown', null]);
  expect(calls.get('away.calendarFacts')).toBeUndefined();

  // Other days, or another person: read from the store (where the closure is gone).
  const later = await loadCalendar(deps, ask.person, '2026-11-26', week.to);
  expect(later.excuse('2026-11-26')).toBeNull();
  const other = await core.store.people.get(ORG, OTHER_LEADER);
  await loadCalendar(deps, other!, week.from, week.to);
  expect(calls.get('away.calendarFacts')).toBe(2);
  expect(calls.get('sites.get')).toBeUndefined();
});
