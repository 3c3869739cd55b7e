// The whole process as `npm start` builds it (src/main.ts) with Slack settings: Slack shares the one
// HTTP server and port with /healthz, and a signed slash command is answered through the fake Slack.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/core/ports';
import { startServer, type RunningServer } from '../../src/main';
import type { SlackRuntime } from '../../src/platforms/slack';
import { tempDir } from '../support/core';
import { FakeSlack } from '../support/fake-slack';
import { SIGNING_SECRET, workspace } from '../support/slack-harness';
import { SlackRequests } from '../support/slack-requests';

const acme = workspace('T0ACME', 'Acme', [{ id: 'U0MARIA', name: 'Maria', tz: 'America/Chicago' }]);

let fake: FakeSlack;
const dir = tempDir();
let server: RunningServer;
beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.addWorkspace(acme);
  const config = loadConfig({
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    CLAUSE5_DB: join(dir, 'clause5.db'),
    CLAUSE5_LOCAL_CHAT: 'off',
    CLAUSE5_SCHEDULER: 'off',
    SLACK_BOT_TOKEN: acme.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
  });
  server = await startServer(config, { log: silentLogger, ticker: false });
});
afterAll(async () => {
  await server?.stop();
  await fake?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start with Slack settings', () => {
  it('serves Slack and /healthz on the same port', async () => {
    expect(server.platforms.map((d) => d.name)).toEqual(['slack']);
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(health.status).toBe(200);
    const requests = new SlackRequests(`http://127.0.0.1:${server.port}/slack/events`, SIGNING_SECRET, fake);
    const res = await requests.command(acme, 'U0MARIA', 'help');
    expect(res.status).toBe(200);
    await (server.platforms[0] as SlackRuntime).idle(); // the reply follows the ack
    expect(fake.responses).toHaveLength(1);
    expect(JSON.stringify(fake.responses[0]!.body)).toContain('/clause5 meeting add');
    expect(fake.callsTo('auth.test')).toHaveLength(1);
  });
});
