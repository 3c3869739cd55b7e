// Storage port for recurring meetings and their dated occurrences (the meetings area owns it).
// Mutations take `actor` (the person id making the change, or null for the system) for the audit log.
import type { PromptToClose } from '../floor-walks/repo';
import type { Recurrence } from '../recurrence/occurrences';
import type { LocalDate, LocalTime } from '../time';

export type MeetingAnswer = 'yes' | 'no' | 'cancelled';
export const MEETING_ANSWERS: readonly MeetingAnswer[] = ['yes', 'no', 'cancelled'];

export interface Meeting {
  id: number;
  orgId: string;
  /** The leader who opens the meeting and gets the reminder and the check. */
  personId: string;
  title: string;
  recurrence: Recurrence;
  /** 'HH:MM' local in `timeZone`; null for cron rules (the expression carries the time). */
  time: LocalTime | null;
  timeZone: string;
  leadMinutes: number;
  durationMinutes: number;
  /** The meeting's channel id as the platform normalised it, if any. */
  channel: string | null;
  active: boolean;
  createdAt: number;
  removedAt: number | null;
}

export type NewMeeting = Omit<Meeting, 'id' | 'active' | 'createdAt' | 'removedAt'>;

export interface MeetingOccurrence {
  id: number;
  orgId: string;
  meetingId: number;
  personId: string;
  /** 'YYYY-MM-DDTHH:MM', nominal local date and time in the meeting's zone. */
  occurrenceKey: string;
  startsAt: number;
  /** The occurrence's date in the leader's zone (what the scorecard counts by). */
  localDate: LocalDate;
  answer: MeetingAnswer | null;
  topic: string | null;
  tags: string[];
  answeredAt: number | null;
  answeredBy: string | null;
}

/** An occurrence before anyone answered it. */
export type NewOccurrence = Pick<MeetingOccurrence, 'orgId' | 'meetingId' | 'personId' | 'occurrenceKey' | 'startsAt' | 'localDate'>;

export interface OccurrenceAnswer {
  answer: MeetingAnswer;
  /** Left as it was when undefined. */
  topic?: string | null;
  tags?: string[];
  /** Who answered (the leader, or a manager for them). */
  by: string;
  at: number;
}

export interface MeetingRepo {
  create(meeting: NewMeeting, actor: string | null): Promise<Meeting>;
  /** Active or removed, scoped by organisation. */
  get(orgId: string, id: number): Promise<Meeting | undefined>;
  /** Active meetings of the organisation, optionally of one leader, by id. */
  list(orgId: string, personId?: string): Promise<Meeting[]>;
  /** Active meetings of every organisation (the scheduler's trigger source). */
  listActive(): Promise<Meeting[]>;
  /** Soft removal: active = false, removedAt = now. Undefined when unknown or already removed. */
  remove(orgId: string, id: number, actor: string | null): Promise<Meeting | undefined>;
  /** Inserts the occurrence unless (meetingId, occurrenceKey) exists; returns the stored row either way. */
  ensureOccurrence(occurrence: NewOccurrence): Promise<MeetingOccurrence>;
  getOccurrence(orgId: string, id: number): Promise<MeetingOccurrence | undefined>;
  findOccurrence(orgId: string, meetingId: number, occurrenceKey: string): Promise<MeetingOccurrence | undefined>;
  /**
   * Records (or corrects) the answer; the audit log keeps the earlier answer. With `ifUnanswered`
   * it changes nothing and returns undefined when the occurrence already has an answer. `closes`
   * names the leader's open prompt the answer closes, in the same transaction.
   */
  answerOccurrence(
    orgId: string,
    id: number,
    answer: OccurrenceAnswer,
    actor: string | null,
    options?: { ifUnanswered?: boolean; closes?: PromptToClose },
  ): Promise<MeetingOccurrence | undefined>;
  /** Sets the one-line topic and tags of an occurrence (audited). */
  setTopic(orgId: string, id: number, topic: string, tags: string[], actor: string | null): Promise<MeetingOccurrence | undefined>;
  /** A person's occurrences that started before `before` (default: any), newest first. */
  recentOccurrences(orgId: string, personId: string, options?: { before?: number; limit?: number }): Promise<MeetingOccurrence[]>;
}
