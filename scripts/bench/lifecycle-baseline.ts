// The baseline of the lifecycle benchmark: the reminder and period-end sources as they were before
// the prompt lifecycle (commit a6a4318), copied here unchanged but for exports: custom questions
// listed every open question of every organisation each pass; the floor walk listed every open
// prompt when some zone's 09:00 or week end came round, else those sent 2 h / 24 h before.
import type { Trigger, TriggerSource } from '../../src/core/deliveries';
import type { CoreDeps } from '../../src/core/deps';
import type { Prompt } from '../../src/core/floor-walks/repo';
import { walkReminderKeyPrefix } from '../../src/core/floor-walks/prompt-message';
import { DAY_MS, nextOwedSlot, WORK_MORNING, weekClock, weekEndInstant, weekOfSubject, type WeekClock } from '../../src/core/floor-walks/week';
import { loadCalendar, type OwedCalendar } from '../../src/core/people/calendar';
import { batchedReads } from '../../src/core/people/calendar-batch';
import { localTimeWindow, timeComesRound } from '../../src/core/people/schedule-window';
import { zoneOf } from '../../src/core/people/zone';
import { periodRange } from '../../src/core/prompts/cadence';
import { subjectParts } from '../../src/core/prompts/subject';
import { addDays, isoWeekKey, localDateOf, weekRange, zonedInstant } from '../../src/core/time';

/** No zone is more than 14 h from UTC: a week end outside this margin of the window cannot be in it. */
const ZONE_MARGIN_MS = 15 * 3_600_000;
/** A reminder is never later than the week end, so never more than 8 days after its prompt. */
const LATEST_REMINDER_MS = 8 * 86_400_000;

async function openWalkPrompts(deps: CoreDeps): Promise<Prompt[]> {
  const all: Prompt[] = [];
  for (const org of await deps.store.orgs.list()) all.push(...(await deps.store.prompts.listOpen(org.id, 'floorwalk')));
  return all;
}

/** The reminder's fallback when no owed day is left in the week after the prompt. */
const LAST_DAY_REMINDER_AFTER_MS = 2 * 3_600_000;

/**
 * When the one reminder of an unanswered weekly prompt goes out:
 * - when a snooze ends, if the leader snoozed (the snooze picked an owed moment itself);
 * - else 24 h after the prompt, if that instant falls on an owed day of the prompt's ISO week;
 * - else 09:00 leader-local on the next owed day of that week;
 * - else (no owed day left in the week) 2 h after the prompt, the same day.
 * The fallbacks matter: with the default Friday 14:00 prompt at a Monday–Friday site, "24 h later"
 * is Saturday, which the scheduler excuses, and the leader would never be reminded.
 */
function walkReminderAt(prompt: Prompt, clock: WeekClock, calendar: OwedCalendar): number {
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

const REMINDER_KIND = 'custom_prompt_reminder';
const PERIOD_END_KIND = 'custom_prompt_period_end';
const REMIND_AFTER_MS = 24 * 3_600_000;

async function periodEndFor(deps: CoreDeps, orgId: string, personId: string, periodKey: string): Promise<number | undefined> {
  const person = await deps.store.people.get(orgId, personId);
  if (!person) return undefined;
  return zonedInstant(addDays(periodRange(periodKey).to, 1), '00:00', await zoneOf(deps, person));
}

async function openQuestions(deps: CoreDeps): Promise<Prompt[]> {
  const all: Prompt[] = [];
  for (const org of await deps.store.orgs.list()) all.push(...(await deps.store.prompts.listOpen(org.id, 'custom')));
  return all;
}

export function reminderSource(deps: CoreDeps): TriggerSource {
  return {
    name: REMINDER_KIND,
    suppressible: true,
    async triggers(from, to) {
      const out: Trigger[] = [];
      for (const prompt of await openQuestions(deps)) {
        const parts = subjectParts(prompt);
        const dueAt = prompt.snoozedUntil ?? prompt.sentAt + REMIND_AFTER_MS;
        if (!parts || dueAt <= from || dueAt > to) continue;
        const end = await periodEndFor(deps, prompt.orgId, prompt.personId, parts.periodKey);
        if (end === undefined || dueAt >= end) continue;
        out.push({
          orgId: prompt.orgId,
          key: `${REMINDER_KIND}:${prompt.id}:${prompt.snoozeCount}`,
          kind: REMINDER_KIND,
          personId: prompt.personId,
          subject: { promptId: prompt.id, ...parts },
          dueAt,
        });
      }
      return out;
    },
  };
}

export function periodEndSource(deps: CoreDeps): TriggerSource {
  return {
    name: PERIOD_END_KIND,
    async triggers(from, to) {
      const out: Trigger[] = [];
      for (const prompt of await openQuestions(deps)) {
        const parts = subjectParts(prompt);
        if (!parts) continue;
        const dueAt = await periodEndFor(deps, prompt.orgId, prompt.personId, parts.periodKey);
        if (dueAt === undefined || dueAt <= from || dueAt > to) continue;
        out.push({
          orgId: prompt.orgId,
          key: `${PERIOD_END_KIND}:${prompt.id}`,
          kind: PERIOD_END_KIND,
          personId: prompt.personId,
          subject: { promptId: prompt.id, ...parts },
          dueAt,
        });
      }
      return out;
    },
  };
}

/** The four sources as they were, in the order the modules listed them. */
export function baselineSources(deps: CoreDeps): TriggerSource[] {
  return [walkReminderSource(deps), weekEndSource(deps), reminderSource(deps), periodEndSource(deps)];
}
