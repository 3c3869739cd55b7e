// The Slack platform end to end: the real HTTP server on port 0, the real core on a temp SQLite
// file (makeTestCore), the scheduler, and a fake Slack Web API on localhost. Nothing of ours is
// mocked; only Slack itself is played by the fake.
import { loadConfig } from '../../src/config';
import { coreModules } from '../../src/core/modules';
import { silentLogger, type Logger } from '../../src/core/ports';
import { HttpServer } from '../../src/http/server';
import type { PlatformRouter } from '../../src/platforms/router';
import { createSlack, type SlackRuntime, type SlackOptions } from '../../src/platforms/slack';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler';
import { makeTestCore, type TestCore } from './core';
import { FakeSlack, type FakeWorkspace } from './fake-slack';
import { SlackRequests } from './slack-requests';
import { platformStateOf } from '../../src/main';

export const SIGNING_SECRET = 'test-signing-secret';

export function workspace(teamId: string, name: string, users: Array<{ id: string; name: string; tz?: string }>, channels: string[] = []): FakeWorkspace {
  return {
    teamId,
    teamName: name,
    botToken: `xoxb-${teamId}-fake`,
    botUserId: `UBOT${teamId}`,
    botId: `B${teamId}`,
    channels,
    users: users.map((u) => ({ id: u.id, name: u.name, realName: u.name, displayName: u.name, ...(u.tz ? { tz: u.tz } : {}) })),
  };
}

export interface SlackHarness {
  fake: FakeSlack;
  tc: TestCore;
  slack: SlackRuntime;
  http: HttpServer;
  baseUrl: string;
  requests: SlackRequests;
  scheduler: Scheduler;
  /** Waits for the work Slack requests started after their ack. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions extends SlackOptions {
  start?: string;
  /** The workspace whose bot token is SLACK_BOT_TOKEN (single-workspace mode); omit with oauth. */
  workspace?: FakeWorkspace;
  /** Other workspaces the fake knows (OAuth installs). */
  others?: FakeWorkspace[];
  oauth?: boolean;
  /** Socket Mode app token (the platform is built but not started: that needs Slack itself). */
  socketAppToken?: string;
  /** Where the platform logs (default: nowhere). */
  log?: Logger;
  /** Add the web page's `dashboard` command (sign-in links to http://clause5.test). */
  web?: boolean;
}

/** The CLAUSE5_SECRET_KEY the harness seals stored Slack tokens with. */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

export async function startSlackHarness(options: HarnessOptions): Promise<SlackHarness> {
  const fake = await new FakeSlack().start();
  for (const ws of [options.workspace, ...(options.others ?? [])]) if (ws) fake.addWorkspace(ws);
  const tc = makeTestCore(options.start ?? '2026-11-23T15:00:00Z', { web: options.web });
  fake.now = () => tc.clock.now(); // trigger_id and response_url lifetimes run on the test's clock
  const config = loadConfig({
    NODE_ENV: 'test',
    CLAUSE5_SECRET_KEY: TEST_SECRET_KEY,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    ...(options.workspace ? { SLACK_BOT_TOKEN: options.workspace.botToken } : {}),
    ...(options.socketAppToken ? { SLACK_APP_TOKEN: options.socketAppToken } : {}),
    ...(options.oauth ? { SLACK_CLIENT_ID: fake.clientId, SLACK_CLIENT_SECRET: fake.clientSecret, SLACK_STATE_SECRET: 'test-state-secret' } : {}),
  });
  let slack: SlackRuntime;
  try {
    slack = await createSlack(
      { config, core: tc, store: tc.store, state: platformStateOf(config, tc.store, () => tc.clock.now()), log: options.log ?? silentLogger },
      { pacer: { perChannelMs: 0 }, ...options },
    );
  } catch (error) {
    tc.cleanup();
    await fake.stop();
    throw error;
  }
  (tc.deps.platform as PlatformRouter).add(slack.chat);
  const http = new HttpServer({ log: silentLogger, healthy: () => true });
  slack.mount?.(http);
  const port = await http.listen(0, '127.0.0.1');
  if (!options.socketAppToken) await slack.start?.();
  const baseUrl = `http://127.0.0.1:${port}`;
  const scheduler = createScheduler({ deps: tc.deps, modules: coreModules, log: silentLogger });
  return {
    fake,
    tc,
    slack,
    http,
    baseUrl,
    requests: new SlackRequests(`${baseUrl}/slack/events`, SIGNING_SECRET, fake),
    scheduler,
    settle: () => slack.idle(),
    async close() {
      await http.close();
      if (!options.socketAppToken) await slack.stop?.();
      await fake.stop();
      tc.cleanup();
    },
  };
}

/**
 * Installs a workspace through the real OAuth routes, as a browser would: GET /slack/install (state
 * cookie + "Add to Slack" link), then Slack's redirect back to /slack/oauth_redirect with a code.
 */
export async function installViaOAuth(
  h: Pick<SlackHarness, 'baseUrl' | 'fake'>,
  ws: FakeWorkspace,
  options: { cookie?: string; installer?: string } = {},
): Promise<Response> {
  const page = await fetch(`${h.baseUrl}/slack/install`);
  const html = await page.text();
  const cookie = page.headers.get('set-cookie')?.split(';', 1)[0] ?? '';
  const link = /href="(https?:\/\/[^"]*state=[^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
  if (!link) throw new Error('no Add to Slack link on the install page');
  const state = new URL(link).searchParams.get('state') ?? '';
  const code = h.fake.oauthCode(ws.teamId, options.installer);
  return fetch(`${h.baseUrl}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, {
    headers: { cookie: options.cookie ?? cookie },
  });
}
