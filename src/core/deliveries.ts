// The contract between the durable scheduler and the areas of the core.
// Areas describe *what* is due (trigger sources) and *what to say* (composers); the scheduler
// owns *when* and *exactly once*: the deliveries table, leases, retries and rate limits.
import type { Message } from './model';
import type { MessageRef } from './ports';

export type DeliveryKind =
  | 'meeting_reminder' // before a meeting: open with a quality update, talking points
  | 'meeting_check' // after a meeting: did you open with a quality update?
  | 'floorwalk_prompt' // weekly: did you walk the floor?
  // if still unanswered: when a snooze ends; else 24 h later on an owed day of the same week, else
  // 09:00 on the week's next owed day, else 2 h after the prompt (walk-followthrough.ts)
  | 'floorwalk_reminder'
  | 'floorwalk_week_end' // the week is over: an unanswered prompt is marked missed (its buttons retire)
  | 'followup_assigned' // you own a new follow-up action
  | 'followup_nudge' // your follow-up is due / overdue
  | 'followup_changed' // someone else closed, or moved the due date of, a follow-up you raised
  | 'win_post' // celebrate a win in the site's wins channel
  | 'wins_roundup' // weekly list of a site's wins
  | 'digest'; // weekly scorecard digest to the digest recipients (DM) and the digest channel

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

export interface Delivery {
  id: number;
  orgId: string;
  /** Unique idempotency key, e.g. 'meeting_reminder:12:2026-03-09T07:30'. */
  key: string;
  kind: DeliveryKind;
  personId: string | null;
  channel: string | null;
  /** Ids the composer needs (meeting id, occurrence key, week key, follow-up id, win id …). */
  subject: Record<string, string | number>;
  /** When it should go out (the occurrence's trigger instant). */
  dueAt: number;
  status: DeliveryStatus;
  attempts: number;
  /** How many claims took it over after the process sending it stopped (its lease ran out). */
  interruptions?: number;
  nextAttemptAt: number;
  lastError: string | null;
  sentAt: number | null;
  messageRef: MessageRef | null;
}

export interface NewDelivery {
  orgId: string;
  key: string;
  kind: DeliveryKind;
  personId?: string | null;
  channel?: string | null;
  subject: Record<string, string | number>;
  dueAt: number;
  /** Insert as 'skipped' with this reason (missed beyond the grace window, excused, …). */
  skipReason?: string;
}

/** What a composer decided for a due delivery. */
export type Composed =
  | { to: { personId: string }; message: Message }
  | { to: { channel: string }; message: Message }
  | { skip: string };

/** Builds the message of one kind of delivery at send time (so talking points are fresh). */
export interface DeliveryComposer {
  kind: DeliveryKind;
  compose(delivery: Delivery): Promise<Composed>;
  /**
   * After a successful send, e.g. to open a prompt that remembers the message reference. Runs before
   * the delivery is marked sent, so a crash in between sends again: it must be idempotent.
   */
  afterSend?(delivery: Delivery, ref: MessageRef, sentAt: number): Promise<void>;
}

/** Something due at an instant; the scheduler turns it into a delivery row exactly once. */
export interface Trigger extends NewDelivery {}

/**
 * Lists what falls due in (from, to] — instants in epoch ms. Called by every scheduler pass; it must
 * be deterministic (same window, same triggers) because the deliveries' unique key makes a repeat
 * harmless only if the keys repeat too. Suppressed triggers (away, shutdown, non-work day) come back
 * with a `skipReason`, or are left out.
 */
export interface TriggerSource {
  name: string;
  triggers(from: number, to: number): Promise<Trigger[]>;
}

export interface ClaimOptions {
  now: number;
  leaseMs: number;
  owner: string;
  limit: number;
  /** Organisations paused by a rate limit: do not claim their deliveries. */
  excludeOrgs?: string[];
}

export interface DeliveryRepo {
  /** Inserts each delivery unless its key exists (ON CONFLICT DO NOTHING); returns how many were new. */
  enqueue(deliveries: NewDelivery[]): Promise<number>;
  /** Atomically claims ready deliveries (pending and due, or sending with an expired lease). */
  claim(options: ClaimOptions): Promise<Delivery[]>;
  markSent(id: number, owner: string, sentAt: number, ref: MessageRef | null): Promise<boolean>;
  /** Puts a claimed delivery back as pending, to be tried again at `nextAttemptAt`. */
  retryLater(id: number, owner: string, nextAttemptAt: number, error: string): Promise<void>;
  /**
   * Puts a claimed delivery back as pending until `nextAttemptAt` without counting the claim as a
   * send attempt: a rate limit or a paused organisation is a wait, not a failed send.
   */
  postpone(id: number, owner: string, nextAttemptAt: number, reason: string): Promise<void>;
  markFailed(id: number, owner: string, error: string): Promise<void>;
  markSkipped(id: number, owner: string, reason: string): Promise<void>;
  get(id: number): Promise<Delivery | undefined>;
  getByKey(key: string): Promise<Delivery | undefined>;
  /**
   * The message references of an organisation's sent deliveries whose key starts with `keyPrefix`
   * (e.g. every reminder of one prompt), oldest first — to update them all once it is answered.
   */
  sentRefs(orgId: string, keyPrefix: string): Promise<MessageRef[]>;
  /** Counts by status, for health and tests. */
  counts(orgId?: string): Promise<Record<DeliveryStatus, number>>;
  /** The earliest instant a pending delivery becomes ready, if any. */
  nextReadyAt(): Promise<number | undefined>;
  /** Owners of the leases held at `now` (deliveries being sent), for crash recovery at start-up. */
  leaseOwners(now: number): Promise<string[]>;
  /** Ends the leases `owner` holds (its process is gone) so they can be claimed at once; returns how many. */
  expireLeases(owner: string, now: number): Promise<number>;
}

/** Lets a use case send something now through the durable queue (e.g. a win celebration). */
export interface Outbox {
  enqueue(delivery: NewDelivery): Promise<void>;
}
