// Teams end to end, proactive delivery: scheduler passes send prompts through the stored
// conversation references; someone who never installed Clause5 is logged and marked "not reachable
// in Teams" (no crash, no call); Teams' 429 / 412 / 502 / 504 answers are retried later and the
// delivery is never dropped; a person who installs the app later is reachable again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreModules } from '../../src/core/modules';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler';
import { startTeamsHarness, type TeamsHarness } from '../support/teams-harness';
import { BOT_ID, TEAM, TENANT, mention, personalInstall, personalMessage, personIdOfUser, teamMembersAdded, teamsUser } from '../support/teams-activities';
import { cardOf, cardText } from '../support/teams-cards';

const ORG = `teams:${TENANT}`;
const ana = teamsUser('Ana', 1);
const bob = teamsUser('Bob', 2);
const cy = teamsUser('Cy', 3); // a leader who never installed Clause5
const dee = teamsUser('Dee', 4); // in a team with Clause5, never chatted, never mentioned
const BOB = personIdOfUser(bob);
const CY = personIdOfUser(cy);
const DEE = personIdOfUser(dee);

let h: TeamsHarness;
let scheduler: Scheduler;

async function say(user: ReturnType<typeof teamsUser>, text: string, entities: unknown[] = []) {
  expect((await h.post(personalMessage({ serviceUrl: h.connector.url, user, text, entities }))).status).toBe(200);
}

/** The floor-walk prompt delivery of a person for an ISO week. */
async function walkDelivery(personId: string, week: string) {
  const rows = h.core.store.database.sqlite
    .prepare(`SELECT id FROM deliveries WHERE person_id = ? AND kind = 'floorwalk_prompt' AND key LIKE ?`)
    .all(personId, `%${week}%`) as Array<{ id: number }>;
  expect(rows).toHaveLength(1);
  return (await h.core.store.deliveries.get(rows[0]!.id))!;
}

beforeAll(async () => {
  h = await startTeamsHarness({ startIso: '2026-11-23T15:00:00Z' }); // Monday 09:00 in Chicago
  scheduler = createScheduler({ deps: h.core.deps, modules: coreModules, log: h.log, concurrency: 1 });
  await h.post(personalInstall({ serviceUrl: h.connector.url, user: ana }));
  await h.post(personalInstall({ serviceUrl: h.connector.url, user: bob }));
  await say(ana, 'help');
  await say(bob, 'me');
  await say(ana, 'admin role <at>Bob</at> leader', [mention(bob, true)]);
  await say(ana, 'admin role <at>Cy</at> leader', [mention(cy, true)]);
  await scheduler.tick(h.core.clock.now());
});
afterAll(async () => h?.close());

describe('weekly floor-walk prompts through stored conversation references', () => {
  it('a pass delivers Bob’s prompt; Cy, who never installed Clause5, is logged and marked, without a crash', async () => {
    h.core.clock.set(Date.parse('2026-11-27T20:00:00Z')); // Friday 14:00 in Chicago
    const calls = h.connector.calls.length;
    const result = await scheduler.tick(h.core.clock.now());
    expect(result.drain).toMatchObject({ claimed: 2, sent: 1, failed: 1 });

    // Cy: failed as unreachable, one clear log line, marked for the quality manager's scorecard.
    expect((await walkDelivery(CY, '2026-W48')).status).toBe('failed');
    expect((await h.core.store.people.get(ORG, CY))?.unreachableReason).toContain('not reachable in Teams');
    const lines = h.log.entries.filter((e) => e.level === 'warn' && (e.obj as { personId?: string }).personId === CY && e.msg?.startsWith('Teams:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.msg).toContain('not installed Clause5');

    // Bob: one send, into his stored 1:1 chat. For Cy only an attempt to open a chat (Teams refused:
    // the bot shares no team with Cy); nothing was sent anywhere else.
    expect(
      h.connector.calls
        .slice(calls)
        .map((c) => [c.op, c.conversationId, c.status])
        .sort(),
    ).toEqual([
      ['createConversation', undefined, 403],
      ['send', bob.chat, 201],
    ]);
    const prompt = h.connector.messagesIn(bob.chat).at(-1)!;
    expect(cardText(cardOf(prompt.activity))).toContain('Did you walk the floor this week?');
    expect(JSON.parse((await walkDelivery(BOB, '2026-W48')).messageRef!)).toEqual({ conv: bob.chat, id: prompt.id });
  });

  it('a 429 keeps the delivery until Retry-After has passed, then it goes out', async () => {
    h.connector.failNext(1, 429, { retryAfter: 5, op: 'send' });
    h.core.clock.set(Date.parse('2026-12-04T20:00:00Z')); // next Friday 14:00
    await scheduler.tick(h.core.clock.now());
    const waiting = await walkDelivery(BOB, '2026-W49');
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0 }); // a rate-limit wait is not a failed send
    expect(waiting.nextAttemptAt).toBeGreaterThanOrEqual(h.core.clock.now() + 5_000);
    expect(waiting.lastError).toContain('rate_limited');
    await scheduler.drain(h.core.clock.now() + 1_000); // too early: nothing is sent
    expect((await walkDelivery(BOB, '2026-W49')).status).toBe('pending');
    h.core.clock.advance(5_000);
    await scheduler.drain(h.core.clock.now());
    expect((await walkDelivery(BOB, '2026-W49')).status).toBe('sent');
  });

  it('412, 502 and 504 are retried with backoff until Teams takes the message', async () => {
    h.connector.failNext(1, 412, { op: 'send' });
    h.connector.failNext(1, 502, { op: 'send' });
    h.connector.failNext(1, 504, { op: 'send' });
    h.core.clock.set(Date.parse('2026-12-11T20:00:00Z'));
    await scheduler.tick(h.core.clock.now());
    for (let i = 0; i < 3; i++) {
      const d = await walkDelivery(BOB, '2026-W50');
      expect(d).toMatchObject({ status: 'pending', attempts: i + 1 });
      expect(d.lastError).toContain('transient');
      h.core.clock.set(d.nextAttemptAt);
      await scheduler.drain(h.core.clock.now());
    }
    expect((await walkDelivery(BOB, '2026-W50')).status).toBe('sent');
  });

  it('once Cy installs the app, the mark goes and the next prompt reaches Cy', async () => {
    await h.post(personalInstall({ serviceUrl: h.connector.url, user: cy }));
    expect((await h.core.store.people.get(ORG, CY))?.unreachableReason).toBeNull();
    h.core.clock.set(Date.parse('2026-12-18T20:00:00Z'));
    await scheduler.tick(h.core.clock.now());
    expect((await walkDelivery(CY, '2026-W51')).status).toBe('sent');
    expect(cardText(cardOf(h.connector.messagesIn(cy.chat).at(-1)!.activity))).toContain('walk the floor');
  });

  it('a 403 from Teams (the app was blocked) marks the person unreachable instead of retrying', async () => {
    h.connector.failNext(1, 403, { op: 'send', code: 'ConversationBlockedByUser' });
    h.core.clock.set(Date.parse('2027-01-08T20:00:00Z'));
    await scheduler.tick(h.core.clock.now());
    const failed = [await walkDelivery(BOB, '2027-W01'), await walkDelivery(CY, '2027-W01')].filter((d) => d.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.lastError).toContain('ConversationBlockedByUser');
    expect((await h.core.store.people.get(ORG, failed[0]!.personId!))?.unreachableReason).toContain('403');
  });

  it('a leader in a team with Clause5 who never opened the chat gets one opened for the prompt', async () => {
    h.connector.addMember(TEAM.id, { id: dee.id, name: 'Dee Ray', aadObjectId: dee.aadObjectId });
    await h.post(teamMembersAdded({ serviceUrl: h.connector.url, by: ana, members: [{ id: BOT_ID }] }));
    // Typed as an id (e.g. pasted from a roster): Clause5 asks the team who this is.
    await say(ana, `admin role @${DEE} leader`);
    expect(await h.core.store.people.get(ORG, DEE)).toMatchObject({ displayName: 'Dee Ray', role: 'leader' });
    h.core.clock.set(Date.parse('2027-01-15T20:00:00Z'));
    await scheduler.tick(h.core.clock.now());
    expect((await walkDelivery(DEE, '2027-W02')).status).toBe('sent');
    expect(h.connector.callsOf('createConversation').at(-1)!.body.members).toEqual([{ id: dee.id, name: '' }]);
    expect((await h.teams.conversations.get(ORG, 'person', DEE))?.conversationId).toBe(`a:chat-${dee.id}`);
  });
});

describe('people of another tenant', () => {
  it('are never looked up in this tenant’s teams, stored or messaged, even with a member’s object id', async () => {
    const foreign = `teams:11111111-2222-3333-4444-555555555555:${dee.aadObjectId}`;
    const calls = h.connector.calls.length;
    expect(await h.teams.chat.lookupPerson(ORG, foreign)).toBeUndefined();
    await expect(h.teams.chat.sendDirect(ORG, foreign, { summary: 'x', blocks: [] })).rejects.toMatchObject({ code: 'unreachable' });
    expect(h.connector.calls.length).toBe(calls);
    expect(await h.teams.conversations.get(ORG, 'person', foreign)).toBeUndefined();
  });
});

describe('posting to a channel', () => {
  it('finds a channel by name when exactly one is called that, and refuses an unknown name without calling Teams', async () => {
    await h.post(teamMembersAdded({ serviceUrl: h.connector.url, by: ana, members: [{ id: BOT_ID }] }));
    // The Wins channel exists in Teams; the test stores its row directly instead of replaying its creation.
    h.connector.addConversation(TEAM.channel.id);
    await h.teams.conversations.save({
      ...(await h.teams.conversations.get(ORG, 'channel', TEAM.id))!,
      subject: TEAM.channel.id,
      conversationId: TEAM.channel.id,
      name: 'Wins',
    });
    const ref = await h.teams.chat.postToChannel(ORG, '#wins', { summary: 'hello', blocks: [{ type: 'text', text: ['hello'] }] });
    expect(JSON.parse(ref).conv).toBe(TEAM.channel.id);
    const calls = h.connector.calls.length;
    await expect(h.teams.chat.postToChannel(ORG, '#nowhere', { summary: 'x', blocks: [] })).rejects.toMatchObject({ code: 'not_found' });
    expect(h.connector.calls.length).toBe(calls);
  });
});
