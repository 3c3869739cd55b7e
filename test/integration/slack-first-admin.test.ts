// With a single bot token Slack does not say who installed Clause5, so the first person to talk
// becomes the workspace's admin. Ten people sending their first /clause5 at the same moment (ten
// signed requests in flight together against the real server) must leave exactly one admin.
// Before the claim was made structural this passed too: within one process the admin check and the
// insert ran without yielding to another request. Separate connections to one file (as separate
// processes, or PostgreSQL later) did not: see test/unit/people/first-admin.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackHarness, workspace, type SlackHarness } from '../support/slack-harness';

const users = Array.from({ length: 10 }, (_, i) => ({ id: `U0P${i}`, name: `Person ${i}`, tz: 'America/Chicago' }));
const acme = workspace('T0ACME', 'Acme', users);
const ORG = 'slack:T0ACME';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ workspace: acme });
});
afterAll(async () => h?.close());

describe('the first admin over Slack', () => {
  it('ten concurrent first commands leave exactly one admin', async () => {
    expect(await h.tc.store.people.count(ORG)).toBe(0);
    const sent = await Promise.all(users.map((u) => h.requests.command(acme, u.id, 'admin weights 30 30 15 15 10')));
    expect(sent.map((r) => r.status)).toEqual(users.map(() => 200));
    await h.settle();
    expect(await h.tc.store.people.count(ORG)).toBe(10);
    expect(await h.tc.store.people.list(ORG, { role: 'admin' })).toHaveLength(1);
    const replies = h.fake.responses.map((r) => JSON.stringify(r.body));
    expect(replies.filter((t) => t.includes('Scorecard weights'))).toHaveLength(1);
    expect(replies.filter((t) => t.includes('Only a quality manager or an admin'))).toHaveLength(9);
  });
});
