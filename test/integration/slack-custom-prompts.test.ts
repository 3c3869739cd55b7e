// Custom leadership prompts end to end through Slack: a quality manager defines one by slash
// command, the scheduler asks the leader by DM with answer buttons, a signed block_actions answers
// and the DM is updated; a checklist prompt opens a modal whose submission is recorded; an
// unanswered question is reminded once a day later, and answering the reminder retires both DMs;
// a quality manager corrects the answer for the leader with a reason and reads the answers back.
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

  it('reminds once a day later; a tap on the reminder answers and retires both DMs; a correction for the leader shows in the read-back', async () => {
    await h.requests.command(acme, 'U0ADMIN', 'prompt add "Quality policy discussed with the team?" weekly mon 09:00 for <@U0MARIA|maria> clause 5.2');
    await h.settle();
    await tickAt('2027-01-11T15:00:00Z'); // Monday 09:00 in Chicago
    const asked = lastDmWith('prompt.answer');
    expect(JSON.stringify(asked.blocks)).toContain('Quality policy discussed with the team?');
    await tickAt('2027-01-12T14:59:00Z');
    expect(lastDmWith('prompt.answer').ts).toBe(asked.ts); // not yet
    await tickAt('2027-01-12T15:00:00Z');
    const reminder = lastDmWith('prompt.answer');
    expect(reminder.ts).not.toBe(asked.ts);
    expect(JSON.stringify(reminder.blocks)).toContain('Reminder: ');
    await tickAt('2027-01-14T15:00:00Z'); // one reminder only
    expect(lastDmWith('prompt.answer').ts).toBe(reminder.ts);

    const res = await h.requests.blockAction(acme, 'U0MARIA', reminder, buttonId(reminder.blocks, 'No'));
    expect(res.status).toBe(200);
    await h.settle();
    const updated = h.fake.callsTo('chat.update', acme.teamId, 'ok').map((c) => c.args.ts);
    expect(updated).toEqual(expect.arrayContaining([asked.ts, reminder.ts]));
    expect(JSON.stringify(asked.message.blocks)).not.toContain('prompt.answer::');
    expect(JSON.stringify(reminder.message.blocks)).not.toContain('prompt.answer::');

    const before = h.fake.responses.length;
    await h.requests.command(acme, 'U0ADMIN', 'prompt answer 3 <@U0MARIA|maria> yes reason "she discussed it in Monday\'s huddle; I was there"');
    await h.settle();
    await h.requests.command(acme, 'U0ADMIN', 'prompt answers 3');
    await h.settle();
    const replies = h.fake.responses.slice(before).map((r) => JSON.stringify(r.body));
    expect(replies[0]).toContain('Recorded *yes* for <@U0MARIA> — Quality policy discussed with the team? — week 2 (2027-01-11 – 2027-01-17) (was no;');
    expect(replies[1]).toContain("recorded by <@U0ADMIN> for <@U0MARIA> — why: she discussed it in Monday's huddle; I was there");
    expect(await h.tc.store.customPrompts.answers(ORG, 3)).toEqual([
      expect.objectContaining({ personId: MARIA, answer: 'yes', outcome: 'done', answeredBy: 'slack:T0ACME:U0ADMIN' }),
    ]);
  });
});
