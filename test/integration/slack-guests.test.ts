// The organisation is the workspace whose installation authorised the request (Bolt's authorize:
// `authorizations[0].team_id` of an event, the command's team, a modal's app_installed_team_id),
// never a team id inside the payload. A user whose own team differs (Slack Connect) is a guest of
// that organisation: they may post a win, never run admin commands or read scorecards, are never
// made admin and never create an organisation. Payload shapes follow Slack Connect deliveries as
// Slack sends them (`user_team` / `source_team` in events, `user.team_id` in interactions,
// `view.app_installed_team_id` in a modal submitted from the guest's own workspace).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackHarness, workspace, type SlackHarness } from '../support/slack-harness';

const PARTNER = 'T9PARTNER'; // a Slack Connect partner's workspace: it never installed Clause5
const acme = workspace(
  'T0ACME',
  'Acme',
  [
    { id: 'U0ADA', name: 'Ada Acme', tz: 'America/Chicago' },
    { id: 'U0LEO', name: 'Leo Acme', tz: 'America/Chicago' },
  ],
  ['C0SHARED'],
);
// Visible to Acme through a shared channel, each a member of their own workspace.
acme.users!.push(
  ...['U9GUS', 'U9YAN', 'U9ZOE', 'U9ZED', 'U9QIX'].map((id) => ({ id, name: `${id.slice(2, 3)}${id.slice(3).toLowerCase()} Partner`, teamId: PARTNER })),
  { id: 'U9MAL', name: 'Mal Never', teamId: 'T9NEVER' },
);
const ORG = 'slack:T0ACME';
const GUS = 'slack:T0ACME:U9GUS';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ workspace: acme });
});
afterAll(async () => h?.close());

const orgIds = async () => (await h.tc.store.orgs.list()).map((o) => o.id).sort();
const dmTo = (user: string) => h.fake.posted(user).map((c) => JSON.stringify(c.args.blocks ?? c.args.text));

/** A DM to Clause5 as Slack delivers it; `team` is the sender's own team as the event names it. */
function dm(user: string, text: string, team: string, extra: Record<string, unknown> = {}) {
  return { type: 'message', channel_type: 'im', channel: `D${user}`, user, text, ts: `${Date.now() / 1000}`, team, ...extra };
}

/** "@Clause5 …" in the shared channel, from a user of the partner workspace. */
function connectMention(user: string, text: string) {
  return {
    type: 'app_mention',
    user,
    text: `<@${acme.botUserId}> ${text}`,
    ts: `${Date.now() / 1000}`,
    team: PARTNER,
    user_team: PARTNER,
    source_team: PARTNER,
    user_profile: { team: PARTNER },
    channel: 'C0SHARED',
  };
}
const CONNECT_ENVELOPE = { team_id: PARTNER, context_team_id: acme.teamId, is_ext_shared_channel: true };

describe('the workspace of record', () => {
  it('an event naming a never-installed workspace in event.team creates no organisation and no admin', async () => {
    // Signed by Slack, authorised for Acme (authorizations[0].team_id), but event.team names another team.
    const res = await h.requests.event(acme, dm('U9MAL', 'admin role <@U9MAL|mal> admin', 'T9NEVER'));
    expect(res.status).toBe(200);
    await h.settle();
    expect(await orgIds()).toEqual([ORG]);
    expect(await h.tc.store.people.get('slack:T9NEVER', 'slack:T9NEVER:U9MAL')).toBeUndefined();
    expect((await h.tc.store.people.list(ORG, { role: 'admin' })).map((p) => p.id)).toEqual([]);
    expect(await h.tc.store.people.get(ORG, 'slack:T0ACME:U9MAL')).toMatchObject({ role: 'member', guest: true });
    expect(dmTo('U9MAL').join('\n')).toContain('guest from another workspace');
  });

  it('a request whose authorising workspace has no installation is refused: nothing stored, nothing sent', async () => {
    const calls = h.fake.calls.length;
    const res = await h.requests.event(acme, dm('U9MAL', 'help', 'T9NEVER'), {
      envelope: {
        team_id: 'T9NEVER',
        authorizations: [{ enterprise_id: null, team_id: 'T9NEVER', user_id: 'UBOTX', is_bot: true, is_enterprise_install: false }],
      },
    });
    expect(res.status).toBe(200);
    await h.settle();
    expect(h.fake.calls.length).toBe(calls);
    expect(await orgIds()).toEqual([ORG]);
  });

  it('the first member of the installed workspace still becomes its admin', async () => {
    await h.requests.command(acme, 'U0ADA', 'help');
    await h.settle();
    expect((await h.tc.store.people.list(ORG, { role: 'admin' })).map((p) => p.id)).toEqual(['slack:T0ACME:U0ADA']);
  });
});

describe('a Slack Connect guest', () => {
  it('cannot run admin commands from the shared channel, and is not made admin', async () => {
    const res = await h.requests.event(acme, connectMention('U9GUS', 'admin role <@U9GUS|gus> admin'), { envelope: CONNECT_ENVELOPE });
    expect(res.status).toBe(200);
    await h.settle();
    const reply = dmTo('U9GUS').at(-1)!;
    expect(reply).toContain('You’re a guest from another workspace; admin and scorecards are for members of Acme.');
    expect(await h.tc.store.people.get(ORG, GUS)).toMatchObject({ role: 'member', guest: true });
    expect(await orgIds()).toEqual([ORG]);
  });

  it('cannot read a scorecard (not even by DM)', async () => {
    await h.requests.event(acme, dm('U9GUS', 'scorecard all', PARTNER, { user_team: PARTNER, source_team: PARTNER }));
    await h.settle();
    const reply = dmTo('U9GUS').at(-1)!;
    expect(reply).toContain('guest from another workspace');
    expect(reply).not.toContain('Index');
  });

  it('is shown only what a guest can use in help', async () => {
    await h.requests.event(acme, dm('U9GUS', 'help', PARTNER, { user_team: PARTNER, source_team: PARTNER }));
    await h.settle();
    const reply = dmTo('U9GUS').at(-1)!;
    expect(reply).toContain('/clause5 win');
    expect(reply).not.toContain('/clause5 scorecard');
    expect(reply).not.toContain('/clause5 admin');
    expect(reply).not.toContain('/clause5 people');
  });

  it('posts a win with the message shortcut and the modal submitted from their own workspace', async () => {
    // Yan's first contact is the shortcut; Zoe's is a modal submission (Slack names their workspace in both).
    const opened = h.fake.callsTo('views.open', acme.teamId, 'ok').length;
    const res = await h.requests.shortcut(
      acme,
      'U9YAN',
      { channel: 'C0SHARED', ts: '1795500000.000200', author: 'U0LEO', text: 'Leo fixed the feeder' },
      'celebrate_win',
      PARTNER,
    );
    expect(res.status).toBe(200);
    await h.settle();
    const views = h.fake.callsTo('views.open', acme.teamId, 'ok').slice(opened);
    expect(views).toHaveLength(1);
    expect(await h.tc.store.people.get(ORG, 'slack:T0ACME:U9YAN')).toMatchObject({ role: 'member', guest: true });
    const view = views[0]!.args.view;
    for (const [user, what] of [
      ['U9YAN', 'Leo fixed the feeder in an hour'],
      ['U9ZOE', 'Leo trained the night shift'],
    ] as const) {
      const submit = await h.requests.submit(acme, user, view, { what }, { userTeam: PARTNER });
      expect(submit.status).toBe(200);
      expect(submit.text).toBe('');
      await h.settle();
      const [win] = await h.tc.store.wins.recent(ORG, 0);
      expect(win).toMatchObject({ postedBy: `slack:T0ACME:${user}`, text: what });
      expect(await h.tc.store.people.get(ORG, `slack:T0ACME:${user}`)).toMatchObject({ role: 'member', guest: true });
    }
    expect(await orgIds()).toEqual([ORG]);
  });

  it('a button on the App Home runs no member command for a guest', async () => {
    await h.requests.event(acme, { type: 'app_home_opened', user: 'U0ADA', channel: 'DU0ADA', tab: 'home' });
    await h.settle();
    const home = h.fake
      .callsTo('views.publish', acme.teamId, 'ok')
      .filter((c) => c.args.user_id === 'U0ADA')
      .at(-1)!.args.view;
    const button = home.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : [])).find((e: any) => e.text.text === 'All scorecards');
    await h.requests.homeAction(acme, 'U9ZED', home, button.action_id, PARTNER);
    await h.settle();
    expect(dmTo('U9ZED').at(-1)).toContain('guest from another workspace');
    expect(await h.tc.store.people.get(ORG, 'slack:T0ACME:U9ZED')).toMatchObject({ role: 'member', guest: true });
  });

  it('someone first met through a mention is marked a guest when they act from their own workspace', async () => {
    await h.requests.command(acme, 'U0ADA', 'win <@U9QIX|qix> sorted the shared pallets');
    await h.settle();
    expect(await h.tc.store.people.get(ORG, 'slack:T0ACME:U9QIX')).toMatchObject({ guest: false });
    await h.requests.event(acme, connectMention('U9QIX', 'scorecard'), { envelope: CONNECT_ENVELOPE });
    await h.settle();
    expect(dmTo('U9QIX').at(-1)).toContain('guest from another workspace');
    expect(await h.tc.store.people.get(ORG, 'slack:T0ACME:U9QIX')).toMatchObject({ role: 'member', guest: true });
    const audit = await h.tc.store.audit.history(ORG, 'person', 'slack:T0ACME:U9QIX');
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('an admin cannot give a guest a role', async () => {
    const before = h.fake.responses.length;
    await h.requests.command(acme, 'U0ADA', 'admin role <@U9GUS|gus> admin');
    await h.settle();
    expect(JSON.stringify(h.fake.responses.slice(before).map((r) => r.body))).toContain('Gus Partner is a guest from another workspace');
    expect((await h.tc.store.people.get(ORG, GUS))?.role).toBe('member');
  });

  it('a member of the workspace in the same shared channel keeps their rights', async () => {
    await h.requests.event(
      acme,
      { ...connectMention('U0ADA', 'scorecard all'), team: PARTNER, user_team: acme.teamId, source_team: acme.teamId, user_profile: { team: acme.teamId } },
      { envelope: CONNECT_ENVELOPE },
    );
    await h.settle();
    const reply = dmTo('U0ADA').at(-1)!;
    expect(reply).not.toContain('guest');
    expect(reply).toContain('Scorecard');
  });
});
