// Secrets: a real server at debug level, driven down the paths where tokens tend to leak — Slack
// refusing the token, Slack unreachable (HTTP client errors carry request headers), 429s, the OAuth
// install with a wrong state and a wrong code, bad signatures, Teams requests with bearer tokens —
// and a start-up with a token Slack rejects. Then every log of the suite's processes in this run
// (each test file keeps its own; see support/process.ts) is searched for xoxb-/xoxp-/xapp- tokens,
// the signing, client and state secrets and "Bearer ey".
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { FakeSlack } from '../support/fake-slack';
import { SlackRequests } from '../support/slack-requests';
import { personalMessage, teamsUser } from '../support/teams-activities';
import { addToFake, CLIENT_ID, CLIENT_SECRET, SIGNING_SECRET, seedSlackPlant, slackEnv, type Plant } from './support/plant';
import { runCommand, serve, until, type Clause5Process } from './support/process';
import { figure } from './support/figure';
import { expectNoSecrets, freshLogs, scanLogs } from './support/secrets';

const LOGS = 'secrets';
let fake: FakeSlack;
let dir: string;
let plant: Plant;
let server: Clause5Process;

beforeAll(async () => {
  freshLogs(LOGS);
  fake = await new FakeSlack(CLIENT_ID, CLIENT_SECRET).start();
  dir = tempDir('clause5-secrets-');
  const dbPath = join(dir, 'clause5.db');
  plant = seedSlackPlant(dbPath, { workspaces: 2, leadersPer: 3, dueAt: Date.now() + 3 * 86_400_000, lastPassAt: Date.now(), prefix: 'SC', admins: true });
  addToFake(fake, plant);
  server = await serve(
    slackEnv(dbPath, fake.url, { NODE_ENV: 'test', LOG_LEVEL: 'debug', TEAMS_ALLOW_UNAUTHENTICATED: 'true', TEAMS_SERVICE_URL_ALLOWLIST: '127.0.0.1:9' }),
    `${LOGS}-server.log`,
  );
});
afterAll(async () => {
  await server?.kill('SIGTERM');
  await fake?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('tokens and secrets never reach a log', () => {
  it('not on the error paths of a running server', { timeout: 60_000 }, async () => {
    const [ws, other] = plant.workspaces as [Plant['workspaces'][0], Plant['workspaces'][0]];
    const requests = new SlackRequests(`${server.url}/slack/events`, SIGNING_SECRET, fake);
    const admin = plant.leaders[0]!.userId;
    const answered = fake.responses.length;
    // Slack refuses the token, then rate-limits, then answers an unknown error.
    fake.fail('chat.postMessage', { error: 'invalid_auth' }, 2);
    fake.fail('users.info', { error: 'token_revoked' }, 2);
    fake.fail('views.publish', { status: 429, retryAfter: 1 }, 2);
    await requests.command(ws!, admin, 'admin role <@UNEWCOMER> leader'); // users.info → token_revoked
    await requests.event(ws!, { type: 'app_home_opened', user: admin, tab: 'home', channel: 'D1' }); // views.publish → 429
    await requests.event(ws!, { type: 'message', channel_type: 'im', user: admin, text: 'help', channel: `D${admin}`, ts: '1.1' }); // DM reply → invalid_auth
    // Bad signatures, with a token-looking body.
    await requests.post(JSON.stringify({ token: 'xoxb-1234-from-a-body', type: 'event_callback' }), 'application/json', { signature: 'v0=deadbeef' });
    // The OAuth install: a wrong state, then a wrong code (the exchange sends the client secret).
    await fetch(`${server.url}/slack/oauth_redirect?code=nope&state=forged`);
    const page = await fetch(`${server.url}/slack/install`);
    const cookie = page.headers.get('set-cookie')?.split(';', 1)[0] ?? '';
    const state = /state=([^"&]+)/.exec(await page.text())?.[1] ?? '';
    await fetch(`${server.url}/slack/oauth_redirect?code=not-a-code&state=${state}`, { headers: { cookie } });
    // Teams: a bearer token on a request the unauthenticated development mode does not need.
    const user = teamsUser('Sam', 7);
    await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsZWFrIn0.c2lnbmF0dXJl' },
      body: JSON.stringify(personalMessage({ serviceUrl: 'http://127.0.0.1:9/', user, text: 'help' })), // a connector that is not there
    });
    await until(() => fake.responses.length > answered, 10_000, 'the command reply');
    // Slack unreachable: every call fails in the HTTP client.
    await fake.stop();
    await requests.command(other!, plant.leaders[3]!.userId, 'help').catch(() => undefined);
    await requests.event(other!, { type: 'app_home_opened', user: plant.leaders[3]!.userId, tab: 'home', channel: 'D2' });
    // Both requests' replies fail in the HTTP client and are logged.
    await until(() => (server.stdout.match(/ECONNREFUSED/g) ?? []).length >= 2, 10_000, 'both failures logged');
    fake = await new FakeSlack(CLIENT_ID, CLIENT_SECRET).start(); // for afterAll

    const scan = expectNoSecrets(LOGS, [ws!.botToken, other!.botToken, 'eyJhbGciOiJSUzI1NiJ9', 'xoxb-1234-from-a-body']);
    // The paths were really taken: the log shows each failure, without its secret.
    const text = server.stdout;
    for (const seen of ['token_revoked', 'invalid_auth', 'refused a Slack request', 'invalid_state', 'invalid_code', 'ECONNREFUSED'])
      expect(text, seen).toContain(seen);
    expect(scan.lines).toBeGreaterThan(20);
  });

  it('not when Slack rejects the bot token at start-up', async () => {
    const dbPath = join(dir, 'startup.db');
    const run = await runCommand(
      ['serve'],
      {
        CLAUSE5_DB: dbPath,
        NODE_ENV: 'production',
        SLACK_BOT_TOKEN: 'xoxb-rejected-at-start-up',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.url,
        LOG_LEVEL: 'debug',
      },
      `${LOGS}-startup.log`,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Slack rejected SLACK_BOT_TOKEN');
    expectNoSecrets(LOGS, ['xoxb-rejected-at-start-up']);
  });

  it('not in any log of the whole suite in this run', () => {
    const all = scanLogs('');
    figure('secrets', `searched ${all.files} log files, ${all.lines} lines (${(all.bytes / 1024).toFixed(0)} KB): ${all.hits.length} hits`, {
      files: all.files,
      lines: all.lines,
      bytes: all.bytes,
      counts: all.counts,
    });
    expect(all.hits.slice(0, 5)).toEqual([]);
    // The search does find what is there: this run's own start-up lines.
    expect(scanLogs(LOGS, ['Slack platform ready']).hits.length).toBeGreaterThan(0);
  });
});
