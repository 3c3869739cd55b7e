// The PlatformState port: what the Slack and Teams platforms remember between requests (Slack
// workspaces and their bot tokens, Slack DM channel ids, Teams conversation references). The
// platforms speak only to this interface; src/store implements it for its database engine (the
// platforms never read or write the database themselves), and the composition root wires it.

/** A Slack workspace Clause5 may talk to, with its bot token in the clear. */
export interface SlackInstallation {
  teamId: string;
  enterpriseId: string | null;
  teamName: string | null;
  botToken: string;
  botUserId: string;
  botId: string;
  installerUserId: string | null;
  scopes: string[];
  installedAt: number;
}

/** What saving an installation needs: the install time defaults to now. */
export type SlackInstallationInput = Omit<SlackInstallation, 'installedAt'> & { installedAt?: number };

/** Slack workspaces (one per team). The store seals bot tokens at rest; callers see them in the clear. */
export interface SlackInstallationState {
  /** Inserts or replaces a workspace's installation and returns it as stored. */
  save(installation: SlackInstallationInput): Promise<SlackInstallation>;
  /** The workspace's installation; undefined when not installed or its token cannot be read. */
  get(teamId: string): Promise<SlackInstallation | undefined>;
  /** Forgets a workspace's installation; true when there was one. */
  delete(teamId: string): Promise<boolean>;
  /** How many workspaces are installed. */
  count(): Promise<number>;
}

/** Each Slack person's DM channel with Clause5 ('D…'), once Slack has named it. */
export interface SlackDmChannelState {
  /** The DM channel of a user of a workspace, if known. */
  get(teamId: string, userId: string): Promise<string | undefined>;
  /** Records (or replaces) a user's DM channel. */
  put(teamId: string, userId: string, channelId: string): Promise<void>;
  /** Records (or replaces) several users' DM channels in one statement; of two rows for one user the later wins. */
  putMany(rows: readonly SlackDmChannelRow[]): Promise<void>;
}

export interface SlackDmChannelRow {
  teamId: string;
  userId: string;
  channelId: string;
}

export type ConversationKind = 'person' | 'channel';

/** A Teams conversation reference: where a proactive message to a person or channel goes. */
export interface StoredConversation {
  orgId: string;
  tenantId: string;
  kind: ConversationKind;
  /** Person id or channel id. */
  subject: string;
  serviceUrl: string;
  /** Null for a person seen in a team who never chatted with the bot. */
  conversationId: string | null;
  botId: string;
  userId: string | null;
  teamId: string | null;
  name: string | null;
  updatedAt: number;
}

export type ConversationInput = Omit<StoredConversation, 'updatedAt'>;

/**
 * Teams conversation references per person and per team channel, per tenant. Creating and removing
 * a reference is audited; refreshing one only moves its updated time.
 */
export interface TeamsConversationState {
  /**
   * Inserts or refreshes a reference. A known 1:1 conversation id is never replaced by null (a
   * person seen again in a team keeps their chat), and a known name or user id is kept when the
   * new sighting lacks one.
   */
  save(input: ConversationInput): Promise<void>;
  /** The reference of a person or channel. */
  get(orgId: string, kind: ConversationKind, subject: string): Promise<StoredConversation | undefined>;
  /** The person whose Bot Framework user id ('29:…') this is, if we have seen them. */
  personByUserId(orgId: string, userId: string): Promise<StoredConversation | undefined>;
  /** The stored reference whose conversation this is (a person's chat or a channel). */
  byConversation(orgId: string, conversationId: string): Promise<StoredConversation | undefined>;
  /** The most recently refreshed reference of the tenant that has a conversation (its service URL and bot id serve the whole tenant). */
  anyOf(orgId: string): Promise<StoredConversation | undefined>;
  /** Every reference of the tenant, or those of one kind. */
  list(orgId: string, kind?: ConversationKind): Promise<StoredConversation[]>;
  /** Forgets a person's 1:1 chat (the app was uninstalled); their user id is kept. True when there was one. */
  forgetChat(orgId: string, personId: string): Promise<boolean>;
  /** Forgets one channel (deleted in Teams); true when it was known. */
  forgetChannel(orgId: string, channelId: string): Promise<boolean>;
  /** Forgets every channel of a team (the app was removed from it); how many were forgotten. */
  forgetTeam(orgId: string, teamId: string): Promise<number>;
}

/** A message slot in a send log: when it is (epoch ms), and whether the platform has answered it. */
export interface SentSlot {
  at: number;
  answered: boolean;
}

/** A slot booked in a send log on one or more keys; `ids` name its rows for `answered`. */
export interface BookedSlot {
  at: number;
  ids: readonly number[];
}

/** Which of a key's slots a booking needs to see. */
export interface SlotRead {
  key: string;
  /** Slots at or before this instant are not shown, and may be forgotten. */
  since: number;
  /** Of those, only the latest this many (by slot) are needed, with every unanswered one besides (default: all). */
  latest?: number;
}

/**
 * The recent message slots per key (a Slack workspace; a Teams tenant or conversation), shared by
 * every process sending from this database, so that several instances together stay within one
 * platform limit. The pacers decide when a message may go; the log keeps the slots and makes the
 * decisions on one key one at a time, across instances.
 */
export interface SendSlotLog {
  /**
   * With the keys locked against every other booking on them (in any process): reads each key's
   * slots as `reads` says (oldest first), lets `choose` pick an instant or nothing (undefined:
   * nothing is booked), and books that instant on every key.
   */
  book(reads: readonly SlotRead[], choose: (slots: SentSlot[][]) => number | undefined): Promise<BookedSlot | undefined>;
  /**
   * The common case of `book` in one step (on a PostgreSQL server, one round trip instead of two):
   * books `now` on the read's key if its slots leave room under `room`, else books nothing
   * (undefined) and the caller asks `book`. Optional: a log without it is always asked `book`.
   */
  bookNowIfRoom?(read: SlotRead, room: SlotRoom, now: number): Promise<BookedSlot | undefined>;
  /** The platform answered a booked slot's message at `at`: from now on the slot counts from then, if that is later. */
  answered(slot: BookedSlot, at: number): Promise<void>;
}

/**
 * Room for a slot now: fewer than `limit` of the key's slots count within the last `windowMs`. An
 * answered slot counts at its instant; an unanswered one as "now" until `inFlightMs` after it.
 */
export interface SlotRoom {
  limit: number;
  windowMs: number;
  inFlightMs: number;
}

/** Everything the platforms keep, grouped by platform. */
export interface PlatformState {
  /** Slack workspaces and their bot tokens. */
  slackInstallations: SlackInstallationState;
  /** Slack DM channel ids. */
  slackDmChannels: SlackDmChannelState;
  /** Teams conversation references. */
  teamsConversations: TeamsConversationState;
  /** Recent message slots per Slack workspace and Teams tenant or conversation, shared by every instance. */
  sendSlots: SendSlotLog;
}
