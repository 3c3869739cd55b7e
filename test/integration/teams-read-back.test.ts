// Reading records back through Teams end to end: a long list comes as a card Teams can render with
// a Next button (Action.Execute); tapping it answers with the next page's card and persists it in
// place of the tapped one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsHarness, type TeamsHarness } from '../support/teams-harness';
import { TENANT, invokeAction, mention, personalInstall, personalMessage, personIdOfUser, teamsUser } from '../support/teams-activities';
import { byteSize } from '../../src/platforms/teams/cards/size';
import { cardActions, cardOf, cardText, validateCard } from '../support/teams-cards';

const ORG = `teams:${TENANT}`;
const ana = teamsUser('Ana', 1); // installs first: admin
const bob = teamsUser('Bob', 2);
const BOB = personIdOfUser(bob);

let h: TeamsHarness;

async function say(user: ReturnType<typeof teamsUser>, text: string, entities: unknown[] = []) {
  const before = h.connector.messagesIn(user.chat).length;
  const res = await h.post(personalMessage({ serviceUrl: h.connector.url, user, text, entities }));
  expect(res.status).toBe(200);
  return h.connector.messagesIn(user.chat).slice(before);
}

beforeAll(async () => {
  h = await startTeamsHarness({ startIso: '2026-11-24T15:00:00Z' });
  await h.post(personalInstall({ serviceUrl: h.connector.url, user: ana }));
  await h.post(personalInstall({ serviceUrl: h.connector.url, user: bob }));
  await say(ana, 'help');
  await say(bob, 'me');
  await say(ana, 'admin role <at>Bob</at> leader', [mention(bob, true)]);
});
afterAll(async () => h?.close());

describe('reading records back in Teams', () => {
  it('pages 57 walks; tapping Next answers with page 2 and replaces the tapped card', async () => {
    for (let i = 1; i <= 57; i++) {
      const note = `Walked line ${i}. ${'Everything in order, boards current. '.repeat(8)}`;
      await h.core.store.walks.create(
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
    const [first] = await say(ana, 'floorwalk list all');
    const card = cardOf(first!.activity);
    expect(validateCard(card)).toEqual([]);
    expect(byteSize(card)).toBeLessThan(24_000);
    expect(cardText(card)).toContain('Showing 1–20 of 57 floor walks (page 1 of 3)');
    expect(cardText(card)).not.toContain('shortened');
    const next = cardActions(card).find((a) => a.title === 'Next');
    expect(next?.verb).toBe('floorwalk.list.page');

    const res = await h.post(invokeAction({ serviceUrl: h.connector.url, user: ana, replyToId: first!.id, verb: next!.verb, data: next!.data }));
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(validateCard(res.body.value)).toEqual([]);
    expect(cardText(res.body.value)).toContain('Showing 21–40 of 57 floor walks (page 2 of 3)');
    expect(cardActions(res.body.value).map((a) => a.title)).toEqual(['Previous', 'Next']);
    await h.teams.idle();
    const stored = h.connector.activities.get(first!.id)!;
    expect(stored.history).toHaveLength(1);
    expect(cardText(cardOf(stored.activity))).toContain('Showing 21–40 of 57');
  });
});
