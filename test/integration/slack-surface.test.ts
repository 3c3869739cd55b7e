// The message shortcut, the App Home tab, and the manifest's surface sent through the real server:
// every slash command, shortcut and event the manifest declares has a handler with a visible effect.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { FakeWorkspace } from '../support/fake-slack';
import { liveTokens } from '../support/fake-slack-blocks';
import { startSlackHarness, workspace, type SlackHarness } from '../support/slack-harness';

const acme = workspace(
  'T0ACME',
  'Acme',
  [
    { id: 'U0MARIA', name: 'Maria Lopez', tz: 'America/Chicago' },
    { id: 'U0BOB', name: 'Bob Stone', tz: 'America/Chicago' },
  ],
  ['C0LINE3'],
);
const ORG = 'slack:T0ACME';

describe('message shortcut and App Home', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ workspace: acme });
    for (const [user, text] of [
      ['U0MARIA', 'help'],
      ['U0MARIA', 'admin role <@U0BOB|bob> leader'],
      ['U0BOB', 'meeting add "Line 3 daily" weekdays 07:30'],
      ['U0BOB', 'followup add <@U0BOB|bob> 2026-11-30 Replace the worn guard'],
    ] as const) {
      await h.requests.command(acme, user, text);
      await h.settle();
    }
  });
  afterAll(async () => h?.close());

  it('“Celebrate as a win” opens the win form pre-filled from the message, and the win remembers the message', async () => {
    const opened = h.fake.callsTo('views.open').length;
    const res = await h.requests.shortcut(acme, 'U0MARIA', {
      channel: 'C0LINE3',
      ts: '1795500000.000100',
      author: 'U0BOB',
      text: 'Great job <@U0BOB> on the changeover &amp; the &lt;new&gt; fixture <!here>',
    });
    expect(res.status).toBe(200);
    await h.settle();
    const views = h.fake.callsTo('views.open', acme.teamId, 'ok').slice(opened);
    expect(views).toHaveLength(1);
    const view = views[0]!.args.view;
    expect(view.callback_id).toBe('win.new');
    const what = view.blocks.find((b: any) => b.block_id === 'what').element;
    expect(what.initial_value).toBe('Great job @Bob Stone on the changeover & the <new> fixture here');
    expect(view.blocks.find((b: any) => b.block_id === 'people').element.initial_users).toEqual(['U0BOB']);
    expect(liveTokens(view)).toEqual([]);

    const submit = await h.requests.submit(acme, 'U0MARIA', view, { what: what.initial_value, people: ['U0BOB'] });
    expect(submit.status).toBe(200);
    await h.settle();
    const [win] = await h.tc.store.wins.recent(ORG, 0);
    expect(win).toMatchObject({ people: ['slack:T0ACME:U0BOB'], sourceRef: JSON.stringify({ c: 'C0LINE3', ts: '1795500000.000100' }) });
  });

  it('app_home_opened publishes the leader’s week: status, upcoming reminders, open follow-ups, buttons', async () => {
    const published = h.fake.callsTo('views.publish').length;
    await h.requests.event(acme, { type: 'app_home_opened', user: 'U0BOB', channel: 'DU0BOB', tab: 'home' });
    await h.settle();
    const calls = h.fake.callsTo('views.publish', acme.teamId).slice(published);
    expect(calls.map((c) => [c.args.user_id, c.outcome])).toEqual([['U0BOB', 'ok']]);
    const home = JSON.stringify(calls[0]!.args.view);
    expect(calls[0]!.args.view.type).toBe('home');
    for (const text of [
      'This week (2026-W48)',
      'Floor walk: not logged yet — I ask on',
      'Line 3 daily',
      'Replace the worn guard',
      'Log a floor walk',
      'My scorecard',
    ]) {
      expect(home).toContain(text);
    }
    expect(home).not.toContain('Organisation this week'); // a leader, not a manager
  });

  it('a quality manager’s home adds the organisation summary; the messages tab publishes nothing', async () => {
    const published = h.fake.callsTo('views.publish').length;
    await h.requests.event(acme, { type: 'app_home_opened', user: 'U0MARIA', channel: 'DU0MARIA', tab: 'home' });
    await h.requests.event(acme, { type: 'app_home_opened', user: 'U0MARIA', channel: 'DU0MARIA', tab: 'messages' });
    await h.settle();
    const calls = h.fake.callsTo('views.publish', acme.teamId, 'ok').slice(published);
    expect(calls).toHaveLength(1);
    expect(JSON.stringify(calls[0]!.args.view)).toContain('Organisation this week');
  });

  it('a home button runs its command (the floor-walk form opens) and the home is refreshed', async () => {
    const home = h.fake
      .callsTo('views.publish', acme.teamId, 'ok')
      .filter((c) => c.args.user_id === 'U0BOB')
      .at(-1)!.args.view;
    const button = home.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : [])).find((e: any) => e.text.text === 'Log a floor walk');
    const opened = h.fake.callsTo('views.open').length;
    const published = h.fake.callsTo('views.publish').length;
    await h.requests.homeAction(acme, 'U0BOB', home, button.action_id);
    await h.settle();
    expect(
      h.fake
        .callsTo('views.open', acme.teamId, 'ok')
        .slice(opened)
        .map((c) => c.args.view.callback_id),
    ).toEqual(['floorwalk.log']);
    expect(h.fake.callsTo('views.publish', acme.teamId, 'ok').length).toBe(published + 1);
  });
});

describe('manifests/slack/manifest.yaml through the server', () => {
  const manifest = parse(readFileSync(new URL('../../manifests/slack/manifest.yaml', import.meta.url), 'utf8'));
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /** A realistic delivery of each event the manifest subscribes to, and the effect it must have. */
  const samples: Record<string, { event: (ws: FakeWorkspace) => Record<string, unknown>; effect: (h: SlackHarness) => Promise<void> }> = {
    app_home_opened: {
      event: () => ({ type: 'app_home_opened', user: 'U0MARIA', channel: 'DU0MARIA', tab: 'home' }),
      effect: async (h) => expect(h.fake.callsTo('views.publish', acme.teamId, 'ok')).toHaveLength(1),
    },
    app_mention: {
      event: (ws) => ({ type: 'app_mention', user: 'U0MARIA', channel: 'C0LINE3', text: `<@${ws.botUserId}> help`, ts: '1.1', team: ws.teamId }),
      effect: async (h) => expect(h.fake.posted('U0MARIA')).toHaveLength(1),
    },
    'message.im': {
      event: (ws) => ({ type: 'message', channel_type: 'im', channel: 'DU0MARIA', user: 'U0MARIA', text: 'help', ts: '1.2', team: ws.teamId }),
      effect: async (h) => expect(h.fake.posted('U0MARIA')).toHaveLength(1),
    },
    app_uninstalled: {
      event: () => ({ type: 'app_uninstalled' }),
      effect: async (h) => expect(await h.slack.installations.get(acme.teamId)).toBeUndefined(),
    },
    tokens_revoked: {
      event: (ws) => ({ type: 'tokens_revoked', tokens: { oauth: ['U0MARIA'], bot: [ws.botUserId] } }),
      effect: async (h) => expect(await h.slack.installations.get(acme.teamId)).toBeUndefined(),
    },
  };

  for (const name of manifest.settings.event_subscriptions.bot_events as string[]) {
    it(`handles the ${name} event`, async () => {
      const sample = samples[name];
      expect(sample, `no sample for ${name}: the code does not handle an event the manifest subscribes to`).toBeDefined();
      h = await startSlackHarness({ workspace: acme });
      const res = await h.requests.event(acme, sample!.event(acme));
      expect(res.status).toBe(200);
      await h.settle();
      await sample!.effect(h);
    });
  }

  it('routes the manifest’s slash command and message shortcut', async () => {
    h = await startSlackHarness({ workspace: acme });
    for (const c of manifest.features.slash_commands) {
      const body = new URLSearchParams({
        team_id: acme.teamId,
        user_id: 'U0MARIA',
        command: c.command,
        text: 'help',
        response_url: h.fake.responseUrl(acme.teamId),
        trigger_id: h.fake.trigger(acme.teamId),
      }).toString();
      await h.requests.post(body, 'application/x-www-form-urlencoded');
    }
    for (const s of manifest.features.shortcuts) {
      await h.requests.shortcut(acme, 'U0MARIA', { channel: 'C0LINE3', ts: '1.3', author: 'U0BOB', text: 'Nice work' }, s.callback_id);
    }
    await h.settle();
    expect(h.fake.responses).toHaveLength(manifest.features.slash_commands.length);
    expect(h.fake.callsTo('views.open', acme.teamId, 'ok')).toHaveLength(manifest.features.shortcuts.length);
  });
});
