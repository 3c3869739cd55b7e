// Custom leadership prompts end to end through Teams: defined by a chat message, asked by the
// scheduler as a card with Action.Execute answer buttons in the leader's personal chat, answered
// by a tap (the invoke gets the replacement card), and recorded.
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
});
