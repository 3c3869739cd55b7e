// Issue 10 item 11 end to end: answering from one message — a reminder's button, or a typed
// command — updates every Slack message about the same prompt or follow-up (chat.update per ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackHarness, workspace, type SlackHarness } from '../support/slack-harness';

const acme = workspace(
  'T0ACME',
  'Acme',
  [
    { id: 'U0ADMIN', name: 'Ada Admin', tz: 'America/Chicago' },
    { id: 'U0MARIA', name: 'Maria Lopez', tz: 'America/Chicago' },
    { id: 'U0KIM', name: 'Kim Park', tz: 'America/Chicago' },
  ],
  [],
);

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ workspace: acme, start: '2026-11-23T15:00:00Z' }); // Monday 09:00 Chicago
  await h.requests.command(acme, 'U0ADMIN', 'admin role <@U0MARIA|maria> leader');
  await h.settle();
  await h.requests.command(acme, 'U0KIM', 'help'); // Kim arrives as a member
  await h.settle();
  await h.scheduler.runPass(h.tc.clock.now());
});
afterAll(async () => h?.close());

/** The DMs to a user whose buttons use `action`, oldest first. */
function dmsWithButton(user: string, action: string) {
  return h.fake.messages.filter((m) => m.channel === `D${user}` && JSON.stringify(m.blocks).includes(`"action_id":"${action}::`));
}

function buttonId(blocks: any[], label: string): string {
  const button = blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e: any) => e.text.text === label);
  expect(button, `button ${label}`).toBeTruthy();
  return button.action_id;
}

async function tickAt(iso: string) {
  const at = Date.parse(iso);
  h.tc.clock.set(at);
  await h.scheduler.tick(at);
}

describe('stale buttons in Slack', () => {
  it('a walk logged from the reminder’s “Log it” updates the reminder and the original prompt', async () => {
    await tickAt('2026-11-27T20:01:00Z'); // Friday 14:01: the weekly question
    await tickAt('2026-11-27T22:02:00Z'); // Friday 16:02: its reminder
    const [prompt, reminder] = dmsWithButton('U0MARIA', 'floorwalk.log');
    expect(prompt && reminder).toBeTruthy();
    const opened = h.fake.callsTo('views.open').length;
    await h.requests.blockAction(
      acme,
      'U0MARIA',
      { channel: reminder!.channel, ts: reminder!.ts, blocks: reminder!.blocks as any[] },
      buttonId(reminder!.blocks as any[], 'Log it'),
    );
    await h.settle();
    const view = h.fake.callsTo('views.open', acme.teamId, 'ok').slice(opened)[0]!.args.view;
    const updatesBefore = h.fake.callsTo('chat.update', acme.teamId, 'ok').length;
    const res = await h.requests.submit(acme, 'U0MARIA', view, { area: 'Paint shop', date: '2026-11-27' });
    expect(res.status).toBe(200);
    await h.settle();
    const updated = h.fake
      .callsTo('chat.update', acme.teamId, 'ok')
      .slice(updatesBefore)
      .map((c) => c.args.ts);
    expect(updated).toContain(prompt!.ts);
    expect(updated).toContain(reminder!.ts);
    for (const m of [prompt!, reminder!]) {
      expect(JSON.stringify(m.blocks)).not.toContain('"action_id"');
      expect(JSON.stringify(m.blocks)).toContain('floor walk logged');
    }
  });

  it('a typed “followup done” updates the assignment DM and each nudge', async () => {
    await h.requests.command(acme, 'U0MARIA', 'followup add <@U0KIM|kim> 2026-11-30 Replace the guard on press 4');
    await h.settle();
    await tickAt('2026-11-27T22:30:00Z'); // the assignment DM goes out
    await tickAt('2026-11-30T15:01:00Z'); // Monday 09:01: due today
    await tickAt('2026-12-01T15:01:00Z'); // Tuesday 09:01: overdue
    const sent = dmsWithButton('U0KIM', 'followup.done');
    expect(sent).toHaveLength(3);
    const updatesBefore = h.fake.callsTo('chat.update', acme.teamId, 'ok').length;
    await h.requests.command(acme, 'U0KIM', 'followup done 1');
    await h.settle();
    const updated = h.fake
      .callsTo('chat.update', acme.teamId, 'ok')
      .slice(updatesBefore)
      .map((c) => c.args.ts);
    for (const m of sent) {
      expect(updated, m.ts).toContain(m.ts);
      expect(JSON.stringify(m.blocks)).not.toContain('followup.done::');
      expect(JSON.stringify(m.blocks)).toContain('closed on 2026-12-01');
    }
  });
});
