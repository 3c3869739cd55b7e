// Look before you resend, through the real Slack platform and the fake Slack. A process claims a
// delivery, its chat.postMessage reaches Slack, and it stops before recording anything (its lease
// owner is a process of this host that no longer runs). The next process takes the delivery over
// and reads the person's DM for the message carrying the delivery key before sending again.
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/ports';
import { releaseLeasesOfGoneProcesses } from '../../src/scheduler/recover';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler';
import { Sender } from '../../src/scheduler/sender';
import { LOOKBACK_MARGIN_MS } from '../../src/platforms/slack/sent-lookup';
import { keyComposer, testModule, textMessage, type RecordingComposer } from '../support/scheduler-fixtures';
import { MANIFEST_SCOPES } from '../support/fake-slack-limits';
import { startSlackHarness, workspace, type SlackHarness } from '../support/slack-harness';

const acme = workspace(
  'T0ACME',
  'Acme',
  [
    { id: 'U0ADMIN', name: 'Ada Admin' },
    { id: 'U0MARIA', name: 'Maria Lopez' },
    { id: 'U0NEW', name: 'Nina New' },
    { id: 'U0NEW2', name: 'Nils New' },
    { id: 'U0HOME', name: 'Hugo Home' },
    { id: 'U0SLOW', name: 'Sam Slow' },
  ],
  ['C0WINS'],
);
const ORG = 'slack:T0ACME';
const person = (user: string) => `${ORG}:${user}`;

let h: SlackHarness;
let prompts: RecordingComposer;
let scheduler: Scheduler;
let gone: string;
let n = 0;

beforeAll(async () => {
  // Slack's ts are real time. The DM channels' batch waits until the test writes it (flushDmChannels).
  h = await startSlackHarness({ workspace: acme, start: new Date().toISOString(), dmChannels: { sleep: () => new Promise(() => {}) } });
  prompts = keyComposer('floorwalk_prompt');
  scheduler = createScheduler({ deps: h.tc.deps, modules: [testModule([], [prompts, keyComposer('win_post')])], log: silentLogger });
  // A process of this host that no longer runs: the owner a crashed server leaves on its leases.
  const pid = spawnSync(process.execPath, ['-e', '0']).pid;
  gone = `${hostname()}:${pid}:crashed1`;
});
afterAll(async () => h?.close());
beforeEach(() => h.fake.clearFailures());

/** Enqueues a delivery and claims it as the process that is about to stop. */
async function claimedByGoneProcess(to: { personId: string } | { channel: string }): Promise<{ key: string; dueAt: number }> {
  const now = h.tc.clock.now();
  const key = `floorwalk_prompt:resend-check:${++n}`;
  const dueAt = now - 1_000;
  const kind = 'personId' in to ? 'floorwalk_prompt' : 'win_post';
  await h.tc.store.deliveries.enqueue([{ orgId: ORG, key, kind, ...to, subject: {}, dueAt }]);
  const [claimed] = await h.tc.store.deliveries.claim({ now, leaseMs: 60_000, owner: gone, limit: 1 });
  expect(claimed?.key).toBe(key);
  return { key, dueAt };
}

/** The restart: the gone process's leases are ended at once and the new sender drains. */
async function restart() {
  const now = h.tc.clock.now();
  expect(await releaseLeasesOfGoneProcesses(h.tc.store.deliveries, now, silentLogger)).toBe(1);
  return scheduler.drain(now);
}

const postsWithKey = (key: string) => h.fake.callsTo('chat.postMessage', acme.teamId, 'ok').filter((c) => c.args.metadata?.event_payload?.key === key);
const historyCalls = () => h.fake.callsTo('conversations.history', acme.teamId);
const dmRow = (user: string) =>
  h.tc.store.database.sqlite.prepare('select channel_id as channel from slack_dm_channels where team_id = ? and user_id = ?').get(acme.teamId, user) as
    | { channel: string }
    | undefined;

/** Slack accepted the post, but the process stopped before Slack's answer reached it. */
async function postedByTheStoppedProcess(user: string, key: string): Promise<void> {
  const res = await fetch(`${h.fake.url}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${acme.botToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel: user, text: key, metadata: { event_type: 'clause5_delivery', event_payload: { key } } }),
  });
  expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
}

describe('a delivery sent by a process that stopped before recording it', () => {
  it('is found in the DM and recorded as sent, not sent again', async () => {
    const { key, dueAt } = await claimedByGoneProcess({ personId: person('U0MARIA') });
    // The stopped process's send, through the real platform: Slack's answer named the DM channel.
    const ref = await h.slack.chat.sendDirect(ORG, person('U0MARIA'), textMessage(key), { deliveryKey: key });
    expect(dmRow('U0MARIA')).toBeUndefined(); // written behind, with the next batch
    await h.slack.flushDmChannels();
    expect(dmRow('U0MARIA')).toEqual({ channel: 'DU0MARIA' });
    const historyBefore = historyCalls().length;

    const drained = await restart();

    expect(drained).toMatchObject({ claimed: 1, sent: 1, resendsAvoided: 1 });
    expect(postsWithKey(key)).toHaveLength(1);
    const lookups = historyCalls().slice(historyBefore);
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.args).toMatchObject({ channel: 'DU0MARIA', include_all_metadata: 'true', oldest: ((dueAt - LOOKBACK_MARGIN_MS) / 1000).toFixed(6) });
    const row = await h.tc.store.deliveries.getByKey(key);
    expect(row).toMatchObject({ status: 'sent', messageRef: ref, interruptions: 1 });
    expect(prompts.afterSends.at(-1)).toMatchObject({ id: row!.id, ref }); // the prompt opens on the message that went out
  });

  it('is sent when the lookup does not find it (the process stopped before its post)', async () => {
    const { key } = await claimedByGoneProcess({ personId: person('U0MARIA') });
    const historyBefore = historyCalls().length;
    const drained = await restart();
    expect(drained).toMatchObject({ sent: 1, resendsAvoided: 0 });
    expect(historyCalls().length).toBe(historyBefore + 1);
    expect(postsWithKey(key)).toHaveLength(1);
    expect(await h.tc.store.deliveries.getByKey(key)).toMatchObject({ status: 'sent' });
  });

  it('is found for a person whose DM channel Slack named in app_home_opened before any message', async () => {
    const res = await h.requests.event(acme, { type: 'app_home_opened', user: 'U0HOME', channel: 'DU0HOME', tab: 'messages' });
    expect(res.status).toBe(200);
    await h.settle();
    await h.slack.flushDmChannels();
    expect(dmRow('U0HOME')).toEqual({ channel: 'DU0HOME' });
    const { key } = await claimedByGoneProcess({ personId: person('U0HOME') });
    await postedByTheStoppedProcess('U0HOME', key);
    expect(await restart()).toMatchObject({ sent: 1, resendsAvoided: 1 });
    expect(postsWithKey(key)).toHaveLength(1);
  });
});

describe('when it cannot look, it sends as before (the message may arrive twice)', () => {
  it('a person never messaged: the DM is opened (conversations.open) and read, so no second copy', async () => {
    expect(dmRow('U0NEW')).toBeUndefined();
    const { key } = await claimedByGoneProcess({ personId: person('U0NEW') });
    await postedByTheStoppedProcess('U0NEW', key);
    expect(await restart()).toMatchObject({ sent: 1, resendsAvoided: 1 });
    expect(h.fake.callsTo('conversations.open').map((c) => c.args.users)).toEqual(['U0NEW']);
    expect(postsWithKey(key)).toHaveLength(1);
    await h.slack.flushDmChannels();
    expect(dmRow('U0NEW')).toEqual({ channel: 'DU0NEW' }); // known from now on
  });

  it('an install without im:write cannot open the DM: it sends as before', async () => {
    const { key } = await claimedByGoneProcess({ personId: person('U0NEW2') });
    await postedByTheStoppedProcess('U0NEW2', key);
    h.fake.setScopes(
      acme.teamId,
      MANIFEST_SCOPES.filter((s) => s !== 'im:write'),
    );
    try {
      const historyBefore = historyCalls().length;
      expect(await restart()).toMatchObject({ sent: 1, resendsAvoided: 0 });
      expect(h.fake.callsTo('conversations.open', acme.teamId, 'missing_scope').map((c) => c.args.users)).toEqual(['U0NEW2']);
      expect(historyCalls().length).toBe(historyBefore);
      expect(postsWithKey(key)).toHaveLength(2);
    } finally {
      h.fake.setScopes(acme.teamId, MANIFEST_SCOPES);
    }
  });

  it('the lookup fails (missing_scope)', async () => {
    const { key } = await claimedByGoneProcess({ personId: person('U0MARIA') });
    await postedByTheStoppedProcess('U0MARIA', key);
    h.fake.fail('conversations.history', { error: 'missing_scope' });
    expect(await restart()).toMatchObject({ sent: 1, resendsAvoided: 0 });
    expect(h.fake.callsTo('conversations.history', acme.teamId, 'missing_scope')).toHaveLength(1);
    expect(postsWithKey(key)).toHaveLength(2);
  });

  it('a channel post: no channels:history scope, so it is not looked up', async () => {
    const { key } = await claimedByGoneProcess({ channel: 'C0WINS' });
    const historyBefore = historyCalls().length;
    expect(await restart()).toMatchObject({ sent: 1, resendsAvoided: 0 });
    expect(historyCalls().length).toBe(historyBefore);
    expect(postsWithKey(key)).toHaveLength(1);
    expect(postsWithKey(key)[0]!.args.channel).toBe('C0WINS'); // channel posts carry the key too
  });

  it('the lookup does not answer within the timeout', async () => {
    await h.slack.chat.sendDirect(ORG, person('U0SLOW'), textMessage('hello'), {}); // the DM channel is known
    const { key } = await claimedByGoneProcess({ personId: person('U0SLOW') });
    await postedByTheStoppedProcess('U0SLOW', key);
    const now = h.tc.clock.now();
    await releaseLeasesOfGoneProcesses(h.tc.store.deliveries, now, silentLogger);
    const sender = new Sender({ deps: h.tc.deps, composers: [keyComposer('floorwalk_prompt')], log: silentLogger, owner: 'test:1:slow', lookupTimeoutMs: 200 });
    // The lookup never answers while the sender waits: only its own timeout lets the drain finish.
    const release = h.fake.hold('conversations.history');
    try {
      expect(await sender.drain(now)).toMatchObject({ sent: 1, resendsAvoided: 0 });
    } finally {
      release();
    }
    expect(postsWithKey(key)).toHaveLength(2);
  });
});
