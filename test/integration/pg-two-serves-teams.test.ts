// Two real `clause5 serve` processes on one PostgreSQL database in Teams mode, behind the fake Bot
// Framework connector: what Teams tells A (a 1:1 chat, a team, who a mentioned user is) is where B
// writes; a follow-up card A's scheduler sent is answered by a tap on B — recorded once, and the
// card A sent is the one updated, through the reference in the database; an activity Teams
// delivers to A and retries to B (same id: Teams retries what was not answered within 15 s) has one
// effect. Both serves run Teams without an app id (TEAMS_ALLOW_UNAUTHENTICATED, loopback callers):
// the token checks are per process and tested in teams-tokens.test.ts; here only the shared state
// is at stake. A runs the scheduler (it sends what is queued), B does not, so what B sends, it sends
// while handling a request. PGlite cannot be shared between processes: skipped when no server answers.
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { POSTGRES } from '../support/engines';
import { FakeConnector, type StoredActivity } from '../support/fake-connector';
import { databaseUrl, onServer } from '../support/pg-databases';
import { startServe, type ServeProcess } from '../support/serve-process';
import {
  BOT_ID,
  TEAM,
  channelMessage,
  invokeAction,
  mention,
  personalConversationUpdate,
  personalInstall,
  personalMessage,
  personIdOfUser,
  teamMembersAdded,
  teamsUser,
} from '../support/teams-activities';
import { cardActions, cardOf, cardText, validateCard } from '../support/teams-cards';
import { cleanEnv, ROOT } from '../unit/cli/support';

const ana = teamsUser('Ana', 1);
const bob = teamsUser('Bob', 2);
const BOB = personIdOfUser(bob);

const dbName = `clause5_test_${process.pid}_${randomBytes(4).toString('hex')}`;
const url = databaseUrl(dbName);
let dir: string;
let connector: FakeConnector;
let a: ServeProcess;
let b: ServeProcess;

function serve(scheduler: 'on' | 'off'): Promise<ServeProcess> {
  const env = cleanEnv({
    CLAUSE5_DATABASE_URL: url,
    CLAUSE5_DB: join(dir, 'data', 'clause5.db'), // must never appear: everything is on PostgreSQL
    CLAUSE5_SCHEDULER: scheduler,
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    TEAMS_SERVICE_URL_ALLOWLIST: new URL(connector.url).host,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  });
  return startServe(`${ROOT}node_modules/.bin/tsx`, [`${ROOT}src/cli.ts`, 'serve'], dir, env);
}

/** Posts an activity to `s` as the Bot Connector would (Teams knows the conversations it names). */
async function post(s: ServeProcess, activity: unknown): Promise<{ status: number; body: any }> {
  connector.learn(activity);
  const res = await fetch(`http://127.0.0.1:${s.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const say = (user: typeof ana, text: string, entities: unknown[] = []) => personalMessage({ serviceUrl: connector.url, user, text, entities });

/** Waits for work another process does on its own (A's sender, what a turn does after its answer). */
async function until<T>(what: string, found: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = found();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Cards in a conversation whose text contains `words`. */
const cardsWith = (conversation: string, words: string): StoredActivity[] =>
  connector.messagesIn(conversation).filter((m) => cardText(cardOf(m.activity)).includes(words));

/** A due date two weeks from now (follow-ups refuse a date in the past). */
const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

async function stop(s: ServeProcess): Promise<void> {
  if (s.child.exitCode !== null) return;
  s.child.kill('SIGTERM');
  expect(await s.exited).toBe(0);
}

describe.skipIf(POSTGRES === 'pglite')('two clause5 serve processes on one PostgreSQL database (Teams)', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    dir = tempDir('clause5-two-serves-teams-');
    await onServer(`CREATE DATABASE ${dbName}`);
    connector = await new FakeConnector({ allowAnonymous: true }).start(); // the bots run without an app id
    a = await serve('on'); // migrates the fresh database
    b = await serve('off');
  }, 60_000);

  afterAll(async () => {
    for (const s of [a, b]) if (s && s.child.exitCode === null) s.child.kill('SIGKILL');
    await Promise.all([a?.exited, b?.exited]);
    await connector?.stop();
    await onServer(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('B writes where A was told it may: a 1:1 chat and a mentioned person A saw, B never did', async () => {
    expect((await post(a, personalInstall({ serviceUrl: connector.url, user: ana }))).status).toBe(200);
    expect((await post(a, say(ana, 'help'))).status).toBe(200); // Ana, the first person, is the admin
    expect((await post(a, personalInstall({ serviceUrl: connector.url, user: bob }))).status).toBe(200);
    expect((await post(a, teamMembersAdded({ serviceUrl: connector.url, by: ana, members: [{ id: BOT_ID }] }))).status).toBe(200);

    // Bob @mentions Clause5 in the team; the request lands on B, which answers in Bob's 1:1 chat
    // (never in the channel), known only from what A stored: no chat is opened, nothing else is sent.
    const calls = connector.calls.length;
    expect((await post(b, channelMessage({ serviceUrl: connector.url, user: bob, text: 'me' }))).status).toBe(200);
    // (A's scheduler may be sending Ana something meanwhile, such as a digest at its hour: not counted.)
    const fromB = connector.calls.slice(calls).filter((c) => c.conversationId !== ana.chat);
    expect(fromB.map((c) => [c.op, c.conversationId, c.status])).toEqual([['send', bob.chat, 201]]);

    // Ana, through B, mentions Bob without his Entra id (as Teams does in a 1:1 chat): B finds who
    // he is from the user id A stored, without asking Teams.
    const before = connector.calls.length;
    expect((await post(b, say(ana, 'admin role <at>Bob</at> leader', [mention(bob)]))).status).toBe(200);
    expect(connector.calls.slice(before).filter((c) => c.op !== 'send')).toEqual([]); // no member look-up
    expect(cardsWith(ana.chat, 'is now leader')).toHaveLength(1);
    expect(await rows(`SELECT role FROM people WHERE id = $1`, [BOB])).toEqual([{ role: 'leader' }]);
    // What B went by: the references A stored, in the shared database.
    expect(await rows(`SELECT kind, subject, conversation_id FROM teams_conversations ORDER BY kind, subject`)).toEqual([
      { kind: 'channel', subject: TEAM.id, conversation_id: TEAM.id },
      { kind: 'person', subject: personIdOfUser(ana), conversation_id: ana.chat },
      { kind: 'person', subject: BOB, conversation_id: bob.chat },
    ]);
  });

  it('a follow-up card A sent, tapped Done on B and retried to A: closed once, the card A sent is updated', async () => {
    const text = 'Replace the broken guard on line 3';
    expect((await post(a, say(ana, `followup add <at>Bob</at> ${due} ${text}`, [mention(bob, true)]))).status).toBe(200);
    // A's scheduler sends it (B runs none): the assignment card with Done / New due date.
    const sent = await until('A’s card to Bob', () => cardsWith(bob.chat, text)[0]);
    const [followUp] = await rows<{ id: number }>(`SELECT id FROM follow_ups WHERE text = $1`, [text]);
    const [delivery] = await rows<{ message_ref: string }>(`SELECT message_ref FROM deliveries WHERE key = $1`, [`followup_assigned:${followUp!.id}`]);
    expect(JSON.parse(delivery!.message_ref)).toEqual({ conv: bob.chat, id: sent.id });

    const done = cardActions(cardOf(sent.activity)).find((x) => x.title === 'Done')!;
    const tap = invokeAction({ serviceUrl: connector.url, user: bob, replyToId: sent.id, verb: done.verb, data: done.data });
    const answered = await post(b, tap);
    expect(answered.status).toBe(200);
    expect(cardActions(answered.body.value).map((x) => x.title)).not.toContain('Done');
    // Teams did not see B's answer in time and retries the same invoke to A, which only answers it.
    const retried = await post(a, tap);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('Working on it') });

    // The card A sent is replaced in Bob's chat (by B, after its answer), and keeps no Done button.
    await until('the update of A’s card', () => connector.callsOf('update').find((c) => c.activityId === sent.id));
    const updates = connector.callsOf('update').filter((c) => c.activityId === sent.id);
    expect(updates.map((c) => c.conversationId)).toEqual([bob.chat]);
    const shown = connector.activities.get(sent.id)!.activity;
    expect(validateCard(cardOf(shown))).toEqual([]);
    expect(cardActions(cardOf(shown)).map((x) => x.title)).not.toContain('Done');

    expect(await rows(`SELECT status FROM follow_ups WHERE id = $1`, [followUp!.id])).toEqual([{ status: 'done' }]);
    const closes = await rows(`SELECT id FROM audit_log WHERE entity = 'follow_up' AND entity_id = $1 AND action = 'update'`, [String(followUp!.id)]);
    expect(closes).toHaveLength(1);
    // Ana, who raised it, is told once.
    expect(await rows(`SELECT key FROM deliveries WHERE key LIKE $1`, [`followup_changed:${followUp!.id}:%`])).toHaveLength(1);
  });

  it('closed by a command on B, the card A sent is updated through the sent-message reference in the database', async () => {
    const text = 'Label the scrap bins';
    expect((await post(a, say(ana, `followup add <at>Bob</at> ${due} ${text}`, [mention(bob, true)]))).status).toBe(200);
    const sent = await until('A’s card to Bob', () => cardsWith(bob.chat, text)[0]);
    const [followUp] = await rows<{ id: number }>(`SELECT id FROM follow_ups WHERE text = $1`, [text]);

    // Typed, not tapped: no activity names the card, only the delivery row A wrote does.
    expect((await post(b, say(bob, `followup done ${followUp!.id}`))).status).toBe(200);
    await until('the update of A’s card', () => connector.callsOf('update').find((c) => c.activityId === sent.id));
    expect(
      connector
        .callsOf('update')
        .filter((c) => c.activityId === sent.id)
        .map((c) => c.conversationId),
    ).toEqual([bob.chat]);
    expect(cardText(cardOf(connector.activities.get(sent.id)!.activity))).toContain('closed on');
    expect(await rows(`SELECT status FROM follow_ups WHERE id = $1`, [followUp!.id])).toEqual([{ status: 'done' }]);
  });

  it('a message delivered to A and retried by Teams to B (same activity id) has one effect', async () => {
    const text = 'Check the eyewash station';
    const message = say(ana, `followup add <at>Bob</at> ${due} ${text}`, [mention(bob, true)]);
    const answers = () => cardsWith(ana.chat, text).length;
    expect((await post(a, message)).status).toBe(200);
    expect(answers()).toBe(1);
    expect((await post(b, message)).status).toBe(200);
    expect(answers()).toBe(1);
    expect(await rows(`SELECT owner_id FROM follow_ups WHERE text = $1`, [text])).toEqual([{ owner_id: BOB }]);
    expect(await rows(`SELECT key FROM processed_events WHERE key = $1`, [`teams:${ana.chat}:${message.id}`])).toHaveLength(1);
  });

  it('a welcome (conversationUpdate) delivered to A and retried to B is sent once', async () => {
    const cy = teamsUser('Cy', 3);
    const added = personalConversationUpdate({ serviceUrl: connector.url, user: cy });
    expect((await post(a, added)).status).toBe(200);
    expect((await post(b, added)).status).toBe(200);
    expect(cardsWith(cy.chat, 'I’m Clause5')).toHaveLength(1);

    await Promise.all([stop(a), stop(b)]);
    expect(a.stderr() + b.stderr()).toBe('');
    expect(existsSync(join(dir, 'data', 'clause5.db'))).toBe(false);
  });
});
