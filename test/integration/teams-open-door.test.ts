// No unauthenticated Teams endpoint unless someone asked for it (issue 9, §2), through the real
// composition root (src/main.ts) on a real port: a Slack deployment has no Teams route; the
// unauthenticated endpoint (local mode, or TEAMS_ALLOW_UNAUTHENTICATED=true) answers callers on
// this machine only — judged by the socket's address, so the test connects from a non-loopback
// address of this machine for real; production refuses to open it; the banner says which front
// doors are on and how each is protected.
import { rmSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { banner } from '../../src/cli/serve';
import { ConfigError, loadConfig } from '../../src/config';
import { silentLogger } from '../../src/core/ports';
import { startServer, type RunningServer } from '../../src/main';
import { rowCounts } from '../reliability/support/db';
import { tempDir } from '../support/core';
import { FakeConnector } from '../support/fake-connector';
import { FakeSlack } from '../support/fake-slack';
import { SIGNING_SECRET, workspace } from '../support/slack-harness';
import { APP_ID, TENANT, personalMessage, teamsUser } from '../support/teams-activities';

const acme = workspace('T0ACME', 'Acme', [{ id: 'U0MARIA', name: 'Maria', tz: 'America/Chicago' }]);
const ana = teamsUser('Ana', 1);
/** An address of this machine that is not loopback: a connection from it is not "local". */
const OUTSIDE = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

let fake: FakeSlack;
let connector: FakeConnector;
let dir: string;
let server: RunningServer | undefined;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.addWorkspace(acme);
  connector = await new FakeConnector({ allowAnonymous: true }).start(); // the served bot has no credentials
});
afterAll(async () => {
  await fake?.stop();
  await connector?.stop();
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const slack = { SLACK_BOT_TOKEN: acme.botToken, SLACK_SIGNING_SECRET: SIGNING_SECRET };

/** Note: no NODE_ENV unless a test sets one — what `npm start` with a .env file gives. */
async function start(env: Record<string, string>, host = '127.0.0.1'): Promise<RunningServer> {
  dir = tempDir('clause5-door-');
  const config = loadConfig({
    CLAUSE5_DB: join(dir, 'clause5.db'),
    PORT: '0',
    HOST: host,
    CLAUSE5_LOCAL_CHAT: 'off',
    CLAUSE5_SCHEDULER: 'off',
    SLACK_API_URL: fake.url,
    TEAMS_SERVICE_URL_ALLOWLIST: new URL(connector.url).host,
    ...env,
  });
  server = await startServer(config, { log: silentLogger, ticker: false, seedDemo: false });
  return server;
}

async function postActivity(base: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(personalMessage({ serviceUrl: connector.url, user: ana, text: 'help' })),
  });
  await res.text();
  return res.status;
}

function teamsLine(s: RunningServer): string | undefined {
  return banner(s, false, 'stdout').find((line) => line.trimStart().startsWith('Teams:'));
}

describe('which Teams endpoint a configuration opens', () => {
  it('Slack settings without NODE_ENV: no Teams route at all (404), nothing written, and the banner says so', async () => {
    const s = await start(slack);
    expect(s.platforms.map((d) => d.name)).toEqual(['slack']);
    const before = { rows: rowCounts(s.config.CLAUSE5_DB), calls: connector.calls.length };
    expect(await postActivity(`http://127.0.0.1:${s.port}`)).toBe(404);
    expect({ rows: rowCounts(s.config.CLAUSE5_DB), calls: connector.calls.length }).toEqual(before);
    expect(teamsLine(s)).toMatch(/Teams: +off/);
    expect(banner(s, false, 'stdout').join('\n')).toMatch(/Slack: .*signed requests \(signing secret\)/);
  });

  it.skipIf(!OUTSIDE)('TEAMS_ALLOW_UNAUTHENTICATED=true beside Slack: callers on this machine only (403 from another address)', async () => {
    const s = await start({ ...slack, TEAMS_ALLOW_UNAUTHENTICATED: 'true' }, '0.0.0.0');
    expect(s.platforms.map((d) => d.name)).toEqual(['slack', 'teams']);
    const before = { rows: rowCounts(s.config.CLAUSE5_DB), calls: connector.calls.length };
    expect(await postActivity(`http://${OUTSIDE}:${s.port}`)).toBe(403);
    // A header naming this machine changes nothing: the socket's address decides.
    expect(await postActivity(`http://${OUTSIDE}:${s.port}`, { 'x-forwarded-for': '127.0.0.1', forwarded: 'for=127.0.0.1', 'x-real-ip': '127.0.0.1' })).toBe(
      403,
    );
    // A reverse proxy on this machine would connect from loopback on behalf of anyone: refused too.
    expect(await postActivity(`http://127.0.0.1:${s.port}`, { 'x-forwarded-for': '203.0.113.9' })).toBe(403);
    expect(await postActivity(`http://127.0.0.1:${s.port}`, { forwarded: 'for=203.0.113.9' })).toBe(403);
    expect({ rows: rowCounts(s.config.CLAUSE5_DB), calls: connector.calls.length }).toEqual(before);
    expect(await postActivity(`http://127.0.0.1:${s.port}`)).toBe(200);
    expect(await s.store.orgs.get(`teams:${TENANT}`)).toBeDefined();
    expect(teamsLine(s)).toMatch(/UNAUTHENTICATED, loopback callers only \(TEAMS_ALLOW_UNAUTHENTICATED=true\)/);
  });

  it.skipIf(!OUTSIDE)('local mode: the endpoint works from this machine, and refuses another address', async () => {
    const s = await start({}, '0.0.0.0');
    expect(s.config.localMode).toBe(true);
    const before = rowCounts(s.config.CLAUSE5_DB);
    expect(await postActivity(`http://${OUTSIDE}:${s.port}`)).toBe(403);
    expect(rowCounts(s.config.CLAUSE5_DB)).toEqual(before);
    expect(await postActivity(`http://127.0.0.1:${s.port}`)).toBe(200);
    expect(await s.store.orgs.get(`teams:${TENANT}`)).toBeDefined();
    expect(teamsLine(s)).toMatch(/UNAUTHENTICATED, loopback callers only \(local mode\)/);
  });

  it('with the Azure Bot registration: the banner names the app, the tenant and the token check', async () => {
    const s = await start({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_PASSWORD: 'pw' });
    expect(teamsLine(s)).toContain(`signed Bot Framework tokens for app ${APP_ID}, tenant ${TENANT}`);
    // Without a token: refused, whatever the caller's address.
    expect(await postActivity(`http://127.0.0.1:${s.port}`)).toBe(401);
  });
});

describe('start-up refuses an unauthenticated Teams endpoint where it must not be', () => {
  const load = (env: Record<string, string>) => () => loadConfig({ CLAUSE5_DB: '/tmp/unused.db', ...env });

  it('in production, with a message naming the variable', () => {
    expect(load({ NODE_ENV: 'production', TEAMS_ALLOW_UNAUTHENTICATED: 'true', ...slack })).toThrow(ConfigError);
    expect(load({ NODE_ENV: 'production', TEAMS_ALLOW_UNAUTHENTICATED: 'true' })).toThrow(/TEAMS_ALLOW_UNAUTHENTICATED: .*production/);
  });

  it('beside MICROSOFT_APP_ID, and for a value that is not true or false', () => {
    expect(load({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TENANT_ID: TENANT })).toThrow(
      /TEAMS_ALLOW_UNAUTHENTICATED: .*MICROSOFT_APP_ID/,
    );
    expect(load({ TEAMS_ALLOW_UNAUTHENTICATED: 'yes' })).toThrow(/TEAMS_ALLOW_UNAUTHENTICATED: expected one of true, false/);
  });
});
