// After the weekly prompt: one reminder if it is still unanswered (see walkReminderAt for when),
// and at the end of the week an unanswered prompt is marked missed and its buttons retire.
import type { DeliveryComposer, DeliveryJob, Trigger, TriggerSource } from '../deliveries';
import type { CoreDeps } from '../deps';
import { loadCalendar, type OwedCalendar } from '../people/calendar';
import { batchedReads } from '../people/calendar-batch';
import { zoneOf } from '../people/zone';
import { isoWeekKey, localDateOf, weekRange } from '../time';
import { localTimeWindow, timeComesRound } from '../people/schedule-window';
import { retirePromptMessage, walkPromptMessage, walkReminderKeyPrefix, weekOverMessage } from './prompt-message';
import type { Prompt } from './repo';
import { DAY_MS, nextOwedSlot, WORK_MORNING, weekClock, weekEndInstant, weekOfSubject, type WeekClock } from './week';

/** The reminder's fallback when no owed day is left in the week after the prompt. */
export const LAST_DAY_REMINDER_AFTER_MS = 2 * 3_600_000;
/** No zone is more than 14 h from UTC: a week end outside this margin of the window cannot be in it. */
const ZONE_MARGIN_MS = 15 * 3_600_000;
/** A reminder is never later than the week end, so never more than 8 days after its prompt. */
const LATEST_REMINDER_MS = 8 * 86_400_000;

async function openWalkPrompts(deps: CoreDeps): Promise<Prompt[]> {
  const all: Prompt[] = [];
  for (const org of await deps.store.orgs.list()) all.push(...(await deps.store.prompts.listOpen(org.id, 'floorwalk')));
  return all;
}

/**
 * When the one reminder of an unanswered weekly prompt goes out:
 * - when a snooze ends, if the leader snoozed (the snooze picked an owed moment itself);
 * - else 24 h after the prompt, if that instant falls on an owed day of the prompt's ISO week;
 * - else 09:00 leader-local on the next owed day of that week;
 * - else (no owed day left in the week) 2 h after the prompt, the same day.
 * The fallbacks matter: with the default Friday 14:00 prompt at a Monday–Friday site, "24 h later"
 * is Saturday, which the scheduler excuses, and the leader would never be reminded.
 */
export function walkReminderAt(prompt: Prompt, clock: WeekClock, calendar: OwedCalendar): number {
  return prompt.snoozedUntil ?? nextOwedSlot(prompt.sentAt, clock, calendar) ?? prompt.sentAt + LAST_DAY_REMINDER_AFTER_MS;
}

/** One scheduler pass's reads: people, sites and calendars in bulk, and each zone's week clock once. */
interface PassReads {
  deps: CoreDeps;
  clock(weekKey: string, zone: string): WeekClock;
}

function passReads(deps: CoreDeps): PassReads {
  const clocks = new Map<string, WeekClock>();
  return {
    deps: batchedReads(deps),
    clock(weekKey, zone) {
      const key = `${zone}\u0000${weekKey}`;
      let clock = clocks.get(key);
      if (!clock) clocks.set(key, (clock = weekClock(weekKey, zone)));
      return clock;
    },
  };
}

async function reminderDueIn(reads: PassReads, prompt: Prompt, weekKey: string, from: number, to: number): Promise<number | undefined> {
  const inWindow = (at: number) => at > from && at <= to;
  if (prompt.snoozedUntil !== null) return inWindow(prompt.snoozedUntil) ? prompt.snoozedUntil : undefined;
  if (to < prompt.sentAt + LAST_DAY_REMINDER_AFTER_MS || from >= prompt.sentAt + LATEST_REMINDER_MS) return undefined;
  const { deps } = reads;
  const person = await deps.store.people.get(prompt.orgId, prompt.personId);
  if (!person) return undefined;
  const clock = reads.clock(weekKey, await zoneOf(deps, person));
  // Every instant walkReminderAt can return (and a few more): only then is the calendar needed.
  if (![prompt.sentAt + 24 * 3_600_000, prompt.sentAt + LAST_DAY_REMINDER_AFTER_MS, ...clock.mornings].some(inWindow)) return undefined;
  const calendar = await loadCalendar(deps, person, clock.dates[0]!, clock.dates[6]!);
  const dueAt = walkReminderAt(prompt, clock, calendar);
  return inWindow(dueAt) ? dueAt : undefined;
}

/**
 * The open weekly prompts whose reminder may fall in (from, to]. A reminder is due when a snooze
 * ends, 2 h or 24 h after its prompt, or at 09:00 local: all open prompts when some zone's 09:00
 * comes round in the window (or the window is a day or more), else only those snoozed until a time
 * in it or sent 2 h or 24 h before it — a few, not every open prompt every minute.
 */
async function reminderCandidates(deps: CoreDeps, from: number, to: number): Promise<Prompt[]> {
  const zones = await deps.store.people.zonesInUse(deps.settings.defaultTimeZone);
  if (zones.some((zone) => timeComesRound(localTimeWindow(from, to, zone), WORK_MORNING))) return openWalkPrompts(deps);
  const before = (ms: number) => ({ from: from - ms, to: to - ms });
  return deps.store.prompts.listOpenByTime('floorwalk', [before(DAY_MS), before(LAST_DAY_REMINDER_AFTER_MS)], { from, to });
}

/** Whether some zone's week ends (Monday 00:00 local) in (from, to]. */
async function aWeekEndsIn(deps: CoreDeps, from: number, to: number): Promise<boolean> {
  if (to - from >= 7 * DAY_MS) return true;
  const zones = await deps.store.people.zonesInUse(deps.settings.defaultTimeZone);
  return zones.some((zone) => weekEndInstant(isoWeekKey(localDateOf(from, zone)), zone) <= to);
}

export function walkReminderSource(deps: CoreDeps): TriggerSource {
  return {
    name: 'floorwalk_reminder',
    suppressible: true,
    async triggers(from, to) {
      const out: Trigger[] = [];
      const reads = passReads(deps);
      for (const prompt of await reminderCandidates(deps, from, to)) {
        const weekKey = weekOfSubject(prompt.subject);
        if (!weekKey) continue;
        const dueAt = await reminderDueIn(reads, prompt, weekKey, from, to);
        if (dueAt === undefined) continue;
        out.push({
          orgId: prompt.orgId,
          key: `${walkReminderKeyPrefix(prompt.personId, weekKey)}${prompt.snoozeCount}`,
          kind: 'floorwalk_reminder',
          personId: prompt.personId,
          subject: { weekKey, promptId: prompt.id, snoozeCount: prompt.snoozeCount },
          dueAt,
        });
      }
      return out;
    },
  };
}

export function walkReminderComposer(deps: CoreDeps): DeliveryComposer {
  return {
    kind: 'floorwalk_reminder',
    async compose(delivery) {
      const weekKey = String(delivery.subject.weekKey);
      const prompt = await deps.store.prompts.get(delivery.orgId, Number(delivery.subject.promptId));
      if (prompt?.status !== 'open') return { skip: 'prompt already answered' };
      if (prompt.snoozeCount !== Number(delivery.subject.snoozeCount)) return { skip: 'snoozed again since' };
      if (await deps.store.walks.hasWalkInWeek(prompt.orgId, prompt.personId, weekKey)) return { skip: 'walk already logged this week' };
      const person = await deps.store.people.get(prompt.orgId, prompt.personId);
      if (!person) return { skip: 'person not found' };
      if (deps.clock.now() >= weekEndInstant(weekKey, await zoneOf(deps, person))) return { skip: 'week is over' };
      return { to: { personId: person.id }, message: walkPromptMessage(weekKey, true) };
    },
  };
}

export function weekEndSource(deps: CoreDeps): TriggerSource {
  return {
    name: 'floorwalk_week_end',
    async triggers(from, to) {
      const out: Trigger[] = [];
      if (!(await aWeekEndsIn(deps, from, to))) return out;
      // Thousands of open prompts share a week or two: the UTC week end once per week key.
      const utcEnds = new Map<string, number>();
      for (const prompt of await openWalkPrompts(deps)) {
        const weekKey = weekOfSubject(prompt.subject);
        if (!weekKey) continue;
        let utcEnd = utcEnds.get(weekKey);
        if (utcEnd === undefined) utcEnds.set(weekKey, (utcEnd = Date.parse(`${weekRange(weekKey).to}T00:00:00Z`) + 86_400_000));
        if (utcEnd <= from - ZONE_MARGIN_MS || utcEnd > to + ZONE_MARGIN_MS) continue;
        const person = await deps.store.people.get(prompt.orgId, prompt.personId);
        if (!person) continue;
        const dueAt = weekEndInstant(weekKey, await zoneOf(deps, person));
        if (dueAt <= from || dueAt > to) continue;
        out.push({
          orgId: prompt.orgId,
          key: `floorwalk_week_end:${prompt.personId}:${weekKey}`,
          kind: 'floorwalk_week_end',
          personId: prompt.personId,
          subject: { weekKey, promptId: prompt.id },
          dueAt,
        });
      }
      return out;
    },
  };
}

/** Closes the week: marks the open prompt missed and retires its buttons. Sends nothing new. */
export function weekEndJob(deps: CoreDeps): DeliveryJob {
  return {
    kind: 'floorwalk_week_end',
    async run(delivery) {
      const weekKey = String(delivery.subject.weekKey);
      const prompt = await deps.store.prompts.get(delivery.orgId, Number(delivery.subject.promptId));
      if (prompt?.status !== 'open') return 'prompt already answered';
      if (await deps.store.walks.hasWalkInWeek(prompt.orgId, prompt.personId, weekKey)) {
        // A walk recorded without answering the prompt (e.g. imported): the week is done, not missed.
        await deps.store.prompts.answer(prompt.orgId, prompt.id, 'logged', deps.clock.now());
        return 'walk logged this week';
      }
      const missed = await deps.store.prompts.markMissed(prompt.orgId, prompt.id, null);
      if (missed) await retirePromptMessage(deps, missed, weekOverMessage(weekKey));
      return 'week closed';
    },
  };
}
