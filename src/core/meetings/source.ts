// What falls due for meetings in a scheduler window: a reminder `lead` minutes before each
// occurrence and a check `duration` minutes after it starts. Away periods and shutdowns are
// suppressed centrally by the scheduler, not here.
import { occurrencesBetween } from '../recurrence/occurrences';
import type { Trigger, TriggerSource } from '../deliveries';
import type { CoreDeps } from '../deps';
import { batchedReads } from '../people/calendar-batch';
import { ruleOf } from './format';
import type { Meeting } from './repo';

const MINUTE = 60_000;

export function reminderKey(meetingId: number, occurrenceKey: string): string {
  return `meeting_reminder:${meetingId}:${occurrenceKey}`;
}

export function checkKey(meetingId: number, occurrenceKey: string): string {
  return `meeting_check:${meetingId}:${occurrenceKey}`;
}

/** Triggers of one meeting due in (from, to]. `offsetMs` is the trigger's distance from the start. */
function triggersOf(meeting: Meeting, kind: 'meeting_reminder' | 'meeting_check', offsetMs: number, from: number, to: number): Trigger[] {
  const key = kind === 'meeting_reminder' ? reminderKey : checkKey;
  return occurrencesBetween(ruleOf(meeting), from - offsetMs, to - offsetMs)
    .filter((o) => o.at + offsetMs >= meeting.createdAt)
    .map((o) => ({
      orgId: meeting.orgId,
      key: key(meeting.id, o.key),
      kind,
      personId: meeting.personId,
      subject: { meetingId: meeting.id, occurrenceKey: o.key, startsAt: o.at },
      dueAt: o.at + offsetMs,
    }));
}

export function meetingTriggers(meeting: Meeting, from: number, to: number): Trigger[] {
  return [
    ...triggersOf(meeting, 'meeting_reminder', -meeting.leadMinutes * MINUTE, from, to),
    ...triggersOf(meeting, 'meeting_check', meeting.durationMinutes * MINUTE, from, to),
  ];
}

export function meetingSource(deps: CoreDeps): TriggerSource {
  return {
    name: 'meetings',
    suppressible: true,
    async triggers(from, to) {
      const reads = batchedReads(deps);
      const out: Trigger[] = [];
      for (const meeting of await deps.store.meetings.listActive()) {
        const due = meetingTriggers(meeting, from, to);
        if (due.length === 0) continue;
        // Someone no longer a leader, quality manager or admin owes no meeting prompts; their
        // meetings stay, and fire again if they get such a role back.
        const person = await reads.store.people.get(meeting.orgId, meeting.personId);
        if (person && person.role !== 'member') out.push(...due);
      }
      return out.sort((a, b) => a.dueAt - b.dueAt || a.key.localeCompare(b.key));
    },
  };
}
