// Two real `clause5 serve` processes on one PostgreSQL database, in Slack OAuth mode, behind a
// fake Slack Web API: a workspace installed through A is served by B with the token A stored; a
// person changed through A is seen by B; an event delivered to A and retried by Slack to B has one
// effect. Requests are really signed and sent over HTTP. PGlite cannot be shared between
// processes: skipped only when no server answers.
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { POSTGRES } from '../support/engines';
import { FakeSlack } from '../support/fake-slack';
import { databaseUrl, onServer } from '../support/pg-databases';
import { startServe, type ServeProcess } from '../support/serve-process';
import { installViaOAuth, SIGNING_SECRET, TEST_SECRET_KEY, workspace } from '../support/slack-harness';
import { SlackRequests } from '../support/slack-requests';
import { cleanEnv, ROOT } from '../unit/cli/support';

const acme = workspace('T0ACME', 'Acme', [
  { id: 'U0ADA', name: 'Ada Acme', tz: 'America/Chicago' },
  { id: 'U0LEO', name: 'Leo Acme', tz: 'America/Chicago' },
  { id: 'U0MAX', name: 'Max Acme', tz: 'America/Chicago' },
]);

const dbName = `clause5_test_${process.pid}_${randomBytes(4).toString('hex')}`;
const url = databaseUrl(dbName);
let dir: string;
let fake: FakeSlack;
let a: ServeProcess;
let b: ServeProcess;

const base = (s: ServeProcess) => `http://127.0.0.1:${s.port}`;
const requestsTo = (s: ServeProcess) => new SlackRequests(`${base(s)}/slack/events`, SIGNING_SECRET, fake);

function serve(): Promise<ServeProcess> {
  const env = cleanEnv({
    CLAUSE5_DATABASE_URL: url,
    CLAUSE5_DB: join(dir, 'data', 'clause5.db'), // must never appear: everything is on PostgreSQL
    CLAUSE5_SCHEDULER: 'off',
    CLAUSE5_SECRET_KEY: TEST_SECRET_KEY,
    SLACK_CLIENT_ID: fake.clientId,
    SLACK_CLIENT_SECRET: fake.clientSecret,
    SLACK_STATE_SECRET: 'test-state-secret',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  });
  return startServe(`${ROOT}node_modules/.bin/tsx`, [`${ROOT}src/cli.ts`, 'serve'], dir, env);
}

/** Waits for work another process does after its ack (Slack's side of it lands in the fake). */
async function until(what: string, done: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The one response_url answer a slash command sent to `s` gets. */
async function command(s: ServeProcess, user: string, text: string): Promise<string> {
  const before = fake.responses.length;
  const res = await requestsTo(s).command(acme, user, text);
  expect(res.status).toBe(200);
  await until(`the answer to "${text}"`, () => fake.responses.length > before);
  return JSON.stringify(fake.responses.slice(before));
}

async function rows<T>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const dm = (user: string, text: string) => ({
  type: 'message',
  channel_type: 'im',
  channel: `D${user}`,
  user,
  text,
  ts: `${Date.now() / 1000}`,
  team: acme.teamId,
});

/** Stops a serve with SIGTERM: its graceful shutdown waits for the work its requests started. */
async function stop(s: ServeProcess): Promise<void> {
  if (s.child.exitCode !== null) return;
  s.child.kill('SIGTERM');
  expect(await s.exited).toBe(0);
}

describe.skipIf(POSTGRES === 'pglite')('two clause5 serve processes on one PostgreSQL database (Slack OAuth)', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    dir = tempDir('clause5-two-serves-');
    await onServer(`CREATE DATABASE ${dbName}`);
    fake = await new FakeSlack().start();
    fake.addWorkspace(acme);
    a = await serve(); // migrates the fresh database
    b = await serve();
  }, 60_000);

  afterAll(async () => {
    for (const s of [a, b]) if (s && s.child.exitCode === null) s.child.kill('SIGKILL');
    await Promise.all([a?.exited, b?.exited]);
    await fake?.stop();
    await onServer(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('serves through B a workspace installed through A, with the bot token A stored', async () => {
    const installed = await installViaOAuth({ baseUrl: base(a), fake }, acme, { installer: 'U0ADA' });
    expect(installed.status).toBe(200);
    expect(await installed.text()).toContain('installed in Acme');
    expect(fake.callsTo('oauth.v2.access')).toHaveLength(1);
    const stored = await rows<{ bot_token: string }>("SELECT bot_token FROM slack_installations WHERE team_id = 'T0ACME'");
    expect(stored).toHaveLength(1);
    expect(stored[0]!.bot_token).not.toContain(acme.botToken); // sealed with CLAUSE5_SECRET_KEY

    // B never saw the install: it answers Leo's DM with the token it read (and unsealed) from the database.
    const before = fake.posted('U0LEO', acme.teamId).length;
    const res = await requestsTo(b).event(acme, dm('U0LEO', 'help'));
    expect(res.status).toBe(200);
    await until('B’s answer to Leo', () => fake.posted('U0LEO', acme.teamId).length > before);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.outcome !== 'ok')).toEqual([]);
  });

  it('a role given through A is what B goes by', async () => {
    // Ada, the installer, was made admin by A at install time; she makes Leo an admin through A.
    expect(await command(a, 'U0ADA', 'admin role <@U0LEO|leo> admin')).toContain('is now admin');
    // Through B, Leo acts as the admin A recorded (a member would be told "Only an admin …").
    const answer = await command(b, 'U0LEO', 'admin role <@U0MAX|max> leader');
    expect(answer).toContain('is now leader');
    expect(answer).not.toContain('Only an admin');
    expect(await rows("SELECT id, role FROM people WHERE org_id = 'slack:T0ACME' ORDER BY id")).toEqual([
      { id: 'slack:T0ACME:U0ADA', role: 'admin' },
      { id: 'slack:T0ACME:U0LEO', role: 'admin' },
      { id: 'slack:T0ACME:U0MAX', role: 'leader' },
    ]);
  });

  it('an event delivered to A and retried by Slack to B (same event_id) has one effect', async () => {
    const event = dm('U0LEO', 'meeting add "Line 3 daily" weekdays 07:30');
    const before = fake.posted('U0LEO', acme.teamId).length;
    expect((await requestsTo(a).event(acme, event, { eventId: 'Ev0TWOSERVES' })).status).toBe(200);
    await until('A’s answer to the event', () => fake.posted('U0LEO', acme.teamId).length > before);
    // Slack did not see A's ack in time and retries to whichever instance its load balancer picks.
    expect((await requestsTo(b).event(acme, event, { eventId: 'Ev0TWOSERVES', retryNum: 1 })).status).toBe(200);
    // Both shut down gracefully, which waits for whatever the retry started on B.
    await Promise.all([stop(a), stop(b)]);

    expect(fake.posted('U0LEO', acme.teamId)).toHaveLength(before + 1);
    expect(JSON.stringify(fake.posted('U0LEO', acme.teamId).at(-1)!.args.blocks)).toContain('Line 3 daily');
    expect(await rows("SELECT title FROM meetings WHERE org_id = 'slack:T0ACME'")).toEqual([{ title: 'Line 3 daily' }]);
    expect(await rows("SELECT key FROM processed_events WHERE key = 'slack:event:Ev0TWOSERVES'")).toHaveLength(1);
    expect(a.stderr() + b.stderr()).toBe('');
    expect(existsSync(join(dir, 'data', 'clause5.db'))).toBe(false);
  });
});
