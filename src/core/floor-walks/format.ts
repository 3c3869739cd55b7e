// How walks and follow-ups read in chat.
import type { CoreDeps } from '../deps';
import type { Message, RichText } from '../model';
import { recordedBySpans } from '../people/recorded-by';
import { zoneOf } from '../people/zone';
import { daysBetween, localDateOf, type LocalDate } from '../time';
import type { FloorWalk, FollowUp } from './repo';

export function followUpLine(f: FollowUp, ownerToday: LocalDate): RichText {
  const spans: RichText = [{ bold: `#${f.id}` }, ' ', f.text, ' — ', { mention: f.ownerId }, ` · due ${f.dueDate}`];
  if (f.status === 'open' && f.dueDate < ownerToday) {
    const days = daysBetween(f.dueDate, ownerToday);
    spans.push(' · ', { bold: `OVERDUE ${days} day${days === 1 ? '' : 's'}` });
  }
  if (f.status === 'done') spans.push(` · done ${f.closedOn}`);
  spans.push(...recordedBySpans(f.recordedBy, f.ownerId));
  return spans;
}

export function walkLine(w: FloorWalk, followUpCount?: number): RichText {
  const spans: RichText = [{ bold: `#${w.id}` }, ' ', { bold: w.walkDate }, ` (${w.weekKey}) · `, w.area];
  if (w.tags.length) spans.push(` · ${w.tags.map((t) => `#${t}`).join(' ')}`);
  if (followUpCount) spans.push(` · ${followUpCount} follow-up${followUpCount === 1 ? '' : 's'}`);
  if (w.withdrawnAt !== null) spans.push(' · ', { bold: 'WITHDRAWN' }, ...(w.withdrawnReason ? [` (${w.withdrawnReason})`] : []));
  spans.push(...recordedBySpans(w.recordedBy, w.personId));
  return spans;
}

/** Today in each owner's zone, cached for one listing. */
export function ownerTodays(deps: CoreDeps, orgId: string): (personId: string) => Promise<LocalDate> {
  const cache = new Map<string, LocalDate>();
  return async (personId) => {
    let today = cache.get(personId);
    if (!today) {
      const person = await deps.store.people.get(orgId, personId);
      const zone = person ? await zoneOf(deps, person) : deps.settings.defaultTimeZone;
      today = localDateOf(deps.clock.now(), zone);
      cache.set(personId, today);
    }
    return today;
  };
}

/** A follow-up's card: what, who raised it, when it is due. */
export function followUpFacts(f: FollowUp): Message['blocks'] {
  return [
    {
      type: 'facts',
      facts: [
        { label: 'Action', value: [f.text] },
        { label: 'Raised by', value: [{ mention: f.raisedBy }] },
        { label: 'Due', value: [f.dueDate] },
      ],
    },
  ];
}
