// Read-only queries the evidence pack needs across an organisation (or one site) and a period.
import type { LocalDate } from '../time';

export interface EvidenceScope {
  orgId: string;
  /** Only people of this site. */
  siteId?: number;
  from: LocalDate;
  to: LocalDate;
  /** The period as instants (in the organisation's zone), for records stamped with a time. */
  startMs: number;
  endMs: number;
}

export interface WalkRecord {
  id: number;
  personId: string;
  personName: string;
  area: string;
  walkDate: LocalDate;
  wentWell: string | null;
  concerns: string | null;
  tags: string[];
  actions: number;
  actionsClosedOnTime: number;
  /** Who recorded the current version (null: the walker). */
  recordedBy: string | null;
}

export interface MeetingUpdateRecord {
  personId: string;
  personName: string;
  meetingTitle: string;
  localDate: LocalDate;
  topic: string | null;
  tags: string[];
  /** Who recorded the answer (the leader, or a manager for them). */
  recordedBy: string | null;
}

export interface WinRecord {
  id: number;
  postedBy: string;
  postedByName: string;
  text: string;
  tags: string[];
  postedAt: number;
  people: string[];
  /** Who recorded the current version (null: the poster). */
  recordedBy: string | null;
}

/** A custom prompt answered as done (the current version), dated by when it was first answered. */
export interface CustomAnswerRecord {
  promptId: number;
  personId: string;
  personName: string;
  question: string;
  /** The prompt's ISO 9001 clause tags. */
  clauses: string[];
  periodKey: string;
  answer: string;
  note: string | null;
  answeredAt: number;
  /** Who recorded the current version (the leader, or a manager for them) and why, when given. */
  recordedBy: string;
  reason: string | null;
}

export interface FollowUpRecord {
  id: number;
  text: string;
  ownerName: string;
  raisedByName: string;
  raisedOn: number;
  dueDate: LocalDate;
  status: 'open' | 'done';
  closedOn: LocalDate | null;
}

export interface CorrectionRecord {
  at: number;
  actorName: string | null;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

export interface ChainHead {
  entries: number;
  head: string;
}

export interface EvidenceRepo {
  walks(scope: EvidenceScope): Promise<WalkRecord[]>;
  meetingUpdates(scope: EvidenceScope): Promise<MeetingUpdateRecord[]>;
  wins(scope: EvidenceScope): Promise<WinRecord[]>;
  /** Custom prompt answers that count as done, first answered in the period. */
  customAnswers(scope: EvidenceScope): Promise<CustomAnswerRecord[]>;
  /** Follow-ups raised in the period, or raised before and still open at its start. */
  followUps(scope: EvidenceScope): Promise<FollowUpRecord[]>;
  /** Changes to records (not creations) in the period, oldest first. */
  corrections(scope: EvidenceScope): Promise<CorrectionRecord[]>;
  /** The organisation's audit chain: its length and head hash (see `clause5 verify`). */
  chainHead(orgId: string): Promise<ChainHead>;
}
