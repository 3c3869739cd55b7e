// Storage ports for prompts, floor walks and follow-up actions.
// The floor-walks area owns these files and may add members; members marked SHARED are used by
// other areas and keep their signatures.
import type { LocalDate } from '../time';

export type PromptKind = 'meeting_check' | 'floorwalk' | 'followup_nudge';

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
}

export interface PromptRepo {
  /** SHARED. Records that a prompt was sent; a second call for the same (person, kind, subject) keeps the first. */
  open(prompt: {
    orgId: string;
    personId: string;
    kind: PromptKind;
    subject: string;
    sentAt: number;
    messageRef: string | null;
  }): Promise<Prompt>;
  /** SHARED. */
  get(orgId: string, id: number): Promise<Prompt | undefined>;
  /** SHARED. */
  find(orgId: string, personId: string, kind: PromptKind, subject: string): Promise<Prompt | undefined>;
  /** SHARED. Marks an open prompt answered; undefined when it was already answered or missed. */
  answer(orgId: string, id: number, answer: string, at: number): Promise<Prompt | undefined>;
}

export interface FollowUp {
  id: number;
  orgId: string;
  walkId: number | null;
  raisedBy: string;
  ownerId: string;
  text: string;
  dueDate: LocalDate;
  status: 'open' | 'done';
  closedAt: number | null;
  closedOn: LocalDate | null;
  createdAt: number;
}

export interface FloorWalkRepo {}

export interface FollowUpRepo {
  /** SHARED. Open follow-ups owned or raised by the person, earliest due first. */
  listOpenFor(orgId: string, personId: string, limit?: number): Promise<FollowUp[]>;
}
