// Issue 10 items 7 and 8 end to end through Slack: following the README (admin site add … #wins,
// then /clause5 win …) celebrates the win in #wins; a typo such as "win remove 7" is asked about
// first (ephemeral Post / Cancel), and only Post puts it in the channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackHarness, workspace, type SlackHarness } from '../support/slack-harness';

const acme = workspace(
  'T0ACME',
  'Acme',
  [
    { id: 'U0ADA', name: 'Ada Admin', tz: 'America/Chicago' },
    { id: 'U0KIM', name: 'Kim Novak', tz: 'America/Chicago' },
  ],
  ['C0WINS'],
);
const ORG = 'slack:T0ACME';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ workspace: acme, start: '2026-11-23T15:00:00Z' });
});
afterAll(async () => h?.close());

/** The last ephemeral reply (through the response_url) and its buttons. */
function lastResponse() {
  const r = h.fake.responses.at(-1)!;
  expect(r.outcome).toBe('ok');
  const blocks = (r.body.blocks ?? []) as any[];
  const buttons = blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
  return { body: r.body, text: JSON.stringify(r.body), buttons };
}

function press(user: string, button: any, blocks: any[]) {
  return h.requests.interaction({
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: acme.teamId },
    api_app_id: 'A0CLAUSE5',
    container: { type: 'message', message_ts: '1.000001', channel_id: 'C0GENERAL', is_ephemeral: true },
    trigger_id: h.fake.trigger(acme.teamId),
    team: { id: acme.teamId, domain: 'acme' },
    channel: { id: 'C0GENERAL', name: 'general' },
    message: { type: 'message', ts: '1.000001', blocks },
    response_url: h.fake.responseUrl(acme.teamId),
    actions: [{ ...button, block_id: 'b', action_ts: `${Date.now() / 1000}` }],
  });
}

describe('the README path in Slack', () => {
  it('one site: a newcomer’s win is celebrated in the site’s #wins channel', async () => {
    await h.requests.command(acme, 'U0ADA', 'admin site add "Plant 1" America/Chicago <#C0WINS|wins>');
    await h.settle();
    await h.requests.command(acme, 'U0KIM', 'win the night shift cleared the backlog');
    await h.settle();
    expect(lastResponse().text).toContain('celebrating it in');
    expect(lastResponse().text).not.toContain('no wins channel');
    await h.scheduler.drain(h.tc.clock.now());
    expect(h.fake.posted('C0WINS')).toHaveLength(1);
  });

  it('“win remove 7” asks first; Cancel posts nothing, Post posts it', async () => {
    await h.requests.command(acme, 'U0KIM', 'win remove 7');
    await h.settle();
    const ask = lastResponse();
    expect(ask.text).toContain('Post this as a win?');
    expect(ask.buttons.map((b: any) => b.text.text)).toEqual(['Post', 'Cancel']);
    expect(await h.tc.store.wins.recent(ORG, 0)).toHaveLength(1);

    await press('U0KIM', ask.buttons[1], ask.body.blocks);
    await h.settle();
    expect(lastResponse().body.replace_original).toBe(true);
    expect(lastResponse().text).toContain('Not posted');
    expect(await h.tc.store.wins.recent(ORG, 0)).toHaveLength(1);

    await press('U0KIM', ask.buttons[0], ask.body.blocks);
    await h.settle();
    const wins = await h.tc.store.wins.recent(ORG, 0);
    expect(wins).toHaveLength(2);
    expect(wins.map((w) => w.text)).toContain('remove 7');
    await h.scheduler.drain(h.tc.clock.now());
    expect(h.fake.posted('C0WINS')).toHaveLength(2);
  });

  it('with a second site, a person without one hears “you are not in a site yet”', async () => {
    await h.requests.command(acme, 'U0ADA', 'admin site add "Plant 2" America/Denver');
    await h.settle();
    await h.tc.store.people.update(ORG, 'slack:T0ACME:U0KIM', { siteId: null }, null);
    await h.requests.command(acme, 'U0KIM', 'win the night shift cleared the backlog again');
    await h.settle();
    expect(lastResponse().text).toContain('you are not in a site yet');
  });
});
