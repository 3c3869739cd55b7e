// The DM channels a fan-out's posts name are written behind, through the real Slack platform and the
// fake Slack: not while the posts go out, all of them when the platform stops (as a server's
// shutdown stops it), and at once for a send that finishes after that.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { textMessage } from '../support/scheduler-fixtures';
import { startSlackHarness, workspace, type SlackHarness } from '../support/slack-harness';

const acme = workspace('T0ACME', 'Acme', [
  { id: 'U0ANA', name: 'Ana' },
  { id: 'U0BEN', name: 'Ben' },
  { id: 'U0CAT', name: 'Cat' },
  { id: 'U0DAN', name: 'Dan' },
]);
const ORG = 'slack:T0ACME';

let h: SlackHarness;

beforeAll(async () => {
  // The batch's delay never ends by itself here: only the stop writes it.
  h = await startSlackHarness({ workspace: acme, dmChannels: { sleep: () => new Promise(() => {}) } });
});
afterAll(async () => h?.close());

const rows = () =>
  (
    h.tc.store.database.sqlite.prepare('select user_id as user, channel_id as channel from slack_dm_channels order by user_id').all() as Array<{
      user: string;
      channel: string;
    }>
  ).map((r) => `${r.user} ${r.channel}`);

it('writes the DM channels the posts named when the platform stops, then each one at once', async () => {
  for (const user of ['U0ANA', 'U0BEN', 'U0CAT']) await h.slack.chat.sendDirect(ORG, `${ORG}:${user}`, textMessage('hello'));
  expect(rows()).toEqual([]);
  await h.slack.stop?.();
  expect(rows()).toEqual(['U0ANA DU0ANA', 'U0BEN DU0BEN', 'U0CAT DU0CAT']);
  // A send the scheduler finishes after the platforms stopped.
  await h.slack.chat.sendDirect(ORG, `${ORG}:U0DAN`, textMessage('late'));
  expect(rows()).toContain('U0DAN DU0DAN');
});
