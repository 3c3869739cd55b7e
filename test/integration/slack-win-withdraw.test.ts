// Issue 10 item 3 end to end through Slack: a withdrawn win's post in the wins channel is updated
// in place with chat.update ("Withdrawn by <name>: <reason>"), never deleted and never posted again.
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

describe('withdrawing a win in Slack', () => {
  it('updates the channel post with chat.update to say who withdrew it and why', async () => {
    await h.requests.command(acme, 'U0ADA', 'admin site add "Plant 1" America/Chicago <#C0WINS|wins>');
    await h.settle();
    await h.requests.command(acme, 'U0KIM', 'win the night shift cleared the whole backlog');
    await h.settle();
    await h.scheduler.drain(h.tc.clock.now());
    const [post] = h.fake.posted('C0WINS');
    expect(post).toBeDefined();
    const [win] = await h.tc.store.wins.recent(ORG, 0);

    await h.requests.command(acme, 'U0KIM', `win withdraw ${win!.id} it was the day shift`);
    await h.settle();
    expect(JSON.stringify(h.fake.responses.at(-1)!.body)).toContain(`Win #${win!.id} is withdrawn`);

    const updates = h.fake.callsTo('chat.update', acme.teamId, 'ok').filter((c) => c.args.channel === 'C0WINS');
    expect(updates).toHaveLength(1);
    // The fake answers 'ok' only for a message it holds at that channel and ts: the win's own post.
    expect(JSON.stringify(updates[0]!.args.blocks)).toContain('*Withdrawn by Kim Novak:* it was the day shift');
    expect(h.fake.callsTo('chat.delete')).toHaveLength(0);
    expect(h.fake.posted('C0WINS')).toHaveLength(1);
    await h.scheduler.drain(h.tc.clock.now());
    expect(h.fake.posted('C0WINS')).toHaveLength(1);
  });
});
