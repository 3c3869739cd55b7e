// Teams sends an activity again, with the same id, when it saw no answer within 15 s. On one
// instance (SQLite) as on several (pg-two-serves-teams.test.ts): a repeated message, tap or welcome
// has one effect, and the repeated tap is answered without being recorded again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreModules } from '../../src/core/modules';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler';
import { startTeamsHarness, type TeamsHarness } from '../support/teams-harness';
import { invokeAction, mention, personalConversationUpdate, personalInstall, personalMessage, teamsUser } from '../support/teams-activities';
import { cardActions, cardOf, cardText } from '../support/teams-cards';

const ana = teamsUser('Ana', 1);
const bob = teamsUser('Bob', 2);

let h: TeamsHarness;
let scheduler: Scheduler;

const say = (user: typeof ana, text: string, entities: unknown[] = []) => personalMessage({ serviceUrl: h.connector.url, user, text, entities });
const cardsWith = (conversation: string, words: string) => h.connector.messagesIn(conversation).filter((m) => cardText(cardOf(m.activity)).includes(words));
const count = (sql: string, ...params: unknown[]) => (h.core.store.database.sqlite.prepare(sql).get(...params) as { n: number }).n;

beforeAll(async () => {
  h = await startTeamsHarness({ startIso: '2026-11-23T15:00:00Z' });
  scheduler = createScheduler({ deps: h.core.deps, modules: coreModules, log: h.log, concurrency: 1 });
  await h.post(personalInstall({ serviceUrl: h.connector.url, user: ana }));
  await h.post(personalInstall({ serviceUrl: h.connector.url, user: bob }));
  await h.post(say(ana, 'help')); // Ana, the first person, is the admin
});
afterAll(async () => h?.close());

describe('an activity Teams delivers twice', () => {
  it('a repeated message is acted on once', async () => {
    const message = say(ana, 'followup add <at>Bob</at> 2026-12-04 Fix the guard', [mention(bob, true)]);
    expect((await h.post(message)).status).toBe(200);
    expect((await h.post(message)).status).toBe(200);
    expect(cardsWith(ana.chat, 'Fix the guard')).toHaveLength(1);
    expect(count(`SELECT count(*) AS n FROM follow_ups WHERE text = ?`, 'Fix the guard')).toBe(1);
  });

  it('a repeated tap is answered "working on it" and recorded once', async () => {
    await scheduler.tick(h.core.clock.now()); // sends Bob the follow-up card
    const [sent] = cardsWith(bob.chat, 'Fix the guard');
    const done = cardActions(cardOf(sent!.activity)).find((a) => a.title === 'Done')!;
    const tap = invokeAction({ serviceUrl: h.connector.url, user: bob, replyToId: sent!.id, verb: done.verb, data: done.data });
    const first = await h.post(tap);
    expect(cardActions(first.body.value).map((a) => a.title)).not.toContain('Done');
    const again = await h.post(tap);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('Working on it') });
    expect(h.connector.callsOf('update').filter((c) => c.activityId === sent!.id)).toHaveLength(1);
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE entity = 'follow_up' AND action = 'update'`)).toBe(1);
  });

  it('a repeated welcome (conversationUpdate) is sent once', async () => {
    const cy = teamsUser('Cy', 3);
    const added = personalConversationUpdate({ serviceUrl: h.connector.url, user: cy });
    expect((await h.post(added)).status).toBe(200);
    expect((await h.post(added)).status).toBe(200);
    expect(cardsWith(cy.chat, 'I’m Clause5')).toHaveLength(1);
  });

  it('two taps of one card are two activities: the second is answered by the core, not dropped', async () => {
    const [sent] = cardsWith(bob.chat, 'Fix the guard');
    const done = cardActions(cardOf(sent!.history[0] ?? sent!.activity)).find((a) => a.title === 'Done')!;
    const tap = invokeAction({ serviceUrl: h.connector.url, user: bob, replyToId: sent!.id, verb: done.verb, data: done.data });
    const res = await h.post(tap);
    expect(JSON.stringify(res.body)).toContain('already closed');
  });
});
