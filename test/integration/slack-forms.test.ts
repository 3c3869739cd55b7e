// Forms as Slack modals end to end: command → views.open → view_submission (errors inline, then a
// corrected submission) → stored → posted. The modals are submitted exactly as the fake received
// them from views.open, so field ids, block ids and element types are the ones we really sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveTokens } from '../support/fake-slack-blocks';
import { startSlackHarness, workspace, type SlackHarness } from '../support/slack-harness';

const acme = workspace(
  'T0ACME',
  'Acme',
  [
    { id: 'U0MARIA', name: 'Maria Lopez', tz: 'America/Chicago' },
    { id: 'U0BOB', name: 'Bob Stone', tz: 'America/Chicago' },
    { id: 'U0ANN', name: 'Ann Lee', tz: 'America/Chicago' },
  ],
  ['C0WINS'],
);
const ORG = 'slack:T0ACME';
const MARIA = 'slack:T0ACME:U0MARIA';
const INJECTION = '<!channel> <!here> <@U0EVIL> <https://evil.example|https://good.example> & co';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ workspace: acme }); // clock: Monday 2026-11-23 09:00 Chicago
  for (const text of [
    'help', // Maria is the first person: admin
    'admin site add "Plant 1" America/Chicago <#C0WINS|wins>',
    'admin person <@U0MARIA> site "Plant 1"',
    'admin person <@U0BOB> site "Plant 1"',
    'admin person <@U0ANN> site "Plant 1"',
    'admin role <@U0MARIA> leader',
  ]) {
    await h.requests.command(acme, 'U0MARIA', text);
    await h.settle();
  }
});
afterAll(async () => h?.close());

/** Runs a command that should open a modal; returns the view Slack received. */
async function openModal(user: string, text: string) {
  const before = h.fake.callsTo('views.open').length;
  await h.requests.command(acme, user, text);
  await h.settle();
  const opened = h.fake.callsTo('views.open').slice(before);
  expect(opened.map((c) => c.outcome)).toEqual(['ok']);
  return opened[0]!.args.view;
}

function count(table: string): number {
  return (h.tc.store.database.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

describe('floor walk modal', () => {
  let view: any;
  it('opens from /clause5 floorwalk', async () => {
    view = await openModal('U0MARIA', 'floorwalk');
    expect(view.callback_id).toBe('floorwalk.log');
    expect(view.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.block_id)).toContain('area');
  });

  it('shows the core’s validation errors inline and stores nothing', async () => {
    const res = await h.requests.submit(acme, 'U0MARIA', view, { area: 'Line 3', date: '2020-01-01', followup1: 'Fix the guard' });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors).sort()).toEqual(['date', 'followup1Due', 'followup1Owner'].sort());
    expect(body.errors.date).toContain('more than 30 days ago');
    await h.settle();
    expect(count('floor_walks')).toBe(0);
  });

  it('stores a corrected submission once, closes the modal, confirms by DM and tells the owner', async () => {
    const values = {
      area: 'Line 3 assembly',
      date: '2026-11-23',
      wentWell: INJECTION,
      followup1: 'Fix the guard on press 4',
      followup1Owner: 'U0BOB',
      followup1Due: '2026-11-30',
      tags: ['safety'],
    };
    const res = await h.requests.submit(acme, 'U0MARIA', view, values);
    expect(res.status).toBe(200);
    expect(res.text).toBe(''); // closes the modal
    const again = await h.requests.submit(acme, 'U0MARIA', view, values); // a double click
    expect(again.status).toBe(200);
    await h.settle();
    const walks = h.tc.store.database.sqlite.prepare('select * from floor_walks').all() as any[];
    expect(walks).toHaveLength(1);
    expect(walks[0]).toMatchObject({ org_id: ORG, person_id: MARIA, area: 'Line 3 assembly', walk_date: '2026-11-23', went_well: INJECTION });
    const followUps = await h.tc.store.followUps.listOpenFor(ORG, 'slack:T0ACME:U0BOB');
    expect(followUps.map((f) => [f.text, f.dueDate])).toEqual([['Fix the guard on press 4', '2026-11-30']]);
    expect(h.fake.posted('U0MARIA').length).toBeGreaterThan(0);

    await h.scheduler.drain(h.tc.clock.now());
    const toBob = h.fake.posted('U0BOB');
    expect(toBob.length).toBe(1);
    expect(JSON.stringify(toBob[0]!.args.blocks)).toContain('Fix the guard on press 4');
  });
});

describe('win modal and celebration', () => {
  let view: any;
  it('opens from /clause5 win with no text', async () => {
    view = await openModal('U0MARIA', 'win');
    expect(view.callback_id).toBe('win.new');
  });

  it('asks for the missing text inline', async () => {
    const res = await h.requests.submit(acme, 'U0MARIA', view, { what: '' });
    expect(res.json()).toMatchObject({ response_action: 'errors', errors: { what: expect.stringContaining('Tell me what happened') } });
    expect(count('wins')).toBe(0);
  });

  it('stores the win and celebrates it in the site’s wins channel, mentioning the people, with user text inert', async () => {
    const res = await h.requests.submit(acme, 'U0MARIA', view, {
      what: `Cut changeover by 20 minutes ${INJECTION}`,
      people: ['U0BOB', 'U0ANN'],
      tags: ['cost'],
      metric: 'scrap −12 %',
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await h.settle();
    const wins = await h.tc.store.wins.recent(ORG, 0);
    expect(wins).toHaveLength(1);
    expect(wins[0]).toMatchObject({ postedBy: MARIA, tags: ['cost'], metric: 'scrap −12 %' });
    expect([...wins[0]!.people].sort()).toEqual(['slack:T0ACME:U0ANN', 'slack:T0ACME:U0BOB']);

    expect(h.fake.posted('C0WINS')).toHaveLength(0); // the celebration goes through the durable outbox
    await h.scheduler.drain(h.tc.clock.now());
    const posts = h.fake.posted('C0WINS');
    expect(posts).toHaveLength(1);
    const post = posts[0]!.args;
    expect(post).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });
    const live = liveTokens(post);
    expect(live).toEqual(expect.arrayContaining(['<@U0BOB>', '<@U0ANN>']));
    expect(live.every((t) => ['<@U0BOB>', '<@U0ANN>', '<@U0MARIA>'].includes(t) || /^<#C[A-Z0-9]+>$/.test(t))).toBe(true);
    const shown = JSON.stringify(post);
    expect(shown).toContain('&lt;!channel&gt; &lt;!here&gt; &lt;@U0EVIL&gt; &lt;https://evil.example|https://good.example&gt; &amp; co');
  });

  it('posts a win typed inline too, with Slack mentions resolved to people', async () => {
    await h.requests.command(acme, 'U0BOB', 'win <@U0ANN|ann> fixed the leak on line 2 #safety');
    await h.settle();
    const wins = await h.tc.store.wins.recent(ORG, 0);
    expect(wins[0]).toMatchObject({ postedBy: 'slack:T0ACME:U0BOB', people: ['slack:T0ACME:U0ANN'], tags: ['safety'] });
    await h.scheduler.drain(h.tc.clock.now());
    expect(h.fake.posted('C0WINS')).toHaveLength(2);
  });
});
