// The weekly digest through Slack: a scorecard is never posted to a channel, the digest neither.
// The digest channel gets site and organisation figures only; leaders are named (needs attention,
// top movers) by DM to the digest recipients (quality managers and admins) and nowhere else. Both
// carry the organisation's trend chart, uploaded as a PNG with the message.
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRow } from '../support/sql';
import { startSlackHarness, workspace, type SlackHarness } from '../support/slack-harness';

const acme = workspace(
  'T0ACME',
  'Acme',
  [
    { id: 'U0ADA', name: 'Ada Admin', tz: 'America/Chicago' },
    { id: 'U0QUINN', name: 'Quinn Quality', tz: 'America/Chicago' },
    { id: 'U0MARIA', name: 'Maria Lopez', tz: 'America/Chicago' },
    { id: 'U0BOB', name: 'Bob Stone', tz: 'America/Chicago' },
  ],
  ['C0QUALITY'],
);
const LEADERS = ['Maria Lopez', 'Bob Stone'];

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ workspace: acme, start: '2026-11-23T15:00:00Z' }); // Monday 09:00 Chicago
  for (const text of [
    'help', // Ada talks first: the admin
    'admin site add "Plant 1" America/Chicago',
    'admin role <@U0QUINN|quinn> quality_manager',
    'admin role <@U0MARIA|maria> leader',
    'admin role <@U0BOB|bob> leader',
    'admin person <@U0MARIA|maria> site "Plant 1"',
    'admin person <@U0BOB|bob> site "Plant 1"',
    'admin digest add <@U0QUINN|quinn>',
    'admin digest channel <#C0QUALITY|quality>',
  ]) {
    await h.requests.command(acme, 'U0ADA', text);
    await h.settle();
  }
  // Each leader has a follow-up overdue 12 days on the digest's Monday: both need attention.
  const at = h.tc.clock.now();
  for (const owner of ['U0MARIA', 'U0BOB']) {
    insertRow(h.tc, 'follow_ups', {
      orgId: 'slack:T0ACME',
      raisedBy: 'slack:T0ACME:U0QUINN',
      ownerId: `slack:T0ACME:${owner}`,
      text: 'Fix the guard',
      dueDate: '2026-11-18',
      status: 'open',
      createdAt: at,
      updatedAt: at,
    });
  }
  await h.scheduler.runPass(h.tc.clock.now()); // the ticker's first pass
  const monday = Date.parse('2026-11-30T14:00:30Z'); // next Monday 08:00 Chicago: the digest is due
  h.tc.clock.set(monday);
  await h.scheduler.tick(monday);
});
afterAll(async () => h?.close());

const posts = (to: string) => h.fake.posted(to).map((c) => `${c.args.text}\n${JSON.stringify(c.args.blocks)}`);

describe('the weekly digest in Slack', () => {
  it('posts only site and organisation figures in the digest channel', () => {
    const channel = posts('C0QUALITY');
    expect(channel).toHaveLength(1);
    const [digest] = channel;
    expect(digest).toContain('Weekly digest');
    expect(digest).toContain('1. *Plant 1* · index');
    expect(digest).toContain('2 leaders');
    expect(digest).toContain('floor walks');
    expect(digest).not.toContain('Needs attention');
    for (const name of LEADERS) expect(digest).not.toContain(name);
    expect(digest).not.toContain('U0MARIA');
    expect(digest).not.toContain('U0BOB');
    expect(digest).not.toContain('streak'); // only a leader's own line has a streak
  });

  it('names the leaders who need attention by DM to the digest recipient', () => {
    const dm = posts('U0QUINN').filter((p) => p.includes('Weekly digest'));
    expect(dm).toHaveLength(1);
    expect(dm[0]).toContain('Needs attention (2)');
    for (const name of LEADERS) expect(dm[0]).toContain(`*${name}* (Plant 1) — 1 follow-up overdue over a week (oldest due 2026-11-18, 12 days ago)`);
  });

  it('uploads the trend chart as a PNG with the digest, into the channel and into the DM', () => {
    const uploads = h.fake.callsTo('files.completeUploadExternal', 'T0ACME', 'ok');
    expect(uploads.map((c) => c.args.channel_id).sort()).toEqual(['C0QUALITY', 'DU0QUINN']);
    for (const call of uploads) {
      const file = h.fake.uploads.get(call.args.files[0].id)!;
      expect(file.filename).toBe('chart-trend-8-weeks-to-2026-W48.png');
      const png = PNG.sync.read(file.bytes!);
      expect(png.width).toBeGreaterThanOrEqual(800);
    }
    // Threaded under the digest message it belongs to.
    for (const call of uploads) expect(call.args.thread_ts).toEqual(expect.any(String));
  });

  it('tells the admin who sets the channel what it will show', async () => {
    const before = h.fake.responses.length;
    await h.requests.command(acme, 'U0ADA', 'admin digest channel <#C0QUALITY|quality>');
    await h.settle();
    const reply = JSON.stringify(h.fake.responses.slice(before)[0]!.body);
    expect(reply).toContain('site and organisation figures only');
  });
});
