// A scheduler pass reads only the floor-walk schedules whose time comes round in its window. Checked
// against a brute-force reference: a schedule is due in (from, to] when the instant of its time on
// some day near the window (zonedInstant, which moves a skipped time to the first minute after it)
// falls inside. The store must return every such schedule, and for a short window away from a DST
// switch nothing else. On both engines (the store's window filter is SQL of each engine's own).
import { expect, it } from 'vitest';
import type { CoreDeps } from '../../../src/core/deps';
import { zoneOf } from '../../../src/core/people/zone';
import { localTimeWindow } from '../../../src/core/people/schedule-window';
import { addDays, zonedInstant } from '../../../src/core/time';
import { describeEngines, type Engine, type EngineStore } from '../../support/engines';

const ORG = 'local';
const DEFAULT_ZONE = 'America/Chicago';
const OWN_ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'];
const TIMES = ['00:00', '00:30', '01:00', '01:30', '02:00', '02:30', '03:00', '12:45', '14:00', '23:30', '23:59'];

/** The store and the little of the core's dependencies zoneOf needs. */
let core: { store: EngineStore; deps: CoreDeps };
let zones: string[] | undefined;

async function open(engine: Engine, iso: string): Promise<void> {
  const at = Date.parse(iso);
  const store = await engine.open(() => at);
  zones = undefined;
  core = { store, deps: { store, settings: { defaultTimeZone: DEFAULT_ZONE } } as unknown as CoreDeps };
}

/** People in their own zone, in a site's zone, and with neither (the default), one per time. */
async function seed(): Promise<void> {
  await core.store.orgs.ensure({ id: ORG, platform: 'local', name: 'Plant' });
  const site = await core.store.sites.create({ orgId: ORG, name: 'Berlin', timeZone: 'Europe/Berlin', workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
  const kinds = [...OWN_ZONES.map((zone) => ({ zone, siteId: null })), { zone: null, siteId: site.id }, { zone: null, siteId: null }];
  let n = 0;
  for (const kind of kinds) {
    for (const time of TIMES) {
      const id = `local:p${++n}`;
      await core.store.people.ensure(
        { id, orgId: ORG, displayName: id, timeZone: kind.zone, siteId: kind.siteId, role: 'leader', joinedOn: '2020-01-01' },
        null,
      );
      await core.store.schedules.upsert(ORG, { personId: id, weekday: 5, time, active: n % 13 !== 0 }, null);
    }
  }
}

/**
 * Every slot of every active schedule from `firstDay` to `lastDay` (local days in the person's zone):
 * the reference, worked out per person with zoneOf and zonedInstant, not with the code under test.
 */
async function slotsOf(firstDay: string, lastDay: string): Promise<Array<{ personId: string; at: number[] }>> {
  const out: Array<{ personId: string; at: number[] }> = [];
  for (const s of await core.store.schedules.listActive(ORG)) {
    const zone = await zoneOf(core.deps, (await core.store.people.get(ORG, s.personId))!);
    const at: number[] = [];
    for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) at.push(zonedInstant(day, s.time, zone));
    out.push({ personId: s.personId, at });
  }
  return out;
}

/** Ids of the schedules with a slot in (from, to]. */
function dueByReference(slots: Array<{ personId: string; at: number[] }>, from: number, to: number): string[] {
  return slots
    .filter((s) => s.at.some((at) => at > from && at <= to))
    .map((s) => s.personId)
    .sort();
}

async function returned(from: number, to: number): Promise<string[]> {
  // A pass asks for the zones each time; nobody is added here, so once per test will do.
  zones ??= await core.store.people.zonesInUse(DEFAULT_ZONE);
  const rows = await core.store.schedules.listActiveAt(
    zones.map((z) => localTimeWindow(from, to, z)),
    DEFAULT_ZONE,
  );
  return rows.map((r) => r.personId).sort();
}

/** Windows a pass covers: a minute ending on each minute of a day, seconds off the minute too. */
function minuteWindows(dayStartIso: string, seconds = 0): Array<[number, number]> {
  const start = Date.parse(dayStartIso);
  return Array.from({ length: 24 * 60 }, (_, i) => [start + i * 60_000 + seconds * 1000, start + (i + 1) * 60_000 + seconds * 1000]);
}

const isSwitchDay = (from: number, to: number) => OWN_ZONES.concat('Europe/Berlin', DEFAULT_ZONE).some((z) => localTimeWindow(from, to, z).all);

// Thousands of windows, a query each: long on a loaded machine, hence the long timeouts.
describeEngines('schedules in a pass window', (engine) => {
  it('are every schedule due in it, and only those, on an ordinary day', async () => {
    await open(engine, '2026-06-01T00:00:00Z');
    await seed();
    const slots = await slotsOf('2026-06-03', '2026-06-08');
    let dueSeen = 0;
    for (const [from, to] of [...minuteWindows('2026-06-05T00:00:00Z'), ...minuteWindows('2026-06-06T00:00:00Z', 30).slice(0, 300)]) {
      const expected = dueByReference(slots, from, to);
      dueSeen += expected.length;
      expect(await returned(from, to), new Date(to).toISOString()).toEqual(expected);
    }
    // Every active schedule came round once a day.
    expect(dueSeen).toBeGreaterThan(80);
  }, 90_000);

  it('include every schedule due across DST switches (New York, London, Berlin, Lord Howe, Chatham)', async () => {
    await open(engine, '2026-03-01T00:00:00Z');
    await seed();
    // UTC days holding the switches: New York 03-08 and 11-01, London and Berlin 03-29 and 10-25,
    // Lord Howe (30 min) and Chatham 04-04 and 09-26 / 10-03.
    const days = ['2026-03-08', '2026-03-29', '2026-04-04', '2026-09-26', '2026-10-03', '2026-10-25', '2026-11-01'];
    const slots = await slotsOf('2026-03-06', '2026-11-03');
    let switches = 0;
    for (const day of days) {
      // Every third minute, and every window ending on the hour or half hour (when zones switch).
      for (const [from, to] of minuteWindows(`${day}T00:00:00Z`).filter((_, i) => i % 3 === 0 || (i + 1) % 30 === 0)) {
        const expected = dueByReference(slots, from, to);
        const got = await returned(from, to);
        // A time repeated by a fall-back comes round twice, but only its first is a slot: extras are allowed.
        expect(
          expected.filter((id) => !got.includes(id)),
          new Date(to).toISOString(),
        ).toEqual([]);
        if (isSwitchDay(from, to)) switches++;
      }
    }
    // Each switch is one window that holds it (seven days; two zones switch at once in Europe).
    expect(switches).toBeGreaterThanOrEqual(days.length);
  }, 90_000);

  it('are all active schedules for a window of a day or more (a catch-up after downtime)', async () => {
    await open(engine, '2026-06-01T00:00:00Z');
    await seed();
    const from = Date.parse('2026-06-05T10:00:00Z');
    const all = (await core.store.schedules.listActive(ORG)).map((s) => s.personId).sort();
    expect(await returned(from, from + 86_400_000)).toEqual(all);
    expect(await returned(from, from + 3 * 86_400_000)).toEqual(all);
    expect(all.length).toBeLessThan(TIMES.length * (OWN_ZONES.length + 2));
  });
});
