// Custom leadership prompts end to end through Slack: a quality manager defines one by slash
// command, the scheduler asks the leader by DM with answer buttons, a signed block_actions answers
// and the DM is updated; a checklist prompt opens a modal whose submission is recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackHarness, workspace, type SlackHarness } from '../support/slack-harness';

const acme = workspace(
  'T0ACME',
  'Acme',
  [
    { id: 'U0ADMIN', name: 'Ada Admin', tz: 'America/Chicago' },
    { id: 'U0MARIA', name: 'Maria Lopez', tz: 'America/Chicago' },
  ],
  [],
);
const ORG = 'slack:T0ACME';
const MARIA = 'slack:T0ACME:U0MARIA';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ workspace: acme, start: '2026-12-01T15:00:00Z' });
  await h.requests.command(acme, 'U0ADMIN', 'admin role <@U0MARIA|maria> leader');
  await h.settle();
  await h.scheduler.runPass(h.tc.clock.now());
});
afterAll(async () => h?.close());

function lastDmWith(action: string) {
  const found = h.fake.messages.filter((m) => m.channel === 'DU0MARIA' && JSON.stringify(m.blocks).includes(`"action_id":"${action}::`));
  expect(found.length).toBeGreaterThan(0);
  const m = found.at(-1)!;
  return { channel: m.channel, ts: m.ts, blocks: m.blocks as any[], message: m };
}

function buttonId(blocks: any[], label: string): string {
  const button = blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e: any) => e.text.text === label);
  expect(button, `button ${label}`).toBeTruthy();
  return button.action_id;
}

async function tickAt(iso: string) {
  h.tc.clock.set(Date.parse(iso));
  await h.scheduler.tick(Date.parse(iso));
}

describe('a custom prompt in Slack', () => {
  it('is defined by slash command, asked by DM on its day, answered by a button that updates the DM', async () => {
    await h.requests.command(
      acme,
      'U0ADMIN',
      'prompt add "Did you review customer complaints with your team?" monthly day 3 09:00 answers yes,no,"not applicable" clause 5.1.2',
    );
    await h.settle();
    expect(await h.tc.store.customPrompts.list(ORG)).toHaveLength(1);
    await tickAt('2026-12-03T15:00:00Z'); // 09:00 in Chicago
    const dm = lastDmWith('prompt.answer');
    expect(JSON.stringify(dm.blocks)).toContain('Did you review customer complaints with your team?');
    const res = await h.requests.blockAction(acme, 'U0MARIA', dm, buttonId(dm.blocks, 'Yes'));
    expect(res.status).toBe(200);
    await h.settle();
    expect(await h.tc.store.customPrompts.answers(ORG, 1)).toEqual([expect.objectContaining({ personId: MARIA, answer: 'yes', outcome: 'done' })]);
    expect(h.fake.callsTo('chat.update', acme.teamId, 'ok').some((c) => c.args.ts === dm.ts)).toBe(true);
    expect(JSON.stringify(dm.message.blocks)).not.toContain('prompt.answer::');
  });

  it('a checklist prompt opens a modal; its submission is recorded', async () => {
    await h.requests.command(
      acme,
      'U0ADMIN',
      'prompt add "Quarterly risk review" quarterly day 4 10:00 for <@U0MARIA|maria> checklist "Risks reviewed","Actions have owners" clause 6.1',
    );
    await h.settle();
    await tickAt('2027-01-04T16:00:00Z');
    const dm = lastDmWith('prompt.checklist');
    const before = h.fake.callsTo('views.open').length;
    await h.requests.blockAction(acme, 'U0MARIA', dm, buttonId(dm.blocks, 'Answer the checklist'));
    await h.settle();
    const opened = h.fake.callsTo('views.open').slice(before);
    expect(opened.map((c) => c.outcome)).toEqual(['ok']);
    const view = opened[0]!.args.view;
    const res = await h.requests.submit(acme, 'U0MARIA', view, { item0: 'yes', item1: 'n/a', note: 'two new risks logged' });
    expect(res.status).toBe(200);
    await h.settle();
    expect(await h.tc.store.customPrompts.answers(ORG, 2)).toEqual([
      expect.objectContaining({ periodKey: '2027-Q1', items: ['yes', 'n/a'], outcome: 'done', note: 'two new risks logged' }),
    ]);
  });
});
