// When a custom prompt's question goes out to each person in its audience: on the period's slot
// day at the prompt's local time, or — when that day is not owed (away, shutdown, not a work day)
// — on the next owed day of the same period. A period with no owed day is recorded as not due.
import type { Trigger, TriggerSource } from '../deliveries';
import type { CoreDeps } from '../deps';
import { loadCalendar } from '../people/calendar';
import { batchedReads } from '../people/calendar-batch';
import { localTimeWindow, timeComesRound, type LocalTimeWindow } from '../people/schedule-window';
import { zoneOf } from '../people/zone';
import type { Person } from '../people/types';
import { addDays, localDateOf, zonedInstant, type LocalDate } from '../time';
import { periodKeyOf, periodRange, slotDate } from './cadence';
import type { CustomPrompt } from './definition';

export const PROMPT_KIND = 'custom_prompt';

/** Windows longer than this are clamped: the scheduler never sends older occurrences anyway. */
const MAX_WINDOW_MS = 8 * 86_400_000;

/** The people a prompt asks: leaders of the organisation or of a site, or the named people. */
export async function audienceOf(deps: CoreDeps, prompt: CustomPrompt): Promise<Person[]> {
  const { audience, orgId } = prompt;
  if (audience.kind === 'leaders') return deps.store.people.list(orgId, { role: 'leader' });
  if (audience.kind === 'site') return deps.store.people.list(orgId, { role: 'leader', siteId: audience.siteId });
  const people = await Promise.all(audience.personIds.map((id) => deps.store.people.get(orgId, id)));
  return people.filter((p): p is Person => p !== undefined);
}

export function promptKey(definitionId: number, personId: string, periodKey: string): string {
  return `${PROMPT_KIND}:${definitionId}:${personId}:${periodKey}`;
}

/** The first owed day from the slot to the period's end; undefined when there is none. */
async function askOn(deps: CoreDeps, person: Person, prompt: CustomPrompt, periodKey: string): Promise<LocalDate | undefined> {
  const slot = slotDate(prompt.cadence, periodKey);
  const { to } = periodRange(periodKey);
  const calendar = await loadCalendar(deps, person, slot, to);
  for (let date = slot; date <= to; date = addDays(date, 1)) if (calendar.isOwed(date)) return date;
  return undefined;
}

export function customPromptSource(deps: CoreDeps): TriggerSource {
  return {
    name: PROMPT_KIND,
    suppressible: true,
    async triggers(from, to) {
      from = Math.max(from, to - MAX_WINDOW_MS);
      const out: Trigger[] = [];
      const reads = batchedReads(deps);
      const windows = new Map<string, LocalTimeWindow>();
      for (const prompt of await deps.store.customPrompts.listActive()) {
        for (const person of await audienceOf(reads, prompt)) {
          if (person.guest) continue;
          const zone = await zoneOf(reads, person);
          let window = windows.get(zone);
          if (!window) windows.set(zone, (window = localTimeWindow(from, to, zone)));
          if (!timeComesRound(window, prompt.cadence.time)) continue;
          for (let date = localDateOf(from, zone); date <= localDateOf(to, zone); date = addDays(date, 1)) {
            const at = zonedInstant(date, prompt.cadence.time, zone);
            if (at <= from || at > to) continue;
            const periodKey = periodKeyOf(prompt.cadence.every, date);
            const base = {
              orgId: prompt.orgId,
              key: promptKey(prompt.id, person.id, periodKey),
              kind: PROMPT_KIND,
              personId: person.id,
              subject: { definitionId: prompt.id, periodKey },
              dueAt: at,
            };
            const day = await askOn(reads, person, prompt, periodKey);
            if (day === date) out.push(base);
            else if (day === undefined && date === slotDate(prompt.cadence, periodKey)) out.push({ ...base, skipReason: `no owed day in ${periodKey}` });
          }
        }
      }
      return out;
    },
  };
}
