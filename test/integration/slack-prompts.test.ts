// Prompts end to end: a scheduler pass (the CLI's `tick --at`) delivers DMs with buttons through the
// fake Slack; a signed block_actions payload answers; the answer is stored, the DM is updated so it
// shows what was recorded, and a second tap changes nothing.
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
  h = await startSlackHarness({ workspace: acme, start: '2026-11-23T15:00:00Z' }); // Monday 09:00 Chicago
  await h.requests.command(acme, 'U0ADMIN', 'admin role <@U0MARIA|maria> leader'); // the first person is the admin
  await h.settle();
  await h.requests.command(acme, 'U0MARIA', 'meeting add "Line 3 daily" weekdays 07:30');
  await h.settle();
  expect(await h.tc.store.meetings.list(ORG, MARIA)).toHaveLength(1);
  await h.scheduler.runPass(h.tc.clock.now()); // the ticker's first pass: later passes cover what fell due since
});
afterAll(async () => h?.close());

/** The stored Slack message (channel, ts, current blocks) of a DM whose buttons use `action`. */
function dmWithButton(action: string) {
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

describe('meeting check in Slack', () => {
  let dm: ReturnType<typeof dmWithButton>;
  let original: any[];

  it('a scheduler pass sends the reminder and the check as DMs through Slack', async () => {
    const at = Date.parse('2026-11-24T14:01:00Z'); // Tuesday 08:01 Chicago: after the 07:30 meeting's check time
    h.tc.clock.set(at);
    await h.scheduler.tick(at);
    const dms = h.fake.posted('U0MARIA').map((c) => JSON.stringify(c.args.blocks));
    expect(dms.some((b) => b.includes('Line 3 daily') && b.includes('meeting.answer::'))).toBe(true);
    expect(h.fake.posted('U0MARIA').every((c) => c.args.unfurl_links === 'false')).toBe(true);
    dm = dmWithButton('meeting.answer');
    original = dm.blocks;
  });

  it('“Yes” records the answer and updates the DM to show it, without buttons', async () => {
    const res = await h.requests.blockAction(acme, 'U0MARIA', dm, buttonId(original, 'Yes'));
    expect(res.status).toBe(200);
    await h.settle();
    const [occurrence] = await h.tc.store.meetings.recentOccurrences(ORG, MARIA, { limit: 1 });
    expect(occurrence).toMatchObject({ answer: 'yes', answeredBy: MARIA });
    const updates = h.fake.callsTo('chat.update', acme.teamId, 'ok').filter((c) => c.args.ts === dm.ts);
    expect(updates).toHaveLength(1);
    expect(JSON.stringify(dm.message.blocks)).not.toContain('meeting.answer::'); // the stored message lost its answer buttons
    expect(JSON.stringify(dm.message.blocks)).toContain('Recorded: *Yes* — you opened with a quality update.');
  });

  it('a second tap (on the stale buttons) changes nothing', async () => {
    const answeredAt = (await h.tc.store.meetings.recentOccurrences(ORG, MARIA, { limit: 1 }))[0]!.answeredAt;
    const audit = (h.tc.store.database.sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
    h.tc.clock.advance(60_000);
    await h.requests.blockAction(acme, 'U0MARIA', { ...dm, blocks: original }, buttonId(original, 'No'));
    await h.settle();
    const [occurrence] = await h.tc.store.meetings.recentOccurrences(ORG, MARIA, { limit: 1 });
    expect(occurrence).toMatchObject({ answer: 'yes', answeredAt });
    expect((h.tc.store.database.sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n).toBe(audit);
  });
});

describe('floor-walk prompt in Slack', () => {
  it('“Log it” opens the walk modal; submitting it stores the walk and updates the prompt', async () => {
    const at = Date.parse('2026-11-27T20:01:00Z'); // Friday 14:01 Chicago
    h.tc.clock.set(at);
    await h.scheduler.tick(at);
    const prompt = dmWithButton('floorwalk.log');
    const opened = h.fake.callsTo('views.open').length;
    await h.requests.blockAction(acme, 'U0MARIA', prompt, buttonId(prompt.blocks, 'Log it'));
    await h.settle();
    const views = h.fake.callsTo('views.open', acme.teamId, 'ok').slice(opened);
    expect(views).toHaveLength(1);
    const view = views[0]!.args.view;
    expect(view.callback_id).toBe('floorwalk.log');

    const res = await h.requests.submit(acme, 'U0MARIA', view, { area: 'Paint shop', date: '2026-11-27', wentWell: 'Clean booths' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await h.settle();
    expect(await h.tc.store.walks.hasWalkInWeek(ORG, MARIA, '2026-W48')).toBe(true);
    const prompts = await h.tc.store.prompts.find(ORG, MARIA, 'floorwalk', 'week:2026-W48');
    expect(prompts?.status).toBe('answered');
    const stored = h.fake.messages.find((m) => m.ts === prompt.ts)!;
    expect(JSON.stringify(stored.blocks)).not.toContain('floorwalk.log::'); // buttons retired: no second answer
  });
});
