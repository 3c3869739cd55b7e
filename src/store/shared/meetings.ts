// Meeting and occurrence rows → the core's models, and the values and patches of their changes,
// for both engines. A recurrence is stored as its kind plus `days` ('1,3,5') or `cron`.
import type { Meeting, MeetingOccurrence, NewMeeting, OccurrenceAnswer } from '../../core/meetings/repo';
import type { Recurrence } from '../../core/recurrence/occurrences';

export interface MeetingRow {
  id: number;
  orgId: string;
  personId: string;
  title: string;
  recurrence: 'daily' | 'weekdays' | 'days' | 'cron';
  days: string | null;
  cron: string | null;
  time: string | null;
  timeZone: string;
  leadMinutes: number;
  durationMinutes: number;
  channel: string | null;
  active: boolean;
  createdAt: number;
  removedAt: number | null;
}

export interface OccurrenceRow extends Omit<MeetingOccurrence, 'tags'> {
  tags: string;
}

/** The answer fields of an occurrence a change may set. */
export type OccurrencePatch = Partial<Pick<OccurrenceRow, 'answer' | 'answeredAt' | 'answeredBy' | 'topic' | 'tags'>>;

function toRecurrence(row: MeetingRow): Recurrence {
  switch (row.recurrence) {
    case 'days':
      return { kind: 'days', days: (row.days ?? '').split(',').filter(Boolean).map(Number) };
    case 'cron':
      return { kind: 'cron', expr: row.cron ?? '' };
    default:
      return { kind: row.recurrence };
  }
}

export function toMeeting(row: MeetingRow): Meeting {
  return {
    id: row.id,
    orgId: row.orgId,
    personId: row.personId,
    title: row.title,
    recurrence: toRecurrence(row),
    time: row.time,
    timeZone: row.timeZone,
    leadMinutes: row.leadMinutes,
    durationMinutes: row.durationMinutes,
    channel: row.channel,
    active: row.active,
    createdAt: row.createdAt,
    removedAt: row.removedAt,
  };
}

export function toOccurrence(row: OccurrenceRow): MeetingOccurrence {
  return { ...row, tags: JSON.parse(row.tags) as string[] };
}

export function newMeetingValues(meeting: NewMeeting, now: number) {
  const r = meeting.recurrence;
  return {
    orgId: meeting.orgId,
    personId: meeting.personId,
    title: meeting.title,
    recurrence: r.kind,
    days: r.kind === 'days' ? r.days.join(',') : null,
    cron: r.kind === 'cron' ? r.expr : null,
    time: r.kind === 'cron' ? null : meeting.time,
    timeZone: meeting.timeZone,
    leadMinutes: meeting.leadMinutes,
    durationMinutes: meeting.durationMinutes,
    channel: meeting.channel,
    createdAt: now,
  };
}

/** What removing a meeting sets: it stays, inactive. */
export function removalSet(now: number) {
  return { active: false, removedAt: now };
}

/** The patch that records an answer; undefined (no change) when `ifUnanswered` and it has one. */
export function answerPatch(row: OccurrenceRow, input: OccurrenceAnswer, ifUnanswered?: boolean): OccurrencePatch | undefined {
  if (ifUnanswered && row.answer !== null) return undefined;
  const patch: OccurrencePatch = { answer: input.answer, answeredAt: input.at, answeredBy: input.by };
  if (input.topic !== undefined) patch.topic = input.topic;
  if (input.tags !== undefined) patch.tags = JSON.stringify(input.tags);
  return patch;
}

export function topicPatch(topic: string, tags: string[]): OccurrencePatch {
  return { topic, tags: JSON.stringify(tags) };
}
