// Requests Slack did not sign (or signed too long ago) are refused with 401 before anything
// happens; oversized bodies get 413 before any work; retried events have one effect.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signature } from '../support/slack-requests';
import { startSlackHarness, workspace, type SlackHarness } from '../support/slack-harness';

const acme = workspace('T0ACME', 'Acme', [{ id: 'U0MARIA', name: 'Maria', tz: 'Europe/Berlin' }]);

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ workspace: acme });
});
afterAll(async () => h?.close());

function count(table: string): number {
  return (h.tc.store.database.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

/** Everything a request could change: rows, dedupe keys, calls to Slack, responses. */
function snapshot() {
  return {
    people: count('people'),
    meetings: count('meetings'),
    processed: count('processed_events'),
    audit: count('audit_log'),
    calls: h.fake.calls.filter((c) => c.method !== 'auth.test').length,
    responses: h.fake.responses.length,
  };
}

const dmCommand = (text: string) => ({
  type: 'message',
  channel_type: 'im',
  channel: 'DU0MARIA',
  user: 'U0MARIA',
  text,
  ts: `${Date.now() / 1000}`,
  team: acme.teamId,
});

describe('Slack request verification', () => {
  let before: ReturnType<typeof snapshot>;
  beforeEach(() => {
    before = snapshot();
  });

  it('refuses a forged signature with 401 and changes nothing', async () => {
    const res = await h.requests.command(acme, 'U0MARIA', 'meeting add "Forged" daily 07:30', { signature: `v0=${'0'.repeat(64)}` });
    expect(res.status).toBe(401);
    await h.settle();
    expect(snapshot()).toEqual(before);
  });

  it('refuses a body signed with another secret', async () => {
    const body = 'team_id=T0ACME&user_id=U0MARIA&command=%2Fclause5&text=help';
    const ts = Math.floor(Date.now() / 1000);
    const res = await h.requests.post(body, 'application/x-www-form-urlencoded', { timestamp: ts, signature: signature('not-the-secret', ts, body) });
    expect(res.status).toBe(401);
    await h.settle();
    expect(snapshot()).toEqual(before);
  });

  it('refuses a correctly signed request older than five minutes (a replay) with 401', async () => {
    const res = await h.requests.event(acme, dmCommand('meeting add "Replay" daily 07:30'), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    await h.settle();
    expect(snapshot()).toEqual(before);
  });

  it('refuses a timestamp more than five minutes in the future (Bolt does not check that)', async () => {
    const res = await h.requests.event(acme, dmCommand('help'), { timestamp: Math.floor(Date.now() / 1000) + 10 * 60 });
    expect(res.status).toBe(401);
    await h.settle();
    expect(snapshot()).toEqual(before);
  });

  it('refuses a request without Slack headers', async () => {
    const res = await fetch(`${h.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":"event_callback"}',
    });
    expect(res.status).toBe(401);
    await h.settle();
    expect(snapshot()).toEqual(before);
  });

  it('refuses a body over 256 KB with 413 before any work', async () => {
    const res = await h.requests.command(acme, 'U0MARIA', `win ${'x'.repeat(300 * 1024)}`);
    expect(res.status).toBe(413);
    await h.settle();
    expect(snapshot()).toEqual(before);
  });

  it('answers 400 to a signed body that is not JSON', async () => {
    const res = await h.requests.post('{not json', 'application/json');
    expect(res.status).toBe(400);
    expect(snapshot()).toEqual(before);
  });

  it('answers Slack’s url_verification challenge', async () => {
    const res = await h.requests.post(JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 't' }), 'application/json');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ challenge: 'abc123' });
  });

  it('a well-signed request goes through (the refusals above are about the signature, not the payload)', async () => {
    const res = await h.requests.event(acme, dmCommand('meeting add "Signed" daily 07:30'));
    expect(res.status).toBe(200);
    await h.settle();
    expect(count('meetings')).toBe(before.meetings + 1);
  });
});

describe('Slack retries', () => {
  it('a retried event (same event_id, X-Slack-Retry-Num) has exactly one effect', async () => {
    const meetings = count('meetings');
    const dms = h.fake.posted('U0MARIA').length;
    const event = dmCommand('meeting add "Line 3 daily" weekdays 07:30');
    const first = await h.requests.event(acme, event, { eventId: 'Ev0RETRY1' });
    const retry = await h.requests.event(acme, event, { eventId: 'Ev0RETRY1', retryNum: 1 });
    const again = await h.requests.event(acme, event, { eventId: 'Ev0RETRY1', retryNum: 2 });
    expect([first.status, retry.status, again.status]).toEqual([200, 200, 200]);
    await h.settle();
    expect(count('meetings')).toBe(meetings + 1);
    expect(h.fake.posted('U0MARIA').length).toBe(dms + 1);
    expect(JSON.stringify(h.fake.posted('U0MARIA').at(-1)!.args.blocks)).toContain('Line 3 daily');
  });

  it('the same slash command delivered twice (same trigger) has one effect', async () => {
    const meetings = count('meetings');
    const body = new URLSearchParams({
      team_id: acme.teamId,
      team_domain: 'acme',
      channel_id: 'C0GENERAL',
      user_id: 'U0MARIA',
      command: '/clause5',
      text: 'meeting add "Twice" daily 08:00',
      response_url: h.fake.responseUrl(acme.teamId),
      trigger_id: h.fake.trigger(acme.teamId),
    }).toString();
    await h.requests.post(body, 'application/x-www-form-urlencoded');
    await h.requests.post(body, 'application/x-www-form-urlencoded');
    await h.settle();
    expect(count('meetings')).toBe(meetings + 1);
  });
});
