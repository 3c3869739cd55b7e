// The weekly floor-walk prompt: when it is due (trigger source); what it says is in walk-kind.ts.
import type { DeliveryComposer, Trigger, TriggerSource } from '../deliveries';
import type { CoreDeps } from '../deps';
import { loadCalendar } from '../people/calendar';
import { batchedReads } from '../people/calendar-batch';
import { localTimeWindow } from '../people/schedule-window';
import { zoneOf } from '../people/zone';
import { askComposer } from '../prompts/lifecycle-deliveries';
import { addDays, isoWeekKey, localDateOf, weekRange, weekStart, zonedInstant, type LocalDate, type LocalTime } from '../time';
import { walkPromptKind } from './walk-kind';
import { dayOfWeek, effectivePromptDay } from './week';

/** Schedules looked at between two yields to the event loop. */
const YIELD_EVERY = 1000;

/** Windows longer than this are clamped: the scheduler never sends older occurrences anyway. */
export const MAX_WINDOW_MS = 35 * 86_400_000;

/** ISO week keys (in `zone`) of every local day touched by the window (from, to]. */
export function weeksTouching(from: number, to: number, zone: string): string[] {
  const weeks: string[] = [];
  const last = weekStart(localDateOf(to, zone));
  for (let monday = weekStart(localDateOf(from, zone)); monday <= last; monday = addDays(monday, 7)) {
    weeks.push(isoWeekKey(monday));
  }
  return weeks;
}

export function walkPromptSource(deps: CoreDeps): TriggerSource {
  return {
    name: 'floorwalk_prompt',
    suppressible: true,
    async triggers(from, to) {
      from = Math.max(from, to - MAX_WINDOW_MS);
      const out: Trigger[] = [];
      // Thousands of leaders share a few zones and times: read people, sites and calendars in bulk,
      // and work out each (zone, time)'s slots in the window once, not once per leader.
      const reads = batchedReads(deps);
      const slots = new Map<string, WeekSlots[]>();
      let seen = 0;
      for (const schedule of await schedulesInWindow(deps, from, to)) {
        // Thousands of schedules take a while: let waiting requests in now and then.
        if (++seen % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        const person = await reads.store.people.get(schedule.orgId, schedule.personId);
        if (!person) continue;
        const zone = await zoneOf(reads, person);
        const slotKey = `${zone}\u0000${schedule.time}`;
        let weeks = slots.get(slotKey);
        if (!weeks) slots.set(slotKey, (weeks = slotsInWindow(from, to, zone, schedule.time)));
        for (const { weekKey, monday, sunday, inWindow, instantOf } of weeks) {
          // Cheap check first: only weeks where some day's slot falls in the window need the calendar.
          if (inWindow.size === 0) continue;
          const calendar = await loadCalendar(reads, person, monday, sunday);
          const day = effectivePromptDay(calendar, weekKey, schedule.weekday);
          const base = {
            orgId: schedule.orgId,
            key: `floorwalk_prompt:${person.id}:${weekKey}`,
            kind: 'floorwalk_prompt' as const,
            personId: person.id,
            subject: { weekKey },
          };
          if (day === undefined) {
            const scheduled = dayOfWeek(weekKey, schedule.weekday);
            if (inWindow.has(scheduled)) {
              out.push({ ...base, dueAt: instantOf.get(scheduled)!, skipReason: `no owed day in ${weekKey}` });
            }
          } else if (inWindow.has(day)) {
            out.push({ ...base, dueAt: instantOf.get(day)! });
          }
        }
      }
      return out;
    },
  };
}

/** The active schedules whose time comes round in (from, to] in their zone: a few, not everyone. */
async function schedulesInWindow(deps: CoreDeps, from: number, to: number) {
  const { defaultTimeZone } = deps.settings;
  const zones = await deps.store.people.zonesInUse(defaultTimeZone);
  return deps.store.schedules.listActiveAt(
    zones.map((zone) => localTimeWindow(from, to, zone)),
    defaultTimeZone,
  );
}

interface WeekSlots {
  weekKey: string;
  monday: LocalDate;
  sunday: LocalDate;
  /** Days of the week whose slot falls in the window. */
  inWindow: Set<LocalDate>;
  /** The slot's instant on each day of the week. */
  instantOf: Map<LocalDate, number>;
}

/** For each week the window touches in `zone`: the instant of `time` on each day, and which are in (from, to]. */
function slotsInWindow(from: number, to: number, zone: string, time: LocalTime): WeekSlots[] {
  return weeksTouching(from, to, zone).map((weekKey) => {
    const { from: monday, to: sunday } = weekRange(weekKey);
    const inWindow = new Set<LocalDate>();
    const instantOf = new Map<LocalDate, number>();
    for (let d = monday; d <= sunday; d = addDays(d, 1)) {
      const at = zonedInstant(d, time, zone);
      instantOf.set(d, at);
      if (at > from && at <= to) inWindow.add(d);
    }
    return { weekKey, monday, sunday, inWindow, instantOf };
  });
}

/** The weekly question's composer (the prompt lifecycle opens its prompts row once sent). */
export function walkPromptComposer(deps: CoreDeps): DeliveryComposer {
  return askComposer(deps, walkPromptKind(deps));
}
