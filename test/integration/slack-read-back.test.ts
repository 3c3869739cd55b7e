// Reading records back through Slack end to end: a long list arrives as an ephemeral page Slack
// accepts (at most 50 blocks), pressing Next replaces it in place through the response_url with the
// next page, and a whole walk with long notes fits Slack's limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackHarness, workspace, type SlackHarness } from '../support/slack-harness';

const acme = workspace('T0ACME', 'Acme', [
  { id: 'U0MARIA', name: 'Maria Lopez', tz: 'America/Chicago' },
  { id: 'U0BOB', name: 'Bob Stone', tz: 'America/Chicago' },
]);
const ORG = 'slack:T0ACME';
const BOB = 'slack:T0ACME:U0BOB';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ workspace: acme, start: '2026-11-24T15:00:00Z' });
});
afterAll(async () => h?.close());

/** The responses Slack received on response_urls while `work` ran. */
async function responsesDuring(work: () => Promise<{ status: number }>) {
  const before = h.fake.responses.length;
  expect((await work()).status).toBe(200);
  await h.settle();
  return h.fake.responses.slice(before);
}

function buttonsIn(blocks: any[]): any[] {
  return blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
}

/** Presses a button of an ephemeral message, as Slack posts the block_actions payload for one. */
function pressEphemeral(user: string, blocks: any[], label: string) {
  const button = buttonsIn(blocks).find((e) => e.text.text === label);
  if (!button) throw new Error(`no ${label} button in ${JSON.stringify(blocks)}`);
  return h.requests.interaction({
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: acme.teamId },
    api_app_id: 'A0CLAUSE5',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: '1764000000.000100', channel_id: 'D0MARIA', is_ephemeral: true },
    trigger_id: h.fake.trigger(acme.teamId),
    team: { id: acme.teamId, domain: 'acme' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: 'D0MARIA', name: 'directmessage' },
    response_url: h.fake.responseUrl(acme.teamId),
    actions: [{ ...button, block_id: 'b', action_ts: `${Date.now() / 1000}` }],
  });
}

describe('reading records back in Slack', () => {
  it('pages 57 walks: the first page is accepted and Next replaces it with the second', async () => {
    await responsesDuring(() => h.requests.command(acme, 'U0MARIA', 'help')); // Maria: the first person, admin
    await responsesDuring(() => h.requests.command(acme, 'U0MARIA', 'admin role <@U0BOB|bob> leader'));
    for (let i = 1; i <= 57; i++) {
      const note = `Walked line ${i}. ${'Everything in order, boards current. '.repeat(8)}`;
      await h.tc.store.walks.create(
        {
          orgId: ORG,
          personId: BOB,
          area: `Line ${i}`,
          walkDate: '2026-11-20',
          weekKey: '2026-W47',
          wentWell: note,
          concerns: note,
          tags: ['5S'],
          source: 'adhoc',
        },
        [],
        BOB,
      );
    }
    const [first] = await responsesDuring(() => h.requests.command(acme, 'U0MARIA', 'floorwalk list all'));
    expect(first!.outcome).toBe('ok');
    expect(first!.body.response_type).toBe('ephemeral');
    const firstBlocks = first!.body.blocks as any[];
    expect(firstBlocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(firstBlocks)).toContain('Showing 1–20 of 57 floor walks (page 1 of 3)');
    expect(buttonsIn(firstBlocks).map((b) => b.text.text)).toEqual(['Next']);

    const [second] = await responsesDuring(() => pressEphemeral('U0MARIA', firstBlocks, 'Next'));
    expect(second!.outcome).toBe('ok');
    expect(second!.body.replace_original).toBe(true);
    const secondBlocks = second!.body.blocks as any[];
    expect(JSON.stringify(secondBlocks)).toContain('Showing 21–40 of 57 floor walks (page 2 of 3)');
    expect(buttonsIn(secondBlocks).map((b) => b.text.text)).toEqual(['Previous', 'Next']);

    const [third] = await responsesDuring(() => pressEphemeral('U0MARIA', secondBlocks, 'Next'));
    expect(JSON.stringify(third!.body.blocks)).toContain('Showing 41–57 of 57 floor walks (page 3 of 3)');
    expect(buttonsIn(third!.body.blocks).map((b) => b.text.text)).toEqual(['Previous']);
  });

  it('shows a whole walk with 2,000-character notes within Slack’s limits', async () => {
    const long = 'Concern noted on the line. '.repeat(74).slice(0, 2000);
    const { walk } = await h.tc.store.walks.create(
      {
        orgId: ORG,
        personId: BOB,
        area: 'Paint shop',
        walkDate: '2026-11-23',
        weekKey: '2026-W48',
        wentWell: long,
        concerns: long,
        tags: [],
        source: 'prompt',
      },
      [],
      BOB,
    );
    const [shown] = await responsesDuring(() => h.requests.command(acme, 'U0MARIA', `floorwalk show ${walk.id}`));
    expect(shown!.outcome).toBe('ok');
    const text = JSON.stringify(shown!.body.blocks);
    expect(text).toContain('Paint shop');
    expect(text).toContain('answer to the weekly floor-walk question');
    expect(text.split('Concern noted on the line.').length - 1).toBeGreaterThanOrEqual(2 * 73);
  });
});
