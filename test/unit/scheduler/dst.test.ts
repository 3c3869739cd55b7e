// Occurrences driven through the real scheduler (passes every few minutes, as the ticker does)
// across DST changes and the 53-week ISO year 2026; assertions read the delivered rows.
import { afterEach, describe, expect, it } from 'vitest';
import { isoWeekKey, localParts, weekRange } from '../../../src/core/time';
import { LAST_PASS_KEY } from '../../../src/scheduler/pass';
import { createScheduler } from '../../../src/scheduler/scheduler';
import type { OccurrenceRule } from '../../../src/core/recurrence/occurrences';
import { makeTestCore, type TestCore } from '../../support/core';
import { addPerson, keyComposer, ruleSource, seedOrg, testModule, type RuleSpec } from '../../support/scheduler-fixtures';

let core: TestCore;
afterEach(() => core?.cleanup());

const MIN = 60_000;
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

/** Runs tick every `stepMs` from `fromIso` to `toIso` and returns the sent deliveries' local times. */
async function run(zone: string, rules: Array<Omit<RuleSpec, 'orgId' | 'personId'>>, fromIso: string, toIso: string, stepMs = 15 * MIN) {
  core = makeTestCore(fromIso);
  await seedOrg(core);
  const site = await core.store.sites.create({ orgId: 'local', name: 'Plant', timeZone: zone, workDays: ALL_DAYS, winsChannel: null }, null);
  await addPerson(core, { id: 'local:ann', siteId: site.id });
  const specs = rules.map((r) => ({ ...r, orgId: 'local', personId: 'local:ann' }));
  const kinds = [...new Set(specs.map((s) => s.kind))];
  const scheduler = createScheduler({ deps: core.deps, modules: [testModule([ruleSource(specs)], kinds.map(keyComposer))] });
  await core.store.setState(LAST_PASS_KEY, String(core.clock.now()));
  for (let t = core.clock.now(); t <= Date.parse(toIso); t = core.clock.advance(stepMs)) await scheduler.tick(t);
  const out: Record<string, string> = {};
  for (const m of core.local.inbox('local:ann')) {
    const d = await core.store.deliveries.getByKey(m.message.summary);
    const local = localParts(d!.sentAt!, zone);
    out[m.message.summary] = `${local.date} ${local.time}`;
  }
  return out;
}

const daily = (time: string, timeZone: string): OccurrenceRule => ({ recurrence: { kind: 'daily' }, time, timeZone });

describe('DST-exact delivery', () => {
  it('America/New_York spring forward 2026-03-08: 07:30 stays 07:30, 02:30 goes at 03:00', async () => {
    const zone = 'America/New_York';
    const sent = await run(
      zone,
      [
        { kind: 'meeting_reminder', name: 'a', rule: daily('07:30', zone) },
        { kind: 'meeting_reminder', name: 'b', rule: daily('02:30', zone) },
      ],
      '2026-03-07T05:00:00Z',
      '2026-03-09T17:00:00Z',
    );
    expect(sent).toEqual({
      'meeting_reminder:b:2026-03-07T02:30': '2026-03-07 02:30',
      'meeting_reminder:a:2026-03-07T07:30': '2026-03-07 07:30',
      'meeting_reminder:b:2026-03-08T02:30': '2026-03-08 03:00',
      'meeting_reminder:a:2026-03-08T07:30': '2026-03-08 07:30',
      'meeting_reminder:b:2026-03-09T02:30': '2026-03-09 02:30',
      'meeting_reminder:a:2026-03-09T07:30': '2026-03-09 07:30',
    });
  });

  it('America/New_York fall back 2026-11-01: 07:30 stays 07:30, 01:30 goes once', async () => {
    const zone = 'America/New_York';
    const sent = await run(
      zone,
      [
        { kind: 'meeting_check', name: 'a', rule: daily('07:30', zone) },
        { kind: 'meeting_check', name: 'b', rule: daily('01:30', zone) },
      ],
      '2026-10-31T04:00:00Z',
      '2026-11-02T15:00:00Z',
    );
    expect(sent).toEqual({
      'meeting_check:b:2026-10-31T01:30': '2026-10-31 01:30',
      'meeting_check:a:2026-10-31T07:30': '2026-10-31 07:30',
      'meeting_check:b:2026-11-01T01:30': '2026-11-01 01:30',
      'meeting_check:a:2026-11-01T07:30': '2026-11-01 07:30',
      'meeting_check:b:2026-11-02T01:30': '2026-11-02 01:30',
      'meeting_check:a:2026-11-02T07:30': '2026-11-02 07:30',
    });
    // The UTC instants moved by an hour across the change; the local time did not.
    const before = await core.store.deliveries.getByKey('meeting_check:a:2026-10-31T07:30');
    const after = await core.store.deliveries.getByKey('meeting_check:a:2026-11-02T07:30');
    expect(new Date(before!.dueAt).toISOString()).toBe('2026-10-31T11:30:00.000Z');
    expect(new Date(after!.dueAt).toISOString()).toBe('2026-11-02T12:30:00.000Z');
  });

  it('Europe/London across 2026-03-29 and 2026-10-25: 07:30 stays 07:30, 01:30 on spring-forward goes at 02:00', async () => {
    const zone = 'Europe/London';
    const spring = await run(
      zone,
      [
        { kind: 'meeting_reminder', name: 'a', rule: daily('07:30', zone) },
        { kind: 'meeting_reminder', name: 'b', rule: daily('01:30', zone) },
      ],
      '2026-03-28T12:00:00Z',
      '2026-03-30T08:00:00Z',
    );
    expect(spring).toEqual({
      'meeting_reminder:a:2026-03-29T07:30': '2026-03-29 07:30',
      'meeting_reminder:b:2026-03-29T01:30': '2026-03-29 02:00',
      'meeting_reminder:b:2026-03-30T01:30': '2026-03-30 01:30',
      'meeting_reminder:a:2026-03-30T07:30': '2026-03-30 07:30',
    });
    core.cleanup();
    const autumn = await run(zone, [{ kind: 'meeting_reminder', name: 'a', rule: daily('07:30', zone) }], '2026-10-24T12:00:00Z', '2026-10-26T08:00:00Z');
    expect(autumn).toEqual({
      'meeting_reminder:a:2026-10-25T07:30': '2026-10-25 07:30',
      'meeting_reminder:a:2026-10-26T07:30': '2026-10-26 07:30',
    });
  });
});

describe('ISO week 53 of 2026', () => {
  it('prompts the weekly floor walk in 2026-W53 (Friday 2027-01-01) and then in 2027-W01', async () => {
    expect(weekRange('2026-W53')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    const zone = 'America/Chicago';
    const sent = await run(
      zone,
      [
        {
          kind: 'floorwalk_prompt',
          name: 'ann',
          rule: { recurrence: { kind: 'days', days: [5] }, time: '14:00', timeZone: zone },
          keyOf: (o) => isoWeekKey(o.date),
        },
      ],
      '2026-12-24T06:00:00Z',
      '2027-01-09T06:00:00Z',
      30 * MIN,
    );
    expect(sent).toEqual({
      'floorwalk_prompt:ann:2026-W52': '2026-12-25 14:00',
      'floorwalk_prompt:ann:2026-W53': '2027-01-01 14:00',
      'floorwalk_prompt:ann:2027-W01': '2027-01-08 14:00',
    });
  });
});
