// Each Slack person's DM channel with Clause5 ('D…'), in PlatformState.slackDmChannels. Clause5 posts DMs
// to the user id and has no im:write to open a DM, so the channel id is only known once Slack has
// named it: in the answer to a chat.postMessage to the user id, or in an event from that DM
// (message.im, app_home_opened). It is what lets an interrupted send be looked up in the DM's
// history (SlackPlatform.findSent). Known ids are kept in memory too, so a fan-out writes each
// person's row once, not once per message.
import type { SlackDmChannelState } from '../state';

const MAX_REMEMBERED = 50_000;

export class SlackDmChannels {
  private readonly known = new Map<string, string>();

  constructor(private readonly state: SlackDmChannelState) {}

  /** The DM channel of a user of a workspace, if Slack has named it to us. */
  async get(teamId: string, userId: string): Promise<string | undefined> {
    const key = `${teamId} ${userId}`;
    const known = this.known.get(key);
    if (known) return known;
    const channelId = await this.state.get(teamId, userId);
    if (channelId) this.keep(key, channelId);
    return channelId;
  }

  /** Records a user's DM channel (written only when new or changed). */
  async remember(teamId: string, userId: string, channelId: string): Promise<void> {
    if (!/^D[A-Z0-9]+$/.test(channelId)) return;
    const key = `${teamId} ${userId}`;
    if (this.known.get(key) === channelId) return;
    await this.state.put(teamId, userId, channelId);
    this.keep(key, channelId);
  }

  private keep(key: string, channelId: string): void {
    if (this.known.size >= MAX_REMEMBERED) this.known.clear();
    this.known.set(key, channelId);
  }
}
