// Storage ports for floor walks and follow-up actions (prompts: src/core/prompts/prompt-repo.ts, re-exported here).
// The floor-walks area owns these files and may add members; members marked SHARED are used by
// other areas and keep their signatures.
import type { CorrectionFields, CorrectionKeys } from '../records/types';
import type { Prompt, PromptToClose } from '../prompts/prompt-repo';
import type { KnownCalendar } from '../people/repo';
import type { Person, Site } from '../people/types';
import type { LocalDate } from '../time';

export type { Prompt, PromptKind, PromptRepo, PromptToClose, TimeRange } from '../prompts/prompt-repo';

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
  /** Why the due date was last moved after it had passed; absent when it never was. */
  lateMoveReason?: string;
  createdAt: number;
  /** Who recorded the latest change (close, new due date); null: the raiser, at creation. */
  recordedBy: string | null;
}

export interface NewFollowUp {
  orgId: string;
  walkId?: number | null;
  raisedBy: string;
  ownerId: string;
  text: string;
  dueDate: LocalDate;
}

export type WalkSource = 'prompt' | 'adhoc' | 'import';

export interface FloorWalk extends CorrectionFields {
  id: number;
  orgId: string;
  personId: string;
  area: string;
  walkDate: LocalDate;
  /** ISO week of walkDate, e.g. '2026-W53'. */
  weekKey: string;
  wentWell: string | null;
  concerns: string | null;
  tags: string[];
  source: WalkSource;
  createdAt: number;
}

export type NewFloorWalk = Omit<FloorWalk, 'id' | 'createdAt' | CorrectionKeys>;

/** The fields of a walk a correction may change. */
export type WalkContent = Pick<FloorWalk, 'area' | 'walkDate' | 'weekKey' | 'wentWell' | 'concerns' | 'tags'>;

/** A manager's list across leaders: the whole organisation, or the people of one site. */
export interface OrgScope {
  orgId: string;
  siteId?: number;
}

/** One page of a list: skip `offset` rows, return at most `limit`. */
export interface PageWindow {
  offset: number;
  limit: number;
}

/** Walks of every leader dated from..to (both included); with siteId, of leaders at that site. */
export interface WalkQuery extends OrgScope {
  from: LocalDate;
  to: LocalDate;
}

/** Follow-ups (with siteId, owned or raised by someone at that site) by status, raising time and due date. */
export interface FollowUpQuery extends OrgScope {
  status: 'open' | 'done';
  /** Raised at or after this instant (epoch ms). */
  raisedFrom?: number;
  /** Raised before this instant (epoch ms). */
  raisedBefore?: number;
  /** Due on or after this date. */
  dueFrom?: LocalDate;
  /** Due before this date. */
  dueBefore?: LocalDate;
}

export interface FloorWalkRepo {
  /**
   * Stores a walk and its follow-up actions in one transaction (follow-ups get the walk's id), and
   * in the same transaction closes the walker's open prompt `closes` names (`closedPrompt`).
   */
  create(
    walk: NewFloorWalk,
    followUps: Array<Omit<NewFollowUp, 'orgId' | 'walkId'>>,
    actor: string | null,
    closes?: PromptToClose,
  ): Promise<{ walk: FloorWalk; followUps: FollowUp[]; closedPrompt?: Prompt }>;
  get(orgId: string, id: number): Promise<FloorWalk | undefined>;
  /** A person's walks in weeks fromWeek..toWeek (ISO keys, both included), newest first. */
  list(orgId: string, personId: string, fromWeek: string, toWeek: string, limit?: number): Promise<FloorWalk[]>;
  /** Whether the person has a walk (not withdrawn) in the week. */
  hasWalkInWeek(orgId: string, personId: string, weekKey: string): Promise<boolean>;
  /**
   * What the week's question and its reminder look at before they go out, in one read: the person,
   * their site (null without one), whether a walk is logged in the week, their floor-walk prompt
   * with subject `promptSubject` (the week's), and their calendar facts over the week's days (what
   * the prompt's opening needs for its reminder). Undefined when the person does not exist.
   */
  weekAsk(orgId: string, personId: string, week: { key: string; from: LocalDate; to: LocalDate }, promptSubject: string): Promise<WeekAsk | undefined>;
  /** Stores a new version of a walk (the audit log keeps the earlier one); undefined when unknown or withdrawn. */
  edit(orgId: string, id: number, content: WalkContent, actor: string): Promise<FloorWalk | undefined>;
  /** Withdraws a walk: it stays, marked, and no longer counts. Undefined when unknown or already withdrawn. */
  withdraw(orgId: string, id: number, reason: string, actor: string): Promise<FloorWalk | undefined>;
  /** One page of the walks matching `query`, newest walk date first. */
  listAcross(query: WalkQuery, window: PageWindow): Promise<FloorWalk[]>;
  /** How many walks match `query`. */
  countAcross(query: WalkQuery): Promise<number>;
}

export interface WeekAsk {
  person: Person;
  site: Site | null;
  walked: boolean;
  prompt: Prompt | undefined;
  /** AwayRepo.calendarFacts(person, their site, from, to) for the week. */
  calendar: KnownCalendar;
}

export interface FollowUpRepo {
  /** SHARED. Open follow-ups owned or raised by the person, earliest due first. */
  listOpenFor(orgId: string, personId: string, limit?: number): Promise<FollowUp[]>;
  create(followUp: NewFollowUp, actor: string | null): Promise<FollowUp>;
  get(orgId: string, id: number): Promise<FollowUp | undefined>;
  /** Closes an open follow-up (closedOn is the owner's local date); undefined when it was not open. */
  close(orgId: string, id: number, closedOn: LocalDate, actor: string | null): Promise<FollowUp | undefined>;
  /**
   * Moves the due date of an open follow-up; the audit row keeps the earlier one. `lateMoveReason`
   * (given when the due date had passed) is stored and kept with the change. Undefined when not open.
   */
  reschedule(orgId: string, id: number, dueDate: LocalDate, actor: string | null, lateMoveReason?: string): Promise<FollowUp | undefined>;
  /** Open follow-ups of the whole organisation, earliest due first. */
  listOpenInOrg(orgId: string, limit?: number): Promise<FollowUp[]>;
  /** Open follow-ups due before `asOf` (optionally owned or raised by one person), earliest due first. */
  listOverdue(orgId: string, asOf: LocalDate, options?: { personId?: string; limit?: number }): Promise<FollowUp[]>;
  /** Open follow-ups due on or before `date`, for the nudge scheduler. */
  listOpenDueBy(orgId: string, date: LocalDate): Promise<FollowUp[]>;
  /** How many open follow-ups the organisation (or one person, as owner or raiser) has. */
  countOpen(orgId: string, personId?: string): Promise<number>;
  /** How many open follow-ups `raisedBy` has assigned to `ownerId` (for the per-pair limit). */
  countOpenBetween(orgId: string, raisedBy: string, ownerId: string): Promise<number>;
  /** The follow-ups raised on one floor walk, in the order they were raised. */
  listForWalk(orgId: string, walkId: number): Promise<FollowUp[]>;
  /** One page of the follow-ups matching `query`: open ones earliest due first, closed ones latest closed first. */
  listAcross(query: FollowUpQuery, window: PageWindow): Promise<FollowUp[]>;
  /** How many follow-ups match `query`. */
  countAcross(query: FollowUpQuery): Promise<number>;
}
