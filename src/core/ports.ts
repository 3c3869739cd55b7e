// The ports the core depends on. The store (SQLite) and the platforms (Slack, Teams, the terminal)
// implement them; the core never imports a platform SDK or SQLite directly.
import type { Message } from './model';
import type { PersonProfile, PlatformName } from './people/types';
import type { AuditRepo, AwayRepo, DigestRepo, OrgRepo, PeopleRepo, RosterRepo, ScheduleRepo, SiteRepo, TeamRepo } from './people/repo';
import type { DeliveryRepo, LeaseRepo } from './deliveries';
import type { MeetingRepo } from './meetings/repo';
import type { FloorWalkRepo, FollowUpRepo, PromptRepo } from './floor-walks/repo';
import type { CustomPromptRepo } from './prompts/repo';
import type { ObjectiveRepo, WinRepo } from './wins/repo';
import type { ScorecardRepo } from './scorecard/repo';
import type { AttentionRepo } from './scorecard/attention-repo';
import type { EvidenceRepo } from './evidence/repo';
import type { RetentionRepo } from './retention/policy';
import type { PrivacyRepo } from './retention/privacy';

/** The current time. Tests and local mode move it; production reads the system clock. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Opaque reference to a sent message (platform-specific JSON), used to update it later. */
export type MessageRef = string;

/** How one send is made. */
export interface SendOptions {
  /**
   * The unique key of the scheduled delivery this message carries (deliveries.key). A platform
   * that can tags the sent message with it, so that `findSent` can tell later whether it went out.
   */
  deliveryKey?: string;
}

/** Where a message was sent: a person's direct messages or a channel. */
export type SentTarget = { personId: string } | { channel: string };

/**
 * What one message or form may hold on a platform. Core renderers read these to cut long content
 * themselves (saying what was left out) instead of leaving the platform to refuse or truncate it.
 */
export interface PlatformLimits {
  /** Blocks of the message model one message may carry, heading included. */
  readonly messageBlocks: number;
  /** Options one picker (select, multi-select, choice set) may offer. */
  readonly pickerOptions: number;
  /** Characters one button's value may carry. */
  readonly buttonValue: number;
}

/**
 * A chat platform as the core sees it. One implementation per platform; a router picks the
 * implementation by the platform prefix of the person or organisation id.
 */
export interface ChatPlatform {
  /** Platform name; also the prefix of the person and organisation ids it owns. */
  readonly name: PlatformName;
  /** This platform's message and form limits (see `limitsFor`). */
  readonly limits: PlatformLimits;
  /**
   * The limits for one organisation, for a platform that stands for several (the router answers
   * with the owning platform's). Optional: a single platform's `limits` hold for all its organisations.
   */
  limitsFor?(orgId: string): PlatformLimits;
  /** Sends a direct message to a person; returns a reference for later updates. */
  sendDirect(orgId: string, personId: string, message: Message, options?: SendOptions): Promise<MessageRef>;
  /** Posts to a channel (a platform channel id) of an organisation. */
  postToChannel(orgId: string, channel: string, message: Message, options?: SendOptions): Promise<MessageRef>;
  /**
   * Looks for a message sent with `deliveryKey` (SendOptions) to `target` at or after `sinceMs`, and
   * returns its reference; undefined when it is not there *or* the platform cannot look there (no
   * read access, conversation unknown). Optional: a platform without a way to read back what it
   * sent leaves it out. The scheduler asks before re-sending a delivery whose process stopped
   * mid-send, because the message may have gone out already.
   */
  findSent?(orgId: string, target: SentTarget, deliveryKey: string, sinceMs: number): Promise<MessageRef | undefined>;
  /** Replaces a message sent earlier (optional: not every surface can edit). */
  updateMessage?(orgId: string, ref: MessageRef, message: Message): Promise<void>;
  /** Profile of a person the core has not met yet (display name, time zone). */
  lookupPerson?(orgId: string, personId: string): Promise<PersonProfile | undefined>;
}

/** The limits that apply to messages and forms for an organisation. */
export function limitsFor(platform: ChatPlatform, orgId: string): PlatformLimits {
  return platform.limitsFor?.(orgId) ?? platform.limits;
}

export type ChatErrorCode =
  | 'rate_limited' // retry after `retryAfterMs`
  | 'unreachable' // the person or channel cannot be messaged (app not installed, user gone)
  | 'not_found' // the channel or message does not exist
  | 'auth' // our credentials were rejected
  | 'permission' // the bot lacks a scope or is not in the channel
  | 'invalid' // the platform refused the payload; retrying will not help
  | 'transient'; // network trouble or a 5xx; retry with backoff

/** The few platform errors the core distinguishes; platforms translate SDK errors into these. */
export class ChatError extends Error {
  constructor(
    readonly code: ChatErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ChatError';
  }

  /** Whether retrying the same call later may succeed. */
  get retryable(): boolean {
    return this.code === 'rate_limited' || this.code === 'transient';
  }
}

/** The logging surface the core uses (a subset of pino's). */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: object): Logger;
}

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};

/** All storage, grouped by area. The SQLite implementation lives in src/store/sqlite. */
export interface Store {
  orgs: OrgRepo;
  people: PeopleRepo;
  sites: SiteRepo;
  teams: TeamRepo;
  away: AwayRepo;
  schedules: ScheduleRepo;
  digest: DigestRepo;
  /** Roster imports, applied all or nothing. */
  roster: RosterRepo;
  audit: AuditRepo;
  meetings: MeetingRepo;
  prompts: PromptRepo;
  /** Custom leadership prompts a quality manager defined, and their answers. */
  customPrompts: CustomPromptRepo;
  walks: FloorWalkRepo;
  followUps: FollowUpRepo;
  wins: WinRepo;
  objectives: ObjectiveRepo;
  deliveries: DeliveryRepo;
  /** Leases shared by the processes on this database (which one runs the minute's scheduler pass). */
  leases: LeaseRepo;
  scorecard: ScorecardRepo;
  /** The digest's "needs attention" queries. */
  attention: AttentionRepo;
  /** Read-only queries for the auditor's evidence pack. */
  evidence: EvidenceRepo;
  /** Removes records older than the organisation's retention settings (the scheduler, once a day). */
  retention: RetentionRepo;
  /** A person's data: export and erasure. */
  privacy: PrivacyRepo;
  /** Records an inbound event key; false when it was seen before (retried events have one effect). */
  markProcessed(key: string, orgId: string | null): Promise<boolean>;
  /** Reads a scheduler state value. */
  getState(key: string): Promise<string | undefined>;
  setState(key: string, value: string): Promise<void>;
  close(): void;
}
