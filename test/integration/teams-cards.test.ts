// Teams end to end, card side: prompts delivered by a scheduler pass through the fake connector,
// Action.Execute invokes answered with the replacement card (then persisted with an update), a
// second tap that changes nothing, the floor-walk form with validation errors shown on the card,
// and the invoke time budget.
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
  const res = await h.post(personalMessage({ serviceUrl: h.connector.url, user, text, entities }));
  expect(res.status).toBe(200);
}

/** Taps an Action.Execute button of a message the bot sent, as Teams would. */
async function tap(user: ReturnType<typeof teamsUser>, messageId: string, title: string, inputs: Record<string, string> = {}) {
  const stored = h.connector.activities.get(messageId)!;
  const action = cardActions(cardOf(stored.activity)).find((a) => a.title === title);
  expect(action, `button “${title}”`).toBeDefined();
  return h.post(invokeAction({ serviceUrl: h.connector.url, user, replyToId: messageId, verb: action!.verb, data: { ...action!.data, ...inputs } }));
}

function lastMessage(conversation: string) {
  return h.connector.messagesIn(conversation).at(-1)!;
}

beforeAll(async () => {
  h = await startTeamsHarness({ startIso: '2026-11-23T15:00:00Z' }); // Monday 09:00 in Chicago
  scheduler = createScheduler({ deps: h.core.deps, modules: coreModules, log: h.log });
  await h.post(personalInstall({ serviceUrl: h.connector.url, user: ana }));
  await h.post(personalInstall({ serviceUrl: h.connector.url, user: bob }));
  await say(ana, 'help'); // Ana is the first person: admin
  await say(bob, 'me');
  await say(ana, 'admin role <at>Bob</at> leader', [mention(bob, true)]);
  await say(ana, 'meeting add "Line 3 daily" weekdays 07:30 <at>Bob</at>', [mention(bob, true)]);
  await scheduler.tick(h.core.clock.now());
});
afterAll(async () => h?.close());

describe('a meeting check through the scheduler, answered from the card', () => {
  let checkId: string;

  it('a scheduler pass delivers the check into Bob’s personal chat as a card with Action.Execute buttons', async () => {
    h.core.clock.set(Date.parse('2026-11-24T15:00:00Z')); // Tuesday 09:00 in Chicago, after the 07:30 meeting
    const before = h.connector.messagesIn(bob.chat).length;
    await scheduler.tick(h.core.clock.now());
    const sent = h.connector.messagesIn(bob.chat).slice(before);
    const check = sent.find((m) => cardActions(cardOf(m.activity)).some((a) => a.verb === 'meeting.answer'));
    expect(check, 'the after-meeting check').toBeDefined();
    expect(validateCard(cardOf(check!.activity))).toEqual([]);
    expect(cardActions(cardOf(check!.activity)).map((a) => a.title)).toEqual(expect.arrayContaining(['Yes', 'No']));
    checkId = check!.id;
  });

  it('tapping Yes records the answer, answers the invoke with the replacement card and persists it', async () => {
    const res = await tap(bob, checkId, 'Yes');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(validateCard(res.body.value)).toEqual([]);
    expect(cardActions(res.body.value).filter((a) => a.verb === 'meeting.answer')).toEqual([]);

    const [meeting] = await h.core.store.meetings.list(ORG, BOB);
    const [occurrence] = await h.core.store.meetings.recentOccurrences(ORG, BOB);
    expect(occurrence).toMatchObject({ meetingId: meeting!.id, answer: 'yes', answeredBy: BOB });

    const stored = h.connector.activities.get(checkId)!;
    expect(stored.history).toHaveLength(1); // replaced once, by a PUT after the invoke answer
    expect(h.connector.callsOf('update').at(-1)).toMatchObject({ conversationId: bob.chat, activityId: checkId });
    expect(cardActions(cardOf(stored.activity)).filter((a) => a.verb === 'meeting.answer')).toEqual([]);
  });

  it('a second tap on the old card changes nothing', async () => {
    const [before] = await h.core.store.meetings.recentOccurrences(ORG, BOB);
    const old = h.connector.activities.get(checkId)!.history[0];
    const action = cardActions(cardOf(old)).find((a) => a.title === 'No')!;
    h.core.clock.advance(60_000);
    const res = await h.post(invokeAction({ serviceUrl: h.connector.url, user: bob, replyToId: checkId, verb: action.verb, data: action.data }));
    expect(res.status).toBe(200);
    const [after] = await h.core.store.meetings.recentOccurrences(ORG, BOB);
    expect(after).toEqual(before);
    expect(after!.answer).toBe('yes');
  });
});

describe('the floor-walk form card', () => {
  let formId: string;
  let promptId: string;

  it('opens from the weekly prompt’s Log it button as a new card (the prompt stays until a walk is saved)', async () => {
    h.core.clock.set(Date.parse('2026-11-27T20:05:00Z')); // Friday 14:05 in Chicago
    const before = h.connector.messagesIn(bob.chat).length;
    await scheduler.tick(h.core.clock.now());
    const prompt = h.connector
      .messagesIn(bob.chat)
      .slice(before)
      .find((m) => cardText(cardOf(m.activity)).includes('walk the floor'));
    expect(prompt, 'the weekly floor-walk prompt').toBeDefined();
    promptId = prompt!.id;
    const res = await tap(bob, prompt!.id, 'Log it');
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    const form = lastMessage(bob.chat);
    expect(cardActions(cardOf(form.activity))).toMatchObject([{ verb: 'floorwalk.log', title: 'Save walk' }]);
    formId = form.id;
  });

  it('a submission with errors comes back as the same form with each error under its field, values kept', async () => {
    const res = await tap(bob, formId, 'Save walk', { f_area: '', f_date: '2026-12-25', f_concerns: 'Guard on press 4 loose' });
    expect(res.status).toBe(200);
    const card = res.body.value;
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('Say which area you walked');
    expect(text).toContain("can't be in the future");
    expect(JSON.stringify(card)).toContain('"value":"Guard on press 4 loose"');
    expect(await h.core.store.walks.list(ORG, BOB, '2026-W40', '2026-W53')).toEqual([]);
  });

  it('a valid submission records the walk with its follow-up, and the form card becomes the summary', async () => {
    const res = await tap(bob, formId, 'Save walk', {
      f_area: 'Line 3 assembly',
      f_date: '2026-11-27',
      f_concerns: 'Guard on press 4 loose',
      f_followup1: 'Replace the guard',
      f_followup1Owner: bob.aadObjectId, // the people picker answers with the Entra object id
      f_followup1Due: '2026-12-04',
      f_tags: 'safety,5S',
    });
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const walks = await h.core.store.walks.list(ORG, BOB, '2026-W40', '2026-W53');
    expect(walks).toMatchObject([{ area: 'Line 3 assembly', walkDate: '2026-11-27', tags: ['safety', '5S'] }]);
    const followUps = await h.core.store.followUps.listOpenFor(ORG, BOB);
    expect(followUps).toMatchObject([{ text: 'Replace the guard', dueDate: '2026-12-04', ownerId: BOB }]);
    // The form was replaced, so it cannot be submitted again from this card…
    expect(cardActions(cardOf(h.connector.activities.get(formId)!.activity))).toEqual([]);
    // …and the core retired the week's prompt card through the platform's updateMessage.
    const prompt = h.connector.activities.get(promptId)!;
    expect(prompt.history).toHaveLength(1);
    expect(cardActions(cardOf(prompt.activity))).toEqual([]);
    expect(cardText(cardOf(prompt.activity))).toContain('floor walk logged');
  });
});

describe('the invoke time limit', () => {
  it('answers “working on it” when the core is slower than the budget, then updates the card', async () => {
    const slow = await startTeamsHarness({ invokeBudgetMs: 0 });
    try {
      await slow.post(personalInstall({ serviceUrl: slow.connector.url, user: ana }));
      await slow.post(personalMessage({ serviceUrl: slow.connector.url, user: ana, text: 'floorwalk' }));
      const form = slow.connector.messagesIn(ana.chat).at(-1)!;
      const action = cardActions(cardOf(form.activity))[0]!;
      const res = await slow.post(
        invokeAction({ serviceUrl: slow.connector.url, user: ana, replyToId: form.id, verb: action.verb, data: { ...action.data, f_area: '' } }),
      );
      expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('Working on it') });
      // The answer (here: the form with its error) arrives as an update of the tapped card.
      const updated = slow.connector.activities.get(form.id)!;
      expect(updated.history).toHaveLength(1);
      expect(cardText(cardOf(updated.activity))).toContain('Say which area you walked');
    } finally {
      await slow.close();
    }
  });
});
