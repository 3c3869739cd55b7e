// Storage port for prompts: every question the bot asked a person (the floor walk, the meeting
// check, follow-up nudges, custom prompts …), the rows the prompt lifecycle opens, reminds and closes.
// Members marked SHARED are used by several areas and keep their signatures.

/**
 * What a prompt asks about, named by the area that asks: 'meeting_check', 'floorwalk',
 * 'followup_nudge', 'custom' (custom leadership prompts) — a new area adds its own name.
 */
export type PromptKind = string;

/** A question the bot asked a person. Response rate and median response time come from these. */
export interface Prompt {
  id: number;
  orgId: string;
  personId: string;
  kind: PromptKind;
  /** What it asks about: 'occurrence:<id>', 'week:<YYYY-Www>', 'followup:<id>:<date>'. */
  subject: string;
  sentAt: number;
  answeredAt: number | null;
  answer: string | null;
  status: 'open' | 'answered' | 'missed';
  snoozeCount: number;
  snoozedUntil: number | null;
  messageRef: string | null;
  /** The prompt lifecycle's planned reminder (a snooze's end once snoozed); null or absent: not worked out. */
  remindAt?: number | null;
  /** The end of the prompt's period, when an unanswered prompt is missed; null or absent: not worked out. */
  closesAt?: number | null;
}

/**
 * SHARED. The open prompt an answer closes in the same transaction as the answer itself: the
 * answering person's prompt of this kind and subject (nothing happens when it is not open).
 */
export interface PromptToClose {
  kind: PromptKind;
  subject: string;
  /** What the prompt records as its answer. */
  answer: string;
}

export interface TimeRange {
  from: number;
  to: number;
}

/** A prompt that was just sent: the row it opens. */
export interface PromptToOpen {
  orgId: string;
  personId: string;
  kind: PromptKind;
  subject: string;
  sentAt: number;
  messageRef: string | null;
  remindAt?: number | null;
  closesAt?: number | null;
}

export interface PromptRepo {
  /** SHARED. Records that a prompt was sent; a second call for the same (person, kind, subject) keeps the first. */
  open(prompt: PromptToOpen): Promise<Prompt>;
  /** SHARED. */
  get(orgId: string, id: number): Promise<Prompt | undefined>;
  /** SHARED. */
  find(orgId: string, personId: string, kind: PromptKind, subject: string): Promise<Prompt | undefined>;
  /** SHARED. Marks an open prompt answered; undefined when it was already answered or missed. */
  answer(orgId: string, id: number, answer: string, at: number): Promise<Prompt | undefined>;
  /** Postpones an open prompt: snoozeCount + 1, snoozedUntil (and remindAt) set. Undefined when it is not open. */
  snooze(orgId: string, id: number, until: number, actor: string | null): Promise<Prompt | undefined>;
  /** Open prompts of one kind in an organisation, oldest first (for reminders and week ends). */
  listOpen(orgId: string, kind: PromptKind): Promise<Prompt[]>;
  /**
   * Open prompts of one kind in every organisation, oldest first, sent in one of `sentIn` or snoozed
   * until a time in `snoozedIn` (ranges exclude `from`, include `to`).
   */
  listOpenByTime(kind: PromptKind, sentIn: TimeRange[], snoozedIn: TimeRange): Promise<Prompt[]>;
  /**
   * Open prompts of one kind in every organisation whose `column` falls in one of `ranges` (ranges
   * exclude `from`, include `to`), oldest first: what a lifecycle pass looks at, read by index.
   */
  listOpenDue(kind: PromptKind, column: 'remindAt' | 'closesAt' | 'sentAt', ranges: TimeRange[]): Promise<Prompt[]>;
  /** Open prompts of one kind whose lifecycle instants were never worked out (closesAt null), oldest first. */
  listOpenUnscheduled(kind: PromptKind): Promise<Prompt[]>;
  /** Marks an open prompt missed; undefined when it was not open. */
  markMissed(orgId: string, id: number, actor: string | null): Promise<Prompt | undefined>;
  /** Answers every open prompt of `kind` whose subject starts with `subjectPrefix`; returns them. */
  answerAllOpen(orgId: string, kind: PromptKind, subjectPrefix: string, answer: string, at: number): Promise<Prompt[]>;
}
