// The core's ChatPlatform for Slack organisations ('slack:T123'). DMs go to the user id as channel
// (Slack opens the DM itself; no conversations.open per prompt), links never unfurl, and a message's
// CSV attachment is uploaded as a file into the same conversation. A scheduled message carries its
// delivery key as message metadata, and the DM channel Slack names in the answer is remembered, so
// that findSent can read the DM back after a crash (sent-lookup.ts). Its row is written behind, in
// batches (dm-channels.ts): a crash loses at most the rows still waiting, and findSent then opens
// the DM with conversations.open.
import type { Message } from '../../core/model';
import { pngName, SVG_MIME, svgToPng } from '../chart-png';
import type { PersonProfile } from '../../core/people/types';
import {
  ChatError,
  silentLogger,
  type ChatPlatform,
  type Logger,
  type MessageRef,
  type PlatformLimits,
  type SendOptions,
  type SentTarget,
} from '../../core/ports';
import { isValidTimeZone } from '../../core/time';
import type { SlackApi } from './api';
import type { SlackDmChannels } from './dm-channels';
import { deliveryMetadata, findInHistory } from './sent-lookup';
import { slackUserId, teamIdOf } from './mrkdwn';
import { VIEW } from './forms';
import { LIMITS, renderBlocks, summaryText } from './render';

/** Where a sent message lives: enough to update it later. */
export interface SlackRef {
  c: string;
  ts: string;
}

export function encodeRef(ref: SlackRef): MessageRef {
  return JSON.stringify({ c: ref.c, ts: ref.ts });
}

export function decodeRef(ref: MessageRef): SlackRef {
  try {
    const parsed = JSON.parse(ref) as Partial<SlackRef>;
    if (typeof parsed.c === 'string' && typeof parsed.ts === 'string') return { c: parsed.c, ts: parsed.ts };
  } catch {
    // fall through
  }
  throw new ChatError('not_found', `not a Slack message reference: ${ref.slice(0, 40)}`);
}

interface PostResult {
  channel?: string;
  ts?: string;
}

interface UserInfo {
  user?: {
    name?: string;
    real_name?: string;
    tz?: string;
    deleted?: boolean;
    is_bot?: boolean;
    profile?: { display_name?: string; real_name?: string };
  };
}

/** Block Kit's: 50 blocks in a message, 100 options in a select, 2,000 characters in a button's value. */
export const SLACK_LIMITS: PlatformLimits = Object.freeze({
  messageBlocks: LIMITS.messageBlocks,
  pickerOptions: VIEW.options,
  buttonValue: LIMITS.buttonValue,
});

export class SlackPlatform implements ChatPlatform {
  readonly name = 'slack' as const;
  readonly limits = SLACK_LIMITS;

  constructor(
    private readonly api: SlackApi,
    /** Without it no DM channel is remembered and findSent finds nothing. */
    private readonly dmChannels?: SlackDmChannels,
    private readonly log: Logger = silentLogger,
  ) {}

  async sendDirect(orgId: string, personId: string, message: Message, options?: SendOptions): Promise<MessageRef> {
    const team = teamIdOf(orgId);
    return this.post(team, userOf(team, personId), message, options?.deliveryKey);
  }

  async postToChannel(orgId: string, channel: string, message: Message, options?: SendOptions): Promise<MessageRef> {
    const id = channel.replace(/^#/, '');
    if (!/^[CGD][A-Z0-9]+$/.test(id)) {
      throw new ChatError('not_found', `“${channel}” is not a Slack channel id; set the channel with a #channel mention`);
    }
    return this.post(teamIdOf(orgId), id, message, options?.deliveryKey);
  }

  /**
   * DMs only: reads the person's DM (conversations.history, im:history) for the message carrying
   * `deliveryKey`. Channel posts are not looked up — that needs channels:history / groups:history,
   * which Clause5 does not ask for. A DM whose channel Slack has not named to us yet is opened with
   * conversations.open (im:write) — only here, after an interrupted send, never per prompt.
   */
  async findSent(orgId: string, target: SentTarget, deliveryKey: string, sinceMs: number): Promise<MessageRef | undefined> {
    if (!('personId' in target) || !this.dmChannels) return undefined;
    const team = teamIdOf(orgId);
    const user = userOf(team, target.personId);
    const channel = (await this.dmChannels.get(team, user)) ?? (await this.openDm(team, user));
    if (!channel) return undefined;
    const ts = await findInHistory(this.api, team, channel, deliveryKey, sinceMs, this.log);
    return ts ? encodeRef({ c: channel, ts }) : undefined;
  }

  /** The DM channel with a user, asked of Slack (conversations.open) and remembered. */
  private async openDm(team: string, user: string): Promise<string | undefined> {
    const result = (await this.api.call(team, 'conversations.open', { users: user })) as { channel?: { id?: string } };
    const channel = result.channel?.id;
    if (channel) await this.rememberDm(team, user, channel);
    return channel;
  }

  /** Remembers the DM channel of a user when Slack names it (its row is written with the next batch); never throws. */
  async rememberDm(team: string, user: string, channel: string): Promise<void> {
    if (!this.dmChannels || !/^[UW][A-Z0-9]+$/.test(user)) return;
    try {
      await this.dmChannels.remember(team, user, channel);
    } catch (error) {
      this.log.warn({ team, user, err: error instanceof Error ? error.message : String(error) }, 'could not record a Slack DM channel');
    }
  }

  async updateMessage(orgId: string, ref: MessageRef, message: Message): Promise<void> {
    const { c, ts } = decodeRef(ref);
    await this.api.call(teamIdOf(orgId), 'chat.update', { channel: c, ts, ...messageArgs(message) });
  }

  async lookupPerson(orgId: string, personId: string): Promise<PersonProfile | undefined> {
    const team = teamIdOf(orgId);
    let result: UserInfo;
    try {
      result = await this.api.call<UserInfo>(team, 'users.info', { user: userOf(team, personId) });
    } catch (error) {
      // Not a member of this workspace (or another workspace's id): the core says "I don't know them".
      if (error instanceof ChatError && error.code === 'unreachable') return undefined;
      throw error;
    }
    const user = result.user;
    if (!user || user.deleted || user.is_bot) return undefined;
    const displayName = user.profile?.display_name?.trim() || user.profile?.real_name?.trim() || user.real_name?.trim() || user.name || personId;
    return { displayName, ...(user.tz && isValidTimeZone(user.tz) ? { timeZone: user.tz } : {}) };
  }

  /**
   * Posts a message (and its attachment as a file in the same conversation); returns its ref. With a
   * delivery key the message carries it as metadata; posted to a user id, Slack's answer names the
   * DM channel, which is remembered at once and written to the database with the next batch (the
   * send does not wait for that write).
   */
  async post(team: string, channel: string, message: Message, deliveryKey?: string): Promise<MessageRef> {
    const result = await this.api.call<PostResult>(team, 'chat.postMessage', {
      channel,
      ...messageArgs(message),
      unfurl_links: false,
      unfurl_media: false,
      ...(deliveryKey ? { metadata: deliveryMetadata(deliveryKey) } : {}),
    });
    const ref = { c: result.channel ?? channel, ts: result.ts ?? '' };
    if (ref.c !== channel) await this.rememberDm(team, channel, ref.c);
    if (message.attachment) await this.upload(team, ref.c, message, ref.ts);
    return encodeRef(ref);
  }

  /** Uploads a message's attachment (a scorecard CSV) into a conversation, threaded under `threadTs`. */
  async upload(team: string, channel: string, message: Message, threadTs?: string): Promise<void> {
    const file = message.attachment;
    if (!file) return;
    await this.api.call(team, 'files.uploadV2', {
      channel_id: channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      // A chart travels as SVG in the core; Slack gets the PNG.
      ...(file.mimeType === SVG_MIME
        ? { filename: pngName(file.filename), title: pngName(file.filename), file: svgToPng(file.content) }
        : { filename: file.filename, title: file.filename, content: file.content }),
    });
  }
}

/** chat.postMessage / chat.update arguments for a message: escaped summary plus Block Kit. */
export function messageArgs(message: Message): { text: string; blocks: ReturnType<typeof renderBlocks> } {
  return { text: summaryText(message), blocks: renderBlocks(message) };
}

function userOf(team: string, personId: string): string {
  const user = slackUserId(personId);
  if (!user || personId.split(':')[1] !== team) {
    throw new ChatError('unreachable', `${personId} is not a person of Slack workspace ${team}`);
  }
  return user;
}
