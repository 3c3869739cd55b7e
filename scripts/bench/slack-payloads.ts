// Signed Slack requests for the inbound benchmark, in the shapes Slack documents: an `app_mention`
// and a `message.im` from the Events API (JSON) and a `/clause5 help` slash command (form). Each
// request has a fresh event id / trigger id and is signed with the current timestamp, exactly as
// Slack signs them (v0 HMAC-SHA256 of "v0:<ts>:<body>").
import { createHmac } from 'node:crypto';

export interface SlackLoadSpec {
  signingSecret: string;
  teamId: string;
  teamDomain: string;
  botUserId: string;
  /** Users who send the events (known to the fake Slack, so users.info answers). */
  users: string[];
  /** response_url values the fake Slack accepts (reused round-robin). */
  responseUrls: string[];
  /** Which kinds to send, in rotation (default all three). */
  kinds?: SlackRequestKind[];
}

export type SlackRequestKind = 'app_mention' | 'message_im' | 'command';

export interface BuiltRequest {
  kind: SlackRequestKind;
  headers: Record<string, string>;
  body: Buffer;
}

export function slackRequestFactory(spec: SlackLoadSpec, runId = `${process.pid}${Date.now() % 100000}`): (n: number) => BuiltRequest {
  const kinds = spec.kinds ?? ['app_mention', 'message_im', 'command'];
  return (n) => {
    const kind = kinds[n % kinds.length]!;
    const user = spec.users[n % spec.users.length]!;
    const nowS = Date.now() / 1000;
    const ts = `${nowS.toFixed(6)}`;
    let body: string;
    let contentType: string;
    if (kind === 'command') {
      contentType = 'application/x-www-form-urlencoded';
      body = new URLSearchParams({
        token: 'legacy-verification-token',
        team_id: spec.teamId,
        team_domain: spec.teamDomain,
        channel_id: 'C0GENERAL',
        channel_name: 'general',
        user_id: user,
        user_name: user.toLowerCase(),
        command: '/clause5',
        text: 'help',
        api_app_id: 'A0CLAUSE5',
        is_enterprise_install: 'false',
        response_url: spec.responseUrls[n % spec.responseUrls.length]!,
        trigger_id: `${runId}${n}.${Math.floor(nowS)}.bench${n}`,
      }).toString();
    } else {
      contentType = 'application/json';
      const event =
        kind === 'app_mention'
          ? { type: 'app_mention', user, text: `<@${spec.botUserId}> help`, ts, channel: 'C0GENERAL', event_ts: ts, team: spec.teamId }
          : { type: 'message', channel_type: 'im', user, text: 'help', ts, channel: `D${user}`, event_ts: ts, team: spec.teamId };
      body = JSON.stringify({
        token: 'legacy-verification-token',
        team_id: spec.teamId,
        api_app_id: 'A0CLAUSE5',
        event,
        type: 'event_callback',
        event_id: `Ev${runId}x${n}`,
        event_time: Math.floor(nowS),
        authorizations: [{ enterprise_id: null, team_id: spec.teamId, user_id: spec.botUserId, is_bot: true, is_enterprise_install: false }],
        is_ext_shared_channel: false,
        event_context: `4-${runId}-${n}`,
      });
    }
    const timestamp = Math.floor(nowS);
    const signature = `v0=${createHmac('sha256', spec.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    return {
      kind,
      body: Buffer.from(body),
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature,
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      },
    };
  };
}
