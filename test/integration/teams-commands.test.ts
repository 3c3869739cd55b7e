// Teams end to end: realistic activities posted to the real /api/messages, the real core on a temp
// SQLite file, answers going to the fake Bot Connector. Installs save conversation references,
// personal-chat commands run each capability, mentions become people, channel mentions become
// channels, and the cards Teams receives are ones it can render.
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/scheduler/scheduler';
import { coreModules } from '../../src/core/modules';
import { startTeamsHarness, type TeamsHarness } from '../support/teams-harness';
import {
  BOT_ID,
  TEAM,
  TENANT,
  channelCreated,
  channelMessage,
  mention,
  personalConversationUpdate,
  personalInstall,
  personalMessage,
  personIdOfUser,
  teamMembersAdded,
  teamsUser,
} from '../support/teams-activities';
import { cardActions, cardOf, cardText, validateCard } from '../support/teams-cards';

const ORG = `teams:${TENANT}`;
const ana = teamsUser('Ana', 1); // installs first: the organisation's admin
const bob = teamsUser('Bob', 2); // a leader, first seen in a team
const ANA = personIdOfUser(ana);
const BOB = personIdOfUser(bob);

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness({ startIso: '2026-11-23T15:00:00Z' }); // Monday 09:00 in Chicago
  h.connector.addMember(TEAM.id, { id: bob.id, name: bob.name, aadObjectId: bob.aadObjectId });
  h.connector.addMember(TEAM.id, { id: ana.id, name: ana.name, aadObjectId: ana.aadObjectId });
});
afterAll(async () => h?.close());

/** Sends a personal-chat message; returns the cards that came back into that chat. */
async function say(user: ReturnType<typeof teamsUser>, text: string, entities: unknown[] = []) {
  const before = h.connector.messagesIn(user.chat).length;
  const res = await h.post(personalMessage({ serviceUrl: h.connector.url, user, text, entities }));
  expect(res.status).toBe(200);
  const cards = h.connector
    .messagesIn(user.chat)
    .slice(before)
    .map((m) => cardOf(m.activity));
  for (const card of cards) expect(validateCard(card)).toEqual([]);
  return { cards, text: cards.map(cardText).join('\n') };
}

describe('installing Clause5', () => {
  it('in personal scope saves the 1:1 chat and welcomes the person once', async () => {
    expect((await h.post(personalInstall({ serviceUrl: h.connector.url, user: ana }))).status).toBe(200);
    expect((await h.post(personalConversationUpdate({ serviceUrl: h.connector.url, user: ana }))).status).toBe(200);
    const row = await h.teams.conversations.get(ORG, 'person', ANA);
    expect(row).toMatchObject({ conversationId: ana.chat, serviceUrl: h.connector.url, botId: BOT_ID, tenantId: TENANT, userId: ana.id });
    const welcome = h.connector.messagesIn(ana.chat);
    expect(welcome).toHaveLength(1);
    expect(cardText(cardOf(welcome[0]!.activity))).toContain('Type \nhelp');
  });

  it('in a team saves the team’s channel; new channels and new members are remembered', async () => {
    await h.post(teamMembersAdded({ serviceUrl: h.connector.url, by: ana, members: [{ id: BOT_ID }] }));
    expect(await h.teams.conversations.get(ORG, 'channel', TEAM.id)).toMatchObject({ conversationId: TEAM.id, teamId: TEAM.id });
    await h.post(channelCreated({ serviceUrl: h.connector.url, by: ana }));
    expect(await h.teams.conversations.get(ORG, 'channel', TEAM.channel.id)).toMatchObject({ name: 'Wins', teamId: TEAM.id });
    // Teams names only the new member's Teams id; the Entra object id comes from the roster.
    await h.post(teamMembersAdded({ serviceUrl: h.connector.url, by: ana, members: [{ id: bob.id }] }));
    expect(h.connector.callsOf('getMember').at(-1)).toMatchObject({ conversationId: TEAM.id });
    expect(await h.teams.conversations.get(ORG, 'person', BOB)).toMatchObject({ userId: bob.id, name: 'Bob', conversationId: null });
  });
});

describe('personal chat commands', () => {
  it('help works with and without /clause5, and the first person becomes admin', async () => {
    const plain = await say(ana, 'help');
    expect(plain.text).toContain('/clause5 meeting add');
    const prefixed = await say(ana, '/clause5 help');
    expect(prefixed.text).toBe(plain.text);
    expect(await h.core.store.people.get(ORG, ANA)).toMatchObject({ displayName: 'Ana', role: 'admin', timeZone: 'America/Chicago' });
  });

  it('admin commands take @mentions as people and a channel mention as the wins channel', async () => {
    const site = await say(ana, 'admin site add "Plant 1" America/Chicago <at>Wins</at>', [
      { type: 'mention', text: '<at>Wins</at>', mentioned: { id: TEAM.channel.id, name: 'Wins' } },
    ]);
    expect(site.text).toContain('Plant 1');
    expect((await h.core.store.sites.findByName(ORG, 'Plant 1'))?.winsChannel).toBe(TEAM.channel.id);

    const role = await say(ana, 'admin role <at>Bob</at> leader', [mention(bob)]);
    expect(role.text).toContain('leader');
    expect(await h.core.store.people.get(ORG, BOB)).toMatchObject({ displayName: 'Bob', role: 'leader' });
    await say(ana, 'admin person <at>Bob</at> site "Plant 1"', [mention(bob)]);
    await say(ana, 'admin person <at>Ana</at> site "Plant 1"', [mention(ana, true)]);
    expect((await h.core.store.people.get(ORG, BOB))?.siteId).toBe((await h.core.store.sites.findByName(ORG, 'Plant 1'))?.id);
  });

  it('meeting add / list: the meeting is stored for the mentioned leader', async () => {
    const added = await say(ana, 'meeting add "Line 3 daily" weekdays 07:30 <at>Bob</at>', [mention(bob)]);
    expect(added.text).toContain('Line 3 daily');
    const meetings = await h.core.store.meetings.list(ORG, BOB);
    expect(meetings).toMatchObject([{ title: 'Line 3 daily', time: '07:30' }]);
    expect((await say(ana, 'meeting list all')).text).toContain('Line 3 daily');
  });

  it('away: the away period is stored', async () => {
    const away = await say(ana, 'away 2026-12-24 2026-12-31 holidays');
    expect(away.text).toContain('2026-12-24');
    expect(await h.core.store.away.list(ORG, ANA)).toMatchObject([{ fromDate: '2026-12-24', toDate: '2026-12-31' }]);
  });

  it('floorwalk opens the floor-walk form as a card Teams can render', async () => {
    const { cards } = await say(ana, 'floorwalk');
    expect(cards).toHaveLength(1);
    const ids = JSON.stringify(cards[0]);
    for (const field of ['f_area', 'f_date', 'f_wentWell', 'f_concerns', 'f_followup1', 'f_followup1Owner', 'f_followup1Due', 'f_tags']) {
      expect(ids).toContain(`"id":"${field}"`);
    }
    expect(cardActions(cards[0])).toMatchObject([{ verb: 'floorwalk.log', title: 'Save walk' }]);
  });

  it('win: stored with the mentioned person, celebrated in the site’s channel with a real mention', async () => {
    const before = h.connector.messagesIn(TEAM.channel.id).length;
    const reply = await say(ana, 'win <at>Bob</at> cut scrap on line 3 by 12 % #cost', [mention(bob)]);
    expect(reply.text).toBe('🎉 Thanks for recognising this win! I’m celebrating it in \n#Wins\n.');
    const wins = await h.core.store.wins.between(ORG, 0, Date.parse('2027-01-01'));
    expect(wins).toHaveLength(1);
    expect(wins[0]).toMatchObject({ text: 'cut scrap on line 3 by 12 %', tags: ['cost'], people: [BOB], postedBy: ANA });

    const scheduler = createScheduler({ deps: h.core.deps, modules: coreModules, log: h.log });
    await scheduler.drain(h.core.clock.now());
    const posted = h.connector.messagesIn(TEAM.channel.id).slice(before);
    expect(posted).toHaveLength(1);
    const card = cardOf(posted[0]!.activity);
    expect(validateCard(card)).toEqual([]);
    // Bob is credited, Ana recognised it: both are real Teams mentions by Entra object id.
    expect(card.msteams.entities).toContainEqual({ type: 'mention', text: '<at>Bob</at>', mentioned: { id: bob.aadObjectId, name: 'Bob' } });
    expect(card.msteams.entities).toContainEqual({ type: 'mention', text: '<at>Ana</at>', mentioned: { id: ana.aadObjectId, name: 'Ana' } });
    expect(JSON.stringify(card.body)).toContain('<at>Bob</at>');
    // The notification preview names people; it never shows Clause5's internal ids.
    const preview = String((posted[0]!.activity as { summary?: unknown }).summary);
    expect(preview).toBe('A team win worth celebrating');
    expect((await h.core.store.deliveries.getByKey(`win_post:${wins[0]!.id}`))?.status).toBe('sent');
  });

  it('scorecard answers in the personal chat, nowhere else', async () => {
    const channelBefore = h.connector.messagesIn(TEAM.channel.id).length + h.connector.messagesIn(TEAM.id).length;
    const card = await say(ana, 'scorecard all week');
    expect(card.text).toMatch(/Bob/);
    const csv = await say(ana, 'scorecard all week csv');
    // Bots cannot attach files to a Teams chat without a consent flow: the CSV is on the card, behind a toggle.
    expect(csv.text).toContain('[Show the CSV]');
    expect(csv.text).toMatch(/clause5-scorecard-[\d-]+_[\d-]+\.csv/);
    expect(csv.text).toMatch(/Bob/);
    expect(h.connector.messagesIn(TEAM.channel.id).length + h.connector.messagesIn(TEAM.id).length).toBe(channelBefore);
  });

  it('scorecard … chart puts the PNG in the card as a data: URL (validated by the fake connector)', async () => {
    const { cards } = await say(ana, 'scorecard all month chart trend');
    const images = JSON.stringify(cards).match(/"url":"data:image\/png;base64,([A-Za-z0-9+/=]+)"/);
    expect(images).not.toBeNull();
    const png = PNG.sync.read(Buffer.from(images![1]!, 'base64'));
    expect(png.width).toBeGreaterThanOrEqual(800);
  });

  it('followups and wins answer from the store', async () => {
    // Ana owns and raised none (Bob's walk comes later): the answer says so, rather than listing others'.
    expect((await say(ana, 'followups')).text).toBe('Your open follow-ups (owned or raised by you): none. \nNothing open.');
    expect((await say(ana, 'wins week')).text).toContain('cut scrap on line 3');
  });

  it('an unknown command gets a specific, friendly answer', async () => {
    const { text } = await say(ana, 'fly me to the moon');
    expect(text).toContain("I don't know the command");
    expect(text).toContain('fly');
  });
});

describe('in a team channel', () => {
  it('an @mention is answered in the person’s personal chat, never in the channel', async () => {
    const chat = h.connector.messagesIn(ana.chat).length;
    const channelBefore = h.connector.calls.filter((c) => c.conversationId?.startsWith(TEAM.id)).length;
    const res = await h.post(channelMessage({ serviceUrl: h.connector.url, user: ana, text: 'wins week' }));
    expect(res.status).toBe(200);
    const answers = h.connector.messagesIn(ana.chat).slice(chat);
    expect(answers).toHaveLength(1);
    expect(cardText(cardOf(answers[0]!.activity))).toContain('cut scrap on line 3');
    expect(h.connector.calls.filter((c) => c.conversationId?.startsWith(TEAM.id)).length).toBe(channelBefore);
  });

  it('someone without a personal chat gets one opened through the team', async () => {
    const res = await h.post(channelMessage({ serviceUrl: h.connector.url, user: bob, text: 'me' }));
    expect(res.status).toBe(200);
    const created = h.connector.callsOf('createConversation').at(-1)!;
    expect(created.body).toMatchObject({ isGroup: false, members: [{ id: bob.id }], tenantId: TENANT });
    const chat = (await h.teams.conversations.get(ORG, 'person', BOB))!.conversationId!;
    expect(chat).toBe(`a:chat-${bob.id}`);
    expect(h.connector.messagesIn(chat)).toHaveLength(1);
  });
});

/** Texts Teams renders as markdown: TextBlocks and facts. */
function markdownTexts(card: any): string[] {
  const out: string[] = [];
  const visit = (e: any) => {
    if (!e || typeof e !== 'object') return;
    if (e.type === 'TextBlock') out.push(e.text);
    if (e.type === 'FactSet') for (const f of e.facts) out.push(f.title, f.value);
    for (const c of [...(e.items ?? []), ...(e.columns ?? [])]) visit(c);
  };
  card.body.forEach(visit);
  return out;
}

describe('user text on cards', () => {
  it('renders markdown links, ${…} and {{DATE(…)}} literally', async () => {
    const sneaky = 'fixed [the press](https://evil.example) ${secret} {{DATE(2026-01-01T00:00:00Z, SHORT)}} **now**';
    await say(ana, `win <at>Bob</at> ${sneaky}`, [mention(bob)]);
    const scheduler = createScheduler({ deps: h.core.deps, modules: coreModules, log: h.log });
    await scheduler.drain(h.core.clock.now());
    const posted = h.connector.messagesIn(TEAM.channel.id).at(-1)!;
    const card = cardOf(posted.activity);
    const json = JSON.stringify(card);
    expect(json).not.toContain('{{DATE(');
    expect(json).not.toContain('${secret}');
    // Markdown is parsed only in TextBlocks and facts; there the user's text must be escaped.
    expect(markdownTexts(card).join('\n')).not.toMatch(/[^\\]\]\(https|[^\\]\*\*now/);
    // The words are all still there for the reader.
    expect(cardText(card).replace(/[\\\u2060]/g, '')).toContain(sneaky);
  });
});

describe('scorecards are for managers beyond your own', () => {
  // After 'in a team channel': Bob's personal chat is opened there, through the team.
  it('refuses a leader the scorecard of their own site', async () => {
    expect(await h.core.store.people.get(ORG, BOB)).toMatchObject({ role: 'leader' });
    const { cards, text } = await say(bob, 'scorecard site "Plant 1"');
    expect(cards).toHaveLength(1);
    expect(text).toContain('Only quality managers and admins can see the scorecard for site Plant 1. Type /clause5 scorecard for your own.');
    expect(text).not.toContain('Scorecard:');
  });
});
