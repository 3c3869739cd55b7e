// The reminder and week-end sources read only the open prompts that can be due in a pass's window.
// Whatever they leave out, a pass must not miss: over a span of the week, the triggers of every
// short window (the way passes run, minute by minute) add up to exactly the triggers of one window
// over the whole span — which is a day or more long, so it reads every open prompt.
import { afterEach, describe, expect, it } from 'vitest';
import type { Trigger } from '../../../src/core/deliveries';
import { zonedInstant } from '../../../src/core/time';
import { makeTestCore, type TestCore } from '../../support/core';
import { source } from './support';

let core: TestCore;
afterEach(() => core?.cleanup());

const ORG = 'local';
const HOUR = 3_600_000;
// Week 2026-W44 runs Monday 26 October to Sunday 1 November; New York falls back on the Sunday.
const WEEK = '2026-W44';

/** Leaders in several zones (own, a site's, the default), each with an open prompt for the week. */
async function seed(): Promise<void> {
  await core.store.orgs.ensure({ id: ORG, platform: 'local', name: 'Plant' });
  const mondayToSaturday = await core.store.sites.create(
    { orgId: ORG, name: 'Pune', timeZone: 'Asia/Kolkata', workDays: [1, 2, 3, 4, 5, 6], winsChannel: null },
    null,
  );
  const leaders: Array<{ zone: string | null; siteId: number | null; sent: [string, string]; snoozeHours?: number }> = [
    { zone: 'America/New_York', siteId: null, sent: ['2026-10-30', '14:00'] }, // Friday: 24 h later is Saturday → 2 h later
    { zone: 'America/New_York', siteId: null, sent: ['2026-10-28', '14:00'] }, // Wednesday → Thursday 14:00
    { zone: 'Europe/London', siteId: null, sent: ['2026-10-29', '17:30'] },
    { zone: 'Pacific/Chatham', siteId: null, sent: ['2026-10-27', '23:50'] },
    { zone: null, siteId: mondayToSaturday.id, sent: ['2026-10-31', '10:00'] }, // Saturday at a six-day site
    { zone: null, siteId: mondayToSaturday.id, sent: ['2026-10-26', '09:15'], snoozeHours: 30 },
    { zone: null, siteId: null, sent: ['2026-10-29', '22:00'] }, // the default zone (UTC)
    { zone: 'Europe/London', siteId: null, sent: ['2026-10-27', '10:00'] }, // away Wednesday → Thursday 09:00
    { zone: 'Asia/Kolkata', siteId: null, sent: ['2026-10-30', '20:45'], snoozeHours: 3 },
  ];
  let n = 0;
  for (const l of leaders) {
    const id = `local:l${++n}`;
    await core.store.people.ensure({ id, orgId: ORG, displayName: id, timeZone: l.zone, siteId: l.siteId, role: 'leader', joinedOn: '2026-01-01' }, null);
    const zone = l.zone ?? (l.siteId ? 'Asia/Kolkata' : 'UTC');
    const sentAt = zonedInstant(l.sent[0], l.sent[1], zone);
    const prompt = await core.store.prompts.open({ orgId: ORG, personId: id, kind: 'floorwalk', subject: `week:${WEEK}`, sentAt, messageRef: null });
    if (l.snoozeHours) await core.store.prompts.snooze(ORG, prompt.id, sentAt + l.snoozeHours * HOUR, null);
  }
  // Away on the day 24 h after the prompt: the reminder moves to 09:00 on the next owed day.
  await core.store.away.add(ORG, { personId: 'local:l2', fromDate: '2026-10-29', toDate: '2026-10-29', reason: null }, null);
  await core.store.away.add(ORG, { personId: 'local:l9', fromDate: '2026-10-28', toDate: '2026-10-28', reason: null }, null);
}

const byKey = (triggers: Trigger[]) => triggers.map((t) => `${t.key}@${t.dueAt}`).sort();

/**
 * Windows covering (start, end] as passes run: of varied lengths (1–90 minutes) on whole minutes or
 * off them by some milliseconds, or hour by hour.
 */
function windows(start: number, end: number, onTheMinute: boolean | 'hourly'): Array<[number, number]> {
  if (onTheMinute === 'hourly')
    return Array.from({ length: Math.ceil((end - start) / HOUR) }, (_, i) => [start + i * HOUR, Math.min(end, start + (i + 1) * HOUR)]);
  const out: Array<[number, number]> = [];
  let seed = 7;
  for (let from = start; from < end; ) {
    seed = (seed * 48271) % 2147483647;
    const minutes = 1 + (seed % 90);
    const to = Math.min(end, from + minutes * 60_000 + (onTheMinute ? 0 : seed % 997));
    out.push([from, to]);
    from = to;
  }
  return out;
}

describe('reminder and week-end sources over short windows', () => {
  it('find exactly what one window over the whole span finds', async () => {
    core = makeTestCore('2026-10-26T00:00:00Z', { defaultTimeZone: 'UTC' });
    await seed();
    const start = Date.parse('2026-10-25T12:00:00Z');
    const end = Date.parse('2026-11-03T00:00:00Z');
    for (const name of ['floorwalk_reminder', 'floorwalk_week_end']) {
      const s = source(core, name);
      const whole = byKey(await s.triggers(start, end));
      // Hourly windows end exactly on whole-hour zones' midnights and mornings.
      for (const onTheMinute of [true, false, 'hourly'] as const) {
        const pieces: Trigger[] = [];
        for (const [from, to] of windows(start, end, onTheMinute)) pieces.push(...(await s.triggers(from, to)));
        expect(byKey(pieces), `${name}, on the minute: ${onTheMinute}`).toEqual(whole);
      }
      // Every leader's prompt is reminded once and closed at its week end.
      expect(whole, name).toHaveLength(9);
    }
  });
});
