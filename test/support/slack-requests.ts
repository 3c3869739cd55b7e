// Realistic Slack requests, signed the way Slack signs them (v0 HMAC-SHA256 of "v0:<ts>:<body>"),
// sent over real HTTP to the server under test. Payload shapes follow Slack's documented bodies for
// slash commands, block_actions, view_submission, message shortcuts and the Events API.
import { createHmac } from 'node:crypto';
import type { FakeSlack, FakeWorkspace } from './fake-slack';

export interface SlackResponse {
  status: number;
  text: string;
  json(): any;
}

export interface SendOptions {
  /** Seconds since the epoch (default: now). */
  timestamp?: number;
  /** Overrides the computed signature (forgeries). */
  signature?: string;
  headers?: Record<string, string>;
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export class SlackRequests {
  private seq = 0;

  constructor(
    private readonly endpoint: string,
    private readonly secret: string,
    private readonly fake: FakeSlack,
  ) {}

  async post(body: string, contentType: string, options: SendOptions = {}): Promise<SlackResponse> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': options.signature ?? signature(this.secret, timestamp, body),
        ...options.headers,
      },
      body,
    });
    const text = await response.text();
    return { status: response.status, text, json: () => JSON.parse(text) };
  }

  /** "/clause5 <text>" typed by `user` in `channel`. */
  command(ws: FakeWorkspace, user: string, text: string, options: SendOptions & { channel?: string } = {}) {
    const body = new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: ws.teamId,
      team_domain: ws.teamName.toLowerCase(),
      channel_id: options.channel ?? 'C0GENERAL',
      channel_name: 'general',
      user_id: user,
      user_name: user.toLowerCase(),
      command: '/clause5',
      text,
      api_app_id: 'A0CLAUSE5',
      is_enterprise_install: 'false',
      response_url: this.fake.responseUrl(ws.teamId),
      trigger_id: this.fake.trigger(ws.teamId),
    }).toString();
    return this.post(body, 'application/x-www-form-urlencoded', options);
  }

  /** An interactivity payload (block_actions, view_submission, message_action) as Slack posts it. */
  interaction(payload: Record<string, unknown>, options: SendOptions = {}) {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, 'application/x-www-form-urlencoded', options);
  }

  /** A button press on a message the bot sent (found in the fake's records). */
  blockAction(ws: FakeWorkspace, user: string, message: { channel: string; ts: string; blocks: any[] }, actionId: string, options: SendOptions = {}) {
    const button = message.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : [])).find((e: any) => e.action_id === actionId);
    if (!button) throw new Error(`no button ${actionId} in the message`);
    return this.interaction(
      {
        type: 'block_actions',
        user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: ws.teamId },
        api_app_id: 'A0CLAUSE5',
        token: 'legacy-verification-token',
        container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
        trigger_id: this.fake.trigger(ws.teamId),
        team: { id: ws.teamId, domain: ws.teamName.toLowerCase() },
        enterprise: null,
        is_enterprise_install: false,
        channel: { id: message.channel, name: 'directmessage' },
        message: { type: 'message', ts: message.ts, bot_id: ws.botId, blocks: message.blocks },
        response_url: this.fake.responseUrl(ws.teamId),
        actions: [{ ...button, block_id: 'b', action_ts: `${Date.now() / 1000}${++this.seq}` }],
      },
      options,
    );
  }

  /** A button press on the App Home tab (`userTeam`: a Slack Connect guest's own workspace). */
  homeAction(ws: FakeWorkspace, user: string, view: { blocks: any[] }, actionId: string, userTeam = ws.teamId) {
    const button = view.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : [])).find((e: any) => e.action_id === actionId);
    if (!button) throw new Error(`no button ${actionId} on the home tab`);
    return this.interaction({
      type: 'block_actions',
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: userTeam },
      api_app_id: 'A0CLAUSE5',
      container: { type: 'view', view_id: 'VHOME' },
      trigger_id: this.fake.trigger(ws.teamId),
      team: { id: ws.teamId, domain: ws.teamName.toLowerCase() },
      view: { id: 'VHOME', type: 'home', blocks: view.blocks, team_id: ws.teamId },
      actions: [{ ...button, block_id: 'b', action_ts: `${Date.now() / 1000}${++this.seq}` }],
    });
  }

  /**
   * Submits a modal the bot opened (the view as views.open sent it), with `values` by field id:
   * strings for text/date/select/user fields, arrays for multi-selects.
   */
  submit(
    ws: FakeWorkspace,
    user: string,
    view: any,
    values: Record<string, string | string[]>,
    options: SendOptions & { viewId?: string; userTeam?: string } = {},
  ) {
    const state: Record<string, Record<string, unknown>> = {};
    for (const block of view.blocks as any[]) {
      if (block.type !== 'input') continue;
      const e = block.element;
      const v = values[block.block_id];
      const entry: Record<string, unknown> = { type: e.type };
      if (e.type === 'plain_text_input') entry.value = v ?? null;
      else if (e.type === 'datepicker') entry.selected_date = v ?? null;
      else if (e.type === 'static_select') entry.selected_option = v ? (e.options.find((o: any) => o.value === v) ?? { value: v }) : null;
      else if (e.type === 'multi_static_select')
        entry.selected_options = ((v as string[]) ?? []).map((x) => e.options.find((o: any) => o.value === x) ?? { value: x });
      else if (e.type === 'users_select') entry.selected_user = v ?? null;
      else if (e.type === 'multi_users_select') entry.selected_users = v ?? [];
      state[block.block_id] = { [e.action_id]: entry };
    }
    // A Slack Connect guest submits from their own workspace: Slack names it in team and user.team_id,
    // and the workspace the app is installed in only in view.app_installed_team_id.
    const userTeam = options.userTeam ?? ws.teamId;
    const installed = userTeam === ws.teamId ? {} : { app_installed_team_id: ws.teamId };
    return this.interaction(
      {
        type: 'view_submission',
        team: { id: userTeam, domain: ws.teamName.toLowerCase() },
        user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: userTeam },
        api_app_id: 'A0CLAUSE5',
        token: 'legacy-verification-token',
        trigger_id: this.fake.trigger(ws.teamId),
        view: { ...view, id: options.viewId ?? view.id ?? 'VMODAL1', team_id: userTeam, ...installed, state: { values: state }, hash: 'h1' },
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      },
      options,
    );
  }

  /**
   * The "Celebrate as a win" message shortcut on a message. `userTeam`: the user's own workspace
   * when they are a Slack Connect guest (Slack names it in user.team_id; team stays the app's).
   */
  shortcut(
    ws: FakeWorkspace,
    user: string,
    message: { channel: string; ts: string; text: string; author: string },
    callbackId = 'celebrate_win',
    userTeam = ws.teamId,
  ) {
    return this.interaction({
      type: 'message_action',
      callback_id: callbackId,
      trigger_id: this.fake.trigger(ws.teamId),
      response_url: this.fake.responseUrl(ws.teamId),
      team: { id: ws.teamId, domain: ws.teamName.toLowerCase() },
      channel: { id: message.channel, name: 'line-3' },
      user: { id: user, name: user.toLowerCase(), team_id: userTeam },
      message: { type: 'message', user: message.author, ts: message.ts, text: message.text },
      message_ts: message.ts,
      action_ts: `${Date.now() / 1000}`,
      token: 'legacy-verification-token',
    });
  }

  /**
   * An Events API delivery; `retryNum` adds Slack's retry headers; `envelope` overrides or adds
   * top-level fields (a Slack Connect delivery: `is_ext_shared_channel`, `context_team_id`, …).
   */
  event(
    ws: FakeWorkspace,
    event: Record<string, unknown>,
    options: SendOptions & { eventId?: string; retryNum?: number; envelope?: Record<string, unknown> } = {},
  ) {
    const body = JSON.stringify({
      token: 'legacy-verification-token',
      team_id: ws.teamId,
      api_app_id: 'A0CLAUSE5',
      event: { event_ts: `${Date.now() / 1000}`, ...event },
      type: 'event_callback',
      event_id: options.eventId ?? `Ev${++this.seq}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: ws.teamId, user_id: ws.botUserId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
      ...options.envelope,
    });
    const headers: Record<string, string> = options.retryNum ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {};
    return this.post(body, 'application/json', { ...options, headers: { ...headers, ...options.headers } });
  }
}
