// Teams end to end, the defences: inbound tokens checked against a local JWKS endpoint standing in
// for the Bot Framework's keys (valid token accepted; forged, expired, wrong audience, wrong issuer
// and missing tokens refused with 401 and no effect; the attacks of issue 9 are in
// teams-tokens.test.ts), outbound calls carrying the bot's token, a forged serviceUrl never
// called, and logs without tokens or message text.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeConnector } from '../support/fake-connector';
import { FakeIdentity } from '../support/teams-auth';
import { startTeamsHarness, type TeamsHarness } from '../support/teams-harness';
import { APP_ID, TENANT, personalInstall, personalMessage, personIdOfUser, teamsUser } from '../support/teams-activities';

const ORG = `teams:${TENANT}`;
const ana = teamsUser('Ana', 1);
const ANA = personIdOfUser(ana);
const SECRET_TEXT = 'help me with the secret recipe';

let idp: FakeIdentity;
let h: TeamsHarness;

/** Nothing a refused request could have changed. */
async function footprint() {
  return {
    people: await h.core.store.people.count(ORG),
    org: Boolean(await h.core.store.orgs.get(ORG)),
    conversations: (await h.teams.conversations.list(ORG)).length,
    connectorCalls: h.connector.calls.length,
  };
}

describe('with credentials: inbound tokens checked before the Agents SDK runs the turn', () => {
  beforeAll(async () => {
    idp = await new FakeIdentity(TENANT).start();
    h = await startTeamsHarness({
      env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_PASSWORD: 'not-used-by-the-sidecar' },
      // Token validation fetches the Bot Framework's keys from `channelKeysUrl`; outbound tokens come
      // from the Entra auth sidecar — both local fakes here. MSAL itself (client secret) insists on
      // https and a real Entra endpoint, so that one credential path is not exercised by these tests.
      auth: { authorityEndpoint: idp.url, authType: 'EntraAuthSideCar', sidecarBaseUrl: idp.url, retryCount: 0 },
      channelKeysUrl: idp.channelKeysUrl,
    });
    // The connector accepts only the tokens the (fake) sidecar issued to the bot.
    h.connector.requireAuthorization((header) => idp.issuedOutbound.some((t) => header === `Bearer ${t}`));
  });
  afterAll(async () => {
    await h?.close();
    await idp?.stop();
  });

  const message = () => personalMessage({ serviceUrl: h.connector.url, user: ana, text: SECRET_TEXT });
  const token = (claims: Record<string, unknown> = {}, options = {}) =>
    idp.sign({ aud: APP_ID, iss: 'https://api.botframework.com', serviceurl: h.connector.url, ...claims }, options);

  const refused: Array<[string, () => Promise<Record<string, string>>]> = [
    ['a missing Authorization header', async () => ({})],
    ['a forged signature', async () => ({ authorization: `Bearer ${await token({}, { forgeSignature: true })}` })],
    ['an expired token', async () => ({ authorization: `Bearer ${await token({ expiresIn: -3600 })}` })],
    ['a wrong audience', async () => ({ authorization: `Bearer ${await token({ aud: '11111111-2222-3333-4444-555555555555' })}` })],
    ['a wrong issuer', async () => ({ authorization: `Bearer ${await token({ iss: 'https://login.evil.example/attacker/v2.0' })}` })],
    ['a malformed header', async () => ({ authorization: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' })],
  ];

  for (const [what, headers] of refused) {
    it(`refuses ${what} with 401 and changes nothing`, async () => {
      const before = await footprint();
      const res = await h.post(message(), await headers());
      expect(res.status).toBe(401);
      expect(await footprint()).toEqual(before);
    });
  }

  it('accepts a valid token; the reply goes out with the bot’s own token', async () => {
    const res = await h.post(message(), { authorization: `Bearer ${await token()}` });
    expect(res.status).toBe(200);
    expect(await h.core.store.people.get(ORG, ANA)).toBeDefined();
    const sends = h.connector.callsOf('send');
    expect(sends).toHaveLength(1);
    expect(idp.issuedOutbound.map((t) => `Bearer ${t}`)).toContain(sends[0]!.authorization);
    expect(idp.keyRequests.length).toBeGreaterThan(0); // the keys were fetched from the fake
  });

  it('refuses a valid token whose serviceurl claim names another host than the activity', async () => {
    const before = await footprint();
    const res = await h.post(message(), { authorization: `Bearer ${await token({ serviceurl: 'https://smba.trafficmanager.net/amer/' })}` });
    expect(res.status).toBe(401);
    expect(await footprint()).toEqual(before);
  });

  it('never logs tokens, secrets or message text', async () => {
    const logged = h.log.text();
    expect(logged).not.toMatch(/eyJ[\w-]{10,}/); // no JWT
    expect(logged).not.toContain('not-used-by-the-sidecar');
    expect(logged).not.toContain(SECRET_TEXT);
  });
});

describe('the serviceUrl allow-list', () => {
  let evil: FakeConnector;
  beforeAll(async () => {
    h = await startTeamsHarness();
    evil = await new FakeConnector().start();
  });
  afterAll(async () => {
    await h?.close();
    await evil?.stop();
  });
  afterEach(() => expect(evil.calls).toEqual([]));

  it('refuses an activity whose serviceUrl is not allowed, before anything calls it', async () => {
    const before = await footprint();
    for (const activity of [
      personalInstall({ serviceUrl: evil.url, user: ana }),
      personalMessage({ serviceUrl: evil.url, user: ana, text: 'help' }),
      personalMessage({ serviceUrl: 'https://smba.trafficmanager.net.evil.example/amer/', user: ana, text: 'help' }),
      personalMessage({ serviceUrl: 'http://smba.trafficmanager.net/amer/', user: ana, text: 'help' }), // not https
    ]) {
      const res = await h.post(activity);
      expect(res.status).toBe(400);
    }
    expect(await footprint()).toEqual(before);
    expect(h.log.entries.some((e) => e.level === 'warn' && e.msg?.includes('serviceUrl is not on the allow-list'))).toBe(true);
  });

  it('never sends to a stored reference whose host was later taken off the list', async () => {
    await h.post(personalInstall({ serviceUrl: h.connector.url, user: ana }));
    // A reference saved under an old, wider configuration (simulated by writing it directly).
    await h.teams.conversations.save({ ...(await h.teams.conversations.get(ORG, 'person', ANA))!, serviceUrl: evil.url });
    await expect(h.teams.chat.sendDirect(ORG, ANA, { summary: 'hi', blocks: [] })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('answers 400 to a body that is not an activity, and 413 to one over 256 KB', async () => {
    const notJson = await fetch(`${h.baseUrl}/api/messages`, { method: 'POST', body: '{nope' });
    expect(notJson.status).toBe(400);
    const huge = await fetch(`${h.baseUrl}/api/messages`, { method: 'POST', body: JSON.stringify({ text: 'x'.repeat(300 * 1024) }) });
    expect(huge.status).toBe(413);
  });
});
