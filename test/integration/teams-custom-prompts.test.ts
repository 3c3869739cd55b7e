// Custom leadership prompts end to end through Teams: defined by a chat message, asked by the
// scheduler as a card with Action.Execute answer buttons in the leader's personal chat, answered
// by a tap (the invoke gets the replacement card), and recorded; reminded once a day later (a tap
// on the reminder updates the first card too); "not applicable" and a week away are excused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreModules } from '../../src/core/modules';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler';
import { startTeamsHarness, type TeamsHarness } from '../support/teams-harness';
import { TENANT, invokeAction, mention, personalInstall, personalMessage, personIdOfUser, teamsUser } from '../support/teams-activities';
import { cardActions, cardOf, cardText, validateCard } from '../support/teams-cards';

const ORG = `teams:${TENANT}`;
const ana = teamsUser('Ana', 1);
const bob = teamsUser('Bob', 2);
const BOB = personIdOfUser(bob);

let h: TeamsHarness;
let scheduler: Scheduler;

async function say(user: ReturnType<typeof teamsUser>, text: string, entities: unknown[] = []) {
  expect((await h.post(personalMessage({ serviceUrl: h.connector.url, user, text, entities }))).status).toBe(200);
}

beforeAll(async () => {
  h = await startTeamsHarness({ startIso: '2026-12-01T15:00:00Z' });
  scheduler = createScheduler({ deps: h.core.deps, modules: coreModules, log: h.log });
  await h.post(personalInstall({ serviceUrl: h.connector.url, user: ana }));
  await h.post(personalInstall({ serviceUrl: h.connector.url, user: bob }));
  await say(ana, 'help'); // Ana is the first person: admin
  await say(bob, 'me');
  await say(ana, 'admin role <at>Bob</at> leader', [mention(bob, true)]);
  await scheduler.tick(h.core.clock.now());
});
afterAll(async () => h?.close());

describe('a custom prompt in Teams', () => {
  it('is asked as a card on its day and answered by a tap', async () => {
    await say(ana, 'prompt add "Did you discuss the quality policy with your team?" monthly first thursday 09:00 for <at>Bob</at> clause 5.2', [
      mention(bob, true),
    ]);
    expect(await h.core.store.customPrompts.list(ORG)).toHaveLength(1);
    h.core.clock.set(Date.parse('2026-12-03T15:00:00Z')); // the first Thursday, 09:00 in Chicago
    const before = h.connector.messagesIn(bob.chat).length;
    await scheduler.tick(h.core.clock.now());
    const asked = h.connector
      .messagesIn(bob.chat)
      .slice(before)
      .find((m) => cardActions(cardOf(m.activity)).some((a) => a.verb === 'prompt.answer'));
    expect(asked, 'the custom question').toBeDefined();
    const card = cardOf(asked!.activity);
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Did you discuss the quality policy with your team?');
    const yes = cardActions(card).find((a) => a.title === 'Yes')!;
    const res = await h.post(invokeAction({ serviceUrl: h.connector.url, user: bob, replyToId: asked!.id, verb: yes.verb, data: yes.data }));
    expect(res.status).toBe(200);
    expect(cardActions(res.body.value).filter((a) => a.verb === 'prompt.answer')).toEqual([]);
    expect(await h.core.store.customPrompts.answers(ORG, 1)).toEqual([
      expect.objectContaining({ personId: BOB, answer: 'yes', outcome: 'done', periodKey: '2026-12' }),
    ]);
  });

  it('reminds a day later; "not applicable" on the reminder updates both cards and is excused; a week away is not asked', async () => {
    await say(
      ana,
      'prompt add "Roles and responsibilities reviewed with the team?" weekly mon 09:00 for <at>Bob</at> answers yes,no,"not applicable" clause 5.3',
      [mention(bob, true)],
    );
    const promptCards = () => h.connector.messagesIn(bob.chat).filter((m) => cardText(cardOf(m.activity)).includes('Roles and responsibilities'));
    const tickAt = async (iso: string) => {
      h.core.clock.set(Date.parse(iso));
      await scheduler.tick(h.core.clock.now());
    };
    await tickAt('2026-12-07T15:00:00Z'); // Monday 09:00 in Chicago
    expect(promptCards()).toHaveLength(1);
    await tickAt('2026-12-08T15:00:00Z');
    expect(promptCards()).toHaveLength(2);
    const [asked, reminder] = promptCards();
    expect(cardText(cardOf(reminder!.activity))).toContain('Reminder');
    const na = cardActions(cardOf(reminder!.activity)).find((a) => a.title === 'Not applicable')!;
    const res = await h.post(invokeAction({ serviceUrl: h.connector.url, user: bob, replyToId: reminder!.id, verb: na.verb, data: na.data }));
    expect(res.status).toBe(200);
    expect(h.connector.callsOf('update').map((c) => c.activityId)).toContain(asked!.id);
    expect(cardActions(cardOf(h.connector.messagesIn(bob.chat).find((m) => m.id === asked!.id)!.activity)).filter((a) => a.verb === 'prompt.answer')).toEqual(
      [],
    );
    expect(await h.core.store.customPrompts.answers(ORG, 2)).toEqual([expect.objectContaining({ answer: 'not applicable', outcome: 'excused' })]);

    await say(bob, 'away 2026-12-14 2026-12-18 holiday'); // the whole work week
    await tickAt('2026-12-14T15:00:00Z');
    await tickAt('2026-12-21T15:00:00Z');
    const weeks = (await h.core.store.customPrompts.questions(ORG, 2)).map((q) => q.periodKey);
    expect(weeks).toEqual(['2026-W52', '2026-W50']); // week 51 never asked: nothing owed
  });
});
