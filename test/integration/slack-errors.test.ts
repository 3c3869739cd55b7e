// Slack's refusals reach the core as the few ChatError codes it acts on; a rejected bot token stops
// start-up with a clear message; logs never carry tokens, secrets or request bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import type { Message } from '../../src/core/model';
import { silentLogger, type Logger } from '../../src/core/ports';
import { createSlack } from '../../src/platforms/slack';
import { makeTestCore } from '../support/core';
import { FakeSlack } from '../support/fake-slack';
import { SIGNING_SECRET, startSlackHarness, workspace, type SlackHarness } from '../support/slack-harness';
import { platformStateOf } from '../../src/main';

const acme = workspace('T0ACME', 'Acme', [{ id: 'U0MARIA', name: 'Maria', tz: 'America/Chicago' }], ['C0WINS']);
const hello: Message = { summary: 'hello', blocks: [{ type: 'text', text: ['hello'] }] };

/** A logger that keeps everything it is given, as text. */
function recordingLogger(lines: string[]): Logger {
  const log = (level: string) => (obj: object, msg?: string) => {
    lines.push(`${level} ${msg ?? ''} ${JSON.stringify(obj, (_k, v: unknown) => (v instanceof Error ? { message: v.message, stack: v.stack } : v))}`);
  };
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), child: () => logger };
  return logger;
}

const lines: string[] = [];
let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ workspace: acme, log: recordingLogger(lines) });
});
afterAll(async () => h?.close());

describe('Slack errors as ChatError codes', () => {
  const cases: Array<[string, string, string]> = [
    ['channel_not_found', 'unreachable', 'C0WINS'],
    ['not_in_channel', 'permission', 'C0SECRET'],
    ['is_archived', 'permission', 'C0WINS'],
    ['invalid_auth', 'auth', 'C0WINS'],
    ['token_revoked', 'auth', 'C0WINS'],
    ['invalid_blocks', 'invalid', 'C0WINS'],
    ['internal_error', 'transient', 'C0WINS'],
  ];
  for (const [slackError, code, channel] of cases) {
    it(`${slackError} → ${code}`, async () => {
      if (channel === 'C0WINS') h.fake.fail('chat.postMessage', { error: slackError });
      await expect(h.tc.deps.platform.postToChannel('slack:T0ACME', `#${channel}`, hello)).rejects.toMatchObject({ name: 'ChatError', code });
    });
  }

  it('a user Slack does not know → unreachable', async () => {
    await expect(h.tc.deps.platform.sendDirect('slack:T0ACME', 'slack:T0ACME:U0NOBODY', hello)).rejects.toMatchObject({ code: 'unreachable' });
  });

  it('429 → rate_limited with Retry-After', async () => {
    h.fake.fail('chat.update', { status: 429, retryAfter: 7 });
    const ref = await h.tc.deps.platform.sendDirect('slack:T0ACME', 'slack:T0ACME:U0MARIA', hello);
    await expect(h.tc.deps.platform.updateMessage!('slack:T0ACME', ref, hello)).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 7000 });
  });

  it('a channel that is not a Slack channel id → not_found, without calling Slack', async () => {
    const calls = h.fake.calls.length;
    await expect(h.tc.deps.platform.postToChannel('slack:T0ACME', 'wins', hello)).rejects.toMatchObject({ code: 'not_found' });
    expect(h.fake.calls.length).toBe(calls);
  });
});

describe('start-up', () => {
  it('stops with a clear message when Slack rejects the bot token', async () => {
    const fake = await new FakeSlack().start();
    const tc = makeTestCore();
    try {
      const config = loadConfig({ NODE_ENV: 'test', SLACK_BOT_TOKEN: 'xoxb-not-a-real-token', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: fake.url });
      await expect(
        createSlack({ config, core: tc, store: tc.store, state: platformStateOf(config, tc.store, () => tc.clock.now()), log: silentLogger }),
      ).rejects.toThrow(/Slack rejected SLACK_BOT_TOKEN at start-up \(.*invalid_auth.*\)\. Copy the Bot User OAuth Token/);
      expect(fake.callsTo('auth.test')).toHaveLength(1);
    } finally {
      tc.cleanup();
      await fake.stop();
    }
  });

  it('reads the bot’s ids with one auth.test and stores the workspace', async () => {
    expect(h.fake.callsTo('auth.test')).toHaveLength(1);
    expect(await h.slack.installations.get(acme.teamId)).toMatchObject({ botUserId: acme.botUserId, botId: acme.botId, teamName: 'Acme' });
  });

  it('in Socket Mode mounts no HTTP endpoint (events come over the socket)', async () => {
    const socket = await startSlackHarness({ workspace: acme, socketAppToken: 'xapp-1-fake' });
    try {
      const res = await socket.requests.command(acme, 'U0MARIA', 'help');
      expect(res.status).toBe(404);
    } finally {
      await socket.close();
    }
  });
});

describe('logs', () => {
  it('never contain tokens, secrets or request bodies, even when things fail', async () => {
    const marker = 'PRIVATE-NOTE-7731';
    await h.requests.command(acme, 'U0MARIA', `win ${marker}`, { signature: 'v0=forged' }); // refused
    h.fake.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    await h.requests.event(acme, {
      type: 'message',
      channel_type: 'im',
      channel: 'DU0MARIA',
      user: 'U0MARIA',
      text: `meeting list ${marker}`,
      ts: '9.9',
      team: acme.teamId,
    });
    h.fake.fail('views.open', { error: 'expired_trigger_id' });
    await h.requests.command(acme, 'U0MARIA', 'floorwalk');
    await h.settle();
    // Each failure path really ran, and was logged by its code, not its content.
    expect(h.fake.callsTo('chat.postMessage', acme.teamId, 'ratelimited')).toHaveLength(1);
    expect(h.fake.callsTo('views.open', acme.teamId, 'expired_trigger_id')).toHaveLength(1);
    expect(lines.filter((l) => l.includes('refused a Slack request') && l.includes('signature mismatch'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('Slack interaction failed') && l.includes('"code":"rate_limited"'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('Slack interaction failed') && l.includes('expired_trigger_id'))).toHaveLength(1);
    const all = lines.join('\n');
    for (const secret of [acme.botToken, SIGNING_SECRET, 'xoxb-', marker]) expect(all).not.toContain(secret);
  });
});
