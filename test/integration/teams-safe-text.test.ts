// A Teams display name carrying bidi overrides and a NUL, and a command with them, through the real
// /api/messages: the person is stored (and greeted) without them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsHarness, type TeamsHarness } from '../support/teams-harness';
import { personalMessage, personIdOfUser, TENANT, teamsUser } from '../support/teams-activities';
import { cardOf, cardText } from '../support/teams-cards';

const ORG = `teams:${TENANT}`;
const HIDDEN = /[\u0000\u202a-\u202e\u2066-\u2069]/;
let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness({ startIso: '2026-11-23T15:00:00Z' });
});
afterAll(async () => h?.close());

describe('Teams text entering Clause5', () => {
  it('strips bidi controls and NUL from the profile name and from what is typed', async () => {
    const eve = { ...teamsUser('Eve', 41), name: 'Eve \u202Egnp.exe\u202C\u0000' };
    const send = (text: string) => h.post(personalMessage({ serviceUrl: h.connector.url, user: eve, text }));
    expect((await send('me')).status).toBe(200);
    expect(await h.core.store.people.get(ORG, personIdOfUser(eve))).toMatchObject({ displayName: 'Eve gnp.exe' });
    expect((await send('meeting add "Stand\u2066up\u2069" weekdays 07:30')).status).toBe(200);
    expect((await h.core.store.meetings.list(ORG, personIdOfUser(eve)))[0]?.title).toBe('Standup');
    const shown = h.connector
      .messagesIn(eve.chat)
      .map((m) => cardText(cardOf(m.activity)))
      .join('\n');
    expect(shown).toContain('Eve gnp.exe');
    expect(shown).not.toMatch(HIDDEN);
  });
});
