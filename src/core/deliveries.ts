// The contract between the durable scheduler and the areas of the core.
// Areas describe *what* is due (trigger sources) and *what to say* (composers); the scheduler
// owns *when* and *exactly once*: the deliveries table, leases, retries and rate limits.
import type { Message } from './model';
import type { KnownCalendar } from './people/repo';
import type { Person, Site } from './people/types';
import type { MessageRef } from './ports';
import type { PromptToOpen } from './prompts/prompt-repo';

/**
 * A kind of queued work, named by the area that handles it (its composer or job): e.g.
 * 'floorwalk_prompt', 'meeting_check', 'win_post'. The scheduler knows no product kind; each area
 * documents its kinds beside its trigger source.
 */
export type DeliveryKind = string;

/** `done`: a job (no message of its own) ran; `skipped`: a message that was not sent, with the reason. */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped' | 'done';

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

/**
 * What a composer decided for a due delivery: a message to a person or a channel; nothing (`skip`,
 * with why); or nothing because a claim interrupted before recording its outcome had sent it
 * already, as the composer can tell from what that send's afterSend left (`alreadySent`, that
 * message's reference): the delivery is then recorded as sent.
 */
export type Composed = Outgoing | { skip: string } | { alreadySent: MessageRef };

/** A message to send, to a person or to a channel. */
export type Outgoing = { to: { personId: string }; message: Message; recipient?: Recipient } | { to: { channel: string }; message: Message };

/**
 * The person a direct message goes to and their site (left out when not read), as the composer read
 * them moments before the send: afterSend and the sender use them instead of reading them again.
 */
export interface Recipient {
  person: Person;
  site?: Site | null;
  /** The person's calendar facts over some days (with their site's closures), when compose read them. */
  calendar?: KnownCalendar;
}

/** Builds the message of one kind of delivery at send time (so talking points are fresh). */
export interface DeliveryComposer {
  kind: DeliveryKind;
  compose(delivery: Delivery): Promise<Composed>;
  /**
   * After a successful send, e.g. to open a prompt that remembers the message reference. Runs before
   * the delivery is marked sent, so a crash in between sends again: it must be idempotent. `sent` is
   * what compose returned for this send (its recipient saves reading the person again).
   */
  afterSend?(delivery: Delivery, ref: MessageRef, sentAt: number, sent?: Outgoing): Promise<void>;
  /**
   * After a successful send: the prompt it opens, written with the delivery's mark as sent in one
   * statement (both or neither), so a crash leaves no sent prompt without its row. An error here is
   * logged and the send is marked without it.
   */
  opens?(delivery: Delivery, ref: MessageRef, sentAt: number, sent?: Outgoing): Promise<PromptToOpen | undefined>;
}

/**
 * Work due at an instant that sends no message of its own (e.g. closing a week: the unanswered
 * prompt is marked missed and its buttons retire). Runs under the same lease as a delivery.
 */
export interface DeliveryJob {
  kind: DeliveryKind;
  /** Does the work and says what happened (kept on the row). A crash repeats it: it must be idempotent. */
  run(delivery: Delivery): Promise<string>;
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
  /**
   * Its triggers are prompts a person owes nothing for on an excused day (away, shutdown, non-work
   * day, before joining): the scheduler records those as skipped with the excuse.
   */
  suppressible?: boolean;
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
  /**
   * Marks a claimed delivery sent; false when its lease has passed to another process. `opens` is
   * the prompt the send opened (kept if one exists already), written in the same statement either way.
   */
  markSent(id: number, owner: string, sentAt: number, ref: MessageRef | null, opens?: PromptToOpen): Promise<boolean>;
  /** Puts a claimed delivery back as pending, to be tried again at `nextAttemptAt`. */
  retryLater(id: number, owner: string, nextAttemptAt: number, error: string): Promise<void>;
  /**
   * Puts a claimed delivery back as pending until `nextAttemptAt` without counting the claim as a
   * send attempt: a rate limit or a paused organisation is a wait, not a failed send.
   */
  postpone(id: number, owner: string, nextAttemptAt: number, reason: string): Promise<void>;
  markFailed(id: number, owner: string, error: string): Promise<void>;
  markSkipped(id: number, owner: string, reason: string): Promise<void>;
  /** A job's work is done; `note` says what it did. */
  markDone(id: number, owner: string, note: string): Promise<void>;
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
  /**
   * A rate limit paused the organisation until `until`: no process sending from this database claims
   * its deliveries before then (a later pause extends it, an earlier one does not shorten it).
   */
  pauseOrganisation(orgId: string, until: number): Promise<void>;
}

/**
 * Named leases shared by every process on the database: one holder at a time. A holder that stops
 * without releasing (killed) loses it when it expires, and the next process to ask takes it over.
 */
export interface LeaseRepo {
  /** Takes the lease, or renews it when `owner` holds it, until `now + ttlMs`; false while another holds it. */
  hold(name: string, owner: string, now: number, ttlMs: number): Promise<boolean>;
  /** Gives the lease up at a clean stop, so no one waits for it to expire. */
  release(name: string, owner: string): Promise<void>;
  /** The leases still live at `now`, and who holds them (to free those of a crashed process at its restart). */
  holders(now: number): Promise<Array<{ name: string; owner: string }>>;
}

/** Lets a use case send something now through the durable queue (e.g. a win celebration). */
export interface Outbox {
  enqueue(delivery: NewDelivery): Promise<void>;
}
