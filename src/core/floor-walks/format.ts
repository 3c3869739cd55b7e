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

/** One walk in a list: number, date, (the leader,) area, tags, follow-ups, the start of the notes, withdrawn, recorded by. */
export function walkLine(w: FloorWalk, options: { leader?: boolean; followUps?: number } = {}): RichText {
  const spans: RichText = [{ bold: `#${w.id}` }, ' ', { bold: w.walkDate }, ` (${w.weekKey}) · `];
  if (options.leader) spans.push({ mention: w.personId }, ' · ');
  spans.push(w.area);
  if (w.tags.length) spans.push(` · ${w.tags.map((t) => `#${t}`).join(' ')}`);
  if (options.followUps) spans.push(` · ${options.followUps} follow-up${options.followUps === 1 ? '' : 's'}`);
  const preview = notesPreview(w);
  if (preview) spans.push(' — ', preview);
  if (w.withdrawnAt !== null) spans.push(' · ', { bold: 'WITHDRAWN' }, ...(w.withdrawnReason ? [` (${w.withdrawnReason})`] : []));
  spans.push(...recordedBySpans(w.recordedBy, w.personId));
  return spans;
}

export const PREVIEW_MAX = 100;

/** "Went well: … · Concerns: …" on one line, cut to `max` characters with an ellipsis. */
export function notesPreview(w: Pick<FloorWalk, 'wentWell' | 'concerns'>, max = PREVIEW_MAX): string {
  const parts: string[] = [];
  if (w.wentWell?.trim()) parts.push(`Went well: ${w.wentWell.trim()}`);
  if (w.concerns?.trim()) parts.push(`Concerns: ${w.concerns.trim()}`);
  const line = parts.join(' · ').replace(/\s+/g, ' ');
  const chars = Array.from(line);
  return chars.length <= max
    ? line
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
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
