// "/clause5 …" end to end: signed slash-command bodies in, ephemeral replies out through the
// response_url, the database changed as the command says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { liveTokens } from '../support/fake-slack-blocks';
import { startSlackHarness, workspace, type SlackHarness } from '../support/slack-harness';

const acme = workspace(
  'T0ACME',
  'Acme',
  [
    { id: 'U0MARIA', name: 'Maria Lopez', tz: 'Europe/Berlin' },
    { id: 'U0BOB', name: 'Bob Stone', tz: 'America/New_York' },
  ],
  ['C0LINE3'],
);
const ORG = 'slack:T0ACME';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ workspace: acme });
});
afterAll(async () => h?.close());

/** Runs a slash command and returns the ephemeral reply Slack received on the response_url. */
async function command(user: string, text: string) {
  const before = h.fake.responses.length;
  const res = await h.requests.command(acme, user, text);
  expect(res.status).toBe(200);
  expect(res.text).toBe(''); // acknowledged at once, the answer follows on the response_url
  await h.settle();
  const replies = h.fake.responses.slice(before);
  expect(replies).toHaveLength(1);
  expect(replies[0]!.outcome).toBe('ok'); // Slack accepted the blocks
  expect(replies[0]!.body.response_type).toBe('ephemeral');
  return { body: replies[0]!.body, text: JSON.stringify(replies[0]!.body.blocks) };
}

describe('/clause5 in Slack', () => {
  it('help lists the commands, only to the person who asked', async () => {
    const { body, text } = await command('U0MARIA', 'help');
    expect(body.text).toBe('Clause5 help');
    expect(text).toContain('/clause5 meeting add');
    expect(text).toContain('/clause5 floorwalk');
    expect(text).toContain('/clause5 win');
  });

  it('meets a new person through users.info once: their name and time zone are stored', async () => {
    await command('U0MARIA', 'help'); // the workspace's first person (the admin) whichever test runs first
    h.fake.addUser(acme.teamId, { id: 'U0NINA', name: 'Nina Park', realName: 'Nina Park', displayName: 'Nina Park', tz: 'Asia/Seoul' });
    expect(await h.tc.store.people.get(ORG, 'slack:T0ACME:U0NINA')).toBeUndefined();
    await command('U0NINA', 'help');
    await command('U0NINA', 'help');
    expect(await h.tc.store.people.get(ORG, 'slack:T0ACME:U0NINA')).toMatchObject({ displayName: 'Nina Park', timeZone: 'Asia/Seoul', role: 'member' });
    expect(await h.tc.store.people.get(ORG, 'slack:T0ACME:U0MARIA')).toMatchObject({ displayName: 'Maria Lopez', timeZone: 'Europe/Berlin', role: 'admin' });
    expect((await h.tc.store.orgs.get(ORG))?.name).toBe('Acme');
    expect(h.fake.callsTo('users.info').filter((c) => c.args.user === 'U0NINA')).toHaveLength(1);
  });

  it('adds a meeting for a mentioned leader in a mentioned channel, and lists it', async () => {
    const role = await command('U0MARIA', 'admin role <@U0BOB|bob> leader');
    expect(role.text).toContain('<@U0BOB> is now leader');
    const { text } = await command('U0MARIA', 'meeting add "Line 3 daily" weekdays 07:30 <#C0LINE3|line-3> <@U0BOB|bob>');
    expect(text).toContain('Line 3 daily');
    const bob = await h.tc.store.people.get(ORG, 'slack:T0ACME:U0BOB');
    expect(bob).toMatchObject({ displayName: 'Bob Stone', timeZone: 'America/New_York' });
    const meetings = await h.tc.store.meetings.list(ORG, 'slack:T0ACME:U0BOB');
    expect(meetings).toHaveLength(1);
    expect(meetings[0]).toMatchObject({ title: 'Line 3 daily', time: '07:30', timeZone: 'America/New_York' });
    expect(meetings[0]!.channel?.replace(/^#/, '')).toBe('C0LINE3');

    const list = await command('U0BOB', 'meeting list');
    expect(list.text).toContain('Line 3 daily');
  });

  it('answers an unknown command or bad input with a specific ephemeral message and stores nothing', async () => {
    const unknown = await command('U0MARIA', 'fly me to the moon');
    expect(unknown.text).toContain('I don');
    expect(unknown.text).toContain('fly');
    const before = (await h.tc.store.meetings.list(ORG)).length;
    const badZone = await command('U0MARIA', 'meeting add "Mars" daily 07:30 tz Mars/Base');
    expect(badZone.text).toContain('Mars/Base');
    expect((await h.tc.store.meetings.list(ORG)).length).toBe(before);
  });

  it('acknowledges before any slow Web API work (Slack’s 3 seconds)', async () => {
    h.fake.addUser(acme.teamId, { id: 'U0SLOW', name: 'Slow Sam', tz: 'Asia/Tokyo' });
    // users.info does not answer until released: the ack cannot have waited for it.
    const release = h.fake.hold('users.info');
    try {
      const before = h.fake.responses.length;
      const res = await h.requests.command(acme, 'U0SLOW', 'help');
      expect(res.status).toBe(200);
      expect(h.fake.responses.length).toBe(before);
      expect(h.fake.callsTo('users.info').some((c) => c.args.user === 'U0SLOW')).toBe(false);
      release();
      await h.settle();
      expect(h.fake.responses.length).toBe(before + 1);
      expect((await h.tc.store.people.get(ORG, 'slack:T0ACME:U0SLOW'))?.timeZone).toBe('Asia/Tokyo');
    } finally {
      release();
    }
  });

  it('keeps user text inert when it comes back in a reply', async () => {
    // What Slack sends when someone types "@channel <@U0BOB>" (literally) and a disguised link:
    // <!channel> becomes the word, the typed brackets stay text, the link keeps its real URL.
    const { body } = await command('U0MARIA', 'meeting add "<!channel> &lt;@U0BOB&gt; <https://evil.example|https://good.example>" daily 09:00');
    expect(liveTokens(body)).toEqual([]);
    const shown = JSON.stringify(body);
    expect(shown).toContain('channel &lt;@U0BOB&gt; https://evil.example');
    expect(shown).not.toContain('good.example');
  });

  it('runs commands typed in the DM with the bot and answers there', async () => {
    const dms = h.fake.posted('U0BOB').length;
    const res = await h.requests.event(acme, {
      type: 'message',
      channel_type: 'im',
      channel: 'DU0BOB',
      user: 'U0BOB',
      text: 'meeting list',
      ts: '1.1',
      team: acme.teamId,
    });
    expect(res.status).toBe(200);
    await h.settle();
    const reply = h.fake.posted('U0BOB').slice(dms);
    expect(reply).toHaveLength(1);
    expect(JSON.stringify(reply[0]!.args.blocks)).toContain('Line 3 daily');
    expect(reply[0]!.args).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });
  });

  it('ignores the bot’s own DM messages and message edits', async () => {
    const calls = h.fake.calls.length;
    await h.requests.event(acme, { type: 'message', channel_type: 'im', channel: 'DU0BOB', bot_id: acme.botId, text: 'help', ts: '1.2' });
    await h.requests.event(acme, { type: 'message', subtype: 'message_changed', channel_type: 'im', channel: 'DU0BOB', text: 'help', ts: '1.3' });
    await h.settle();
    expect(h.fake.calls.length).toBe(calls);
  });

  it('answers an @mention in a channel privately (a DM), never in the channel', async () => {
    const before = h.fake.calls.length;
    await h.requests.event(acme, { type: 'app_mention', channel: 'C0LINE3', user: 'U0BOB', text: `<@${acme.botUserId}> help`, ts: '2.1', team: acme.teamId });
    await h.settle();
    const calls = h.fake.calls.slice(before);
    expect(calls.map((c) => [c.method, c.args.channel])).toEqual([['chat.postMessage', 'U0BOB']]);
    expect(JSON.stringify(calls[0]!.args.blocks)).toContain('/clause5 meeting add');
  });

  it('sends a scorecard only to the person who asked (ephemeral), never to the channel', async () => {
    const posts = h.fake.callsTo('chat.postMessage').length;
    const { body, text } = await command('U0BOB', 'scorecard');
    expect(body.response_type).toBe('ephemeral');
    expect(text).toContain('Bob Stone');
    expect(h.fake.callsTo('chat.postMessage').length).toBe(posts);
  });

  it('refuses a leader the scorecard of a site, even their own site', async () => {
    await command('U0MARIA', 'admin role <@U0BOB|bob> leader');
    await command('U0MARIA', 'admin site add "Berlin Works" Europe/Berlin');
    await command('U0MARIA', 'admin person <@U0BOB|bob> site "Berlin Works"');
    expect((await h.tc.store.people.get(ORG, 'slack:T0ACME:U0BOB'))?.role).toBe('leader');
    const { body, text } = await command('U0BOB', 'scorecard site "Berlin Works"');
    expect(text).toContain('Only quality managers and admins can see the scorecard for site Berlin Works. Type /clause5 scorecard for your own.');
    expect(body.text).not.toMatch(/^Scorecard/);
  });

  it('sends the scorecard CSV as a file into the person’s own DM', async () => {
    const before = h.fake.calls.length;
    const { body } = await command('U0MARIA', 'scorecard all csv');
    expect(body.text).toContain('direct message');
    const calls = h.fake.calls.slice(before);
    expect(calls.map((c) => [c.method, c.outcome])).toEqual([
      ['chat.postMessage', 'ok'],
      ['files.getUploadURLExternal', 'ok'],
      ['files.completeUploadExternal', 'ok'],
    ]);
    expect(calls[0]!.args.channel).toBe('U0MARIA');
    expect(calls[2]!.args.channel_id).toBe('DU0MARIA');
    const file = h.fake.uploads.get(calls[2]!.args.files[0].id)!;
    expect(file.filename).toMatch(/\.csv$/);
    expect(file.content.split('\n')[0]).toContain(',');
    expect(file.content).toContain('Bob Stone');
  });
});

describe('scorecard charts in Slack', () => {
  it('uploads the chart as a PNG into the person’s own DM, never a channel', async () => {
    const before = h.fake.calls.length;
    const { body } = await command('U0MARIA', 'scorecard all month chart sites');
    expect(body.text).toContain('direct message');
    const calls = h.fake.calls.slice(before);
    expect(calls.map((c) => [c.method, c.outcome])).toEqual([
      ['chat.postMessage', 'ok'],
      ['files.getUploadURLExternal', 'ok'],
      ['files.completeUploadExternal', 'ok'],
    ]);
    expect(calls[2]!.args.channel_id).toBe('DU0MARIA');
    const file = h.fake.uploads.get(calls[2]!.args.files[0].id)!;
    expect(file.filename).toMatch(/^chart-sites-.*\.png$/);
    const png = PNG.sync.read(file.bytes!);
    expect(png.width).toBeGreaterThanOrEqual(800);
  });
});
