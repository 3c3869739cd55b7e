// "dashboard" in chat: the sign-in link arrives by direct message as a link button (Slack button
// with url, Teams Action.OpenUrl, a printed address in local mode) and signs in once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebAuth } from '../../src/web/auth';
import { makeTestCore, type TestCore } from '../support/core';
import { startSlackHarness, workspace, type SlackHarness } from '../support/slack-harness';
import { startTeamsHarness, type TeamsHarness } from '../support/teams-harness';
import { personalInstall, personalMessage, personIdOfUser, teamsUser } from '../support/teams-activities';
import { cardOf, validateCard } from '../support/teams-cards';

const LINK = /^http:\/\/clause5\.test\/web\/signin\?t=([\w-]{43})$/;

/** The link signs its person in once; a second use gets nothing. */
async function signsInOnce(web: WebAuth, url: string, personId: string): Promise<void> {
  const token = LINK.exec(url)?.[1];
  expect(token, url).toBeDefined();
  const first = await web.signIn(token!);
  expect(first?.signedIn.person.id).toBe(personId);
  expect(await web.signIn(token!)).toBeUndefined();
}

describe('dashboard in local mode', () => {
  let tc: TestCore;
  afterEach(() => tc?.cleanup());

  it('sends the leader a link button by DM and refuses a member', async () => {
    tc = makeTestCore('2026-11-23T15:00:00Z', { web: true });
    const admin = await tc.bot.handleCommand(tc.as('local:ada'), 'help'); // the first person is the admin
    expect(JSON.stringify(admin)).toContain('dashboard');
    await tc.bot.handleCommand(tc.as('local:maria'), 'help');
    await tc.bot.handleCommand(tc.as('local:bob'), 'help');
    const role = await tc.bot.handleCommand(tc.as('local:ada'), 'admin role @maria leader');
    expect(role.message?.summary).toContain('is now leader');
    const reply = await tc.bot.handleCommand(tc.as('local:maria'), 'dashboard');
    expect(reply.message?.summary).toBe('I have sent you a sign-in link by direct message.');
    const dm = tc.local.inbox('local:maria').at(-1)!;
    const button = dm.message.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))[0]!;
    await signsInOnce(tc.web!, button.url!, 'local:maria');

    const refused = await tc.bot.handleCommand(tc.as('local:bob'), 'dashboard');
    expect(refused.message?.summary).toBe('The web page is for leaders, quality managers and admins. Ask an admin if you need one of those roles.');
    expect(tc.local.inbox('local:bob')).toHaveLength(0);
  });
});

describe('dashboard in Slack', () => {
  const acme = workspace('T0ACME', 'Acme', [{ id: 'U0ADA', name: 'Ada Admin', tz: 'America/Chicago' }]);
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ workspace: acme, web: true });
  });
  afterAll(async () => h?.close());

  it('DMs a Block Kit link button Slack accepts, which signs in once', async () => {
    expect((await h.requests.command(acme, 'U0ADA', 'dashboard')).status).toBe(200);
    await h.settle();
    const dm = h.fake.posted('U0ADA').at(-1)!;
    const button = (dm.args.blocks as any[]).flatMap((b) => b.elements ?? []).find((e: any) => e.type === 'button');
    expect(button.text.text).toBe('Open the web page');
    await signsInOnce(h.tc.web!, button.url, 'slack:T0ACME:U0ADA');
  });
});

describe('dashboard in Teams', () => {
  const ana = teamsUser('Ana', 1);
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ web: true });
  });
  afterAll(async () => h?.close());

  it('sends an Action.OpenUrl card to the personal chat, which signs in once', async () => {
    await h.post(personalInstall({ serviceUrl: h.connector.url, user: ana }));
    const before = h.connector.messagesIn(ana.chat).length;
    expect((await h.post(personalMessage({ serviceUrl: h.connector.url, user: ana, text: 'dashboard' }))).status).toBe(200);
    const cards = h.connector
      .messagesIn(ana.chat)
      .slice(before)
      .map((m) => cardOf(m.activity));
    for (const card of cards) expect(validateCard(card)).toEqual([]);
    const open = JSON.stringify(cards).match(/"type":"Action.OpenUrl","title":"Open the web page","url":"([^"]+)"/);
    expect(open, JSON.stringify(cards)).not.toBeNull();
    await signsInOnce(h.core.web!, open![1]!, personIdOfUser(ana));
  });
});
