// Teams with the Azure Bot registration (issue 9, §1): /api/messages accepts only what the Bot
// Connector sends — a token issued by https://api.botframework.com, for this app, whose serviceurl
// claim is the activity's serviceUrl — and only for the configured tenant(s). Everything else is
// refused before the activity is processed: no row in any table changes, nothing reaches the
// connector. The tokens are signed with the local identity provider's key, served both as the
// Bot Framework's channel keys and as the Entra tenant's keys: only the claims differ.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowCounts } from '../reliability/support/db';
import { FakeIdentity, type TokenClaims } from '../support/teams-auth';
import { startTeamsHarness, type HarnessOptions, type TeamsHarness } from '../support/teams-harness';
import { APP_ID, TENANT, personalMessage, personIdOfUser, teamsUser } from '../support/teams-activities';

const BOT_FRAMEWORK = 'https://api.botframework.com';
const BOT_FRAMEWORK_GOV = 'https://api.botframework.us';
const OTHER_APP = '11111111-2222-3333-4444-555555555555';
const FOREIGN = '0f0f0f0f-1111-4222-8333-444455556666';
const SECOND = '5e5e5e5e-aaaa-4bbb-8ccc-dddddddddddd';
const ana = teamsUser('Ana', 1);

let idp: FakeIdentity;

beforeAll(async () => {
  idp = await new FakeIdentity(TENANT).start();
});
afterAll(async () => {
  await idp?.stop();
});

/** A harness with the Azure Bot registration; outbound tokens come from the fake Entra sidecar. */
function signedHarness(env: Record<string, string> = {}, options: HarnessOptions = {}): Promise<TeamsHarness> {
  return startTeamsHarness({
    env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_PASSWORD: 'not-used-by-the-sidecar', ...env },
    auth: { authorityEndpoint: idp.url, authType: 'EntraAuthSideCar', sidecarBaseUrl: idp.url, retryCount: 0 },
    channelKeysUrl: idp.channelKeysUrl,
    ...options,
  });
}

/** What a refused request must leave untouched: every table's row count, and the connector. */
function footprint(h: TeamsHarness) {
  return { rows: rowCounts(h.core.dbPath), connectorCalls: h.connector.calls.length };
}

async function expectRefused(h: TeamsHarness, activity: unknown, token: string | undefined, status: number) {
  const before = footprint(h);
  const res = await h.post(activity, token === undefined ? {} : { authorization: `Bearer ${token}` });
  expect(res.status).toBe(status);
  expect(footprint(h)).toEqual(before);
}

describe('single tenant, public cloud', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await signedHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const message = (tenant = TENANT) => personalMessage({ serviceUrl: h.connector.url, user: ana, text: 'admin role @Bo admin', tenant });
  /** What the Bot Connector sends: issuer api.botframework.com, audience our app, the serviceurl claim. */
  const channelToken = (claims: TokenClaims = {}) => idp.sign({ iss: BOT_FRAMEWORK, aud: APP_ID, serviceurl: h.connector.url, ...claims });

  it('refuses the probe: a token from the app’s own Entra tenant, for another app, without serviceurl, naming another tenant', async () => {
    // idp.issuer is https://login.microsoftonline.com/<tenant>/v2.0 for an SDK whose authority is this
    // fake (the SDK fetched its keys there and accepted this token before the fix).
    const token = await idp.sign({ iss: idp.issuer, aud: APP_ID, azp: OTHER_APP, appid: OTHER_APP, tid: TENANT, ver: '2.0' });
    await expectRefused(h, message(FOREIGN), token, 401);
  });

  it('refuses a token issued by the Entra tenant even when every other claim is right', async () => {
    await expectRefused(h, message(), await channelToken({ iss: idp.issuer, tid: TENANT }), 401);
  });

  it('refuses a token another application of the tenant obtained for this app (azp/appid)', async () => {
    const token = await idp.sign({ iss: idp.issuer, aud: APP_ID, azp: OTHER_APP, appid: OTHER_APP, tid: TENANT, serviceurl: h.connector.url });
    await expectRefused(h, message(), token, 401);
  });

  it('refuses a Bot Framework token for another app (audience)', async () => {
    await expectRefused(h, message(), await channelToken({ aud: OTHER_APP }), 401);
    await expectRefused(h, message(), await channelToken({ aud: [OTHER_APP, APP_ID] }), 401);
  });

  it('refuses a Bot Framework token without a serviceurl claim', async () => {
    await expectRefused(h, message(), await channelToken({ serviceurl: undefined }), 401);
  });

  it('refuses a serviceurl claim that is not the activity’s serviceUrl (host, port or path)', async () => {
    const connector = new URL(h.connector.url);
    for (const serviceurl of [
      'https://smba.trafficmanager.net/amer/',
      `http://${connector.hostname}:${Number(connector.port) + 1}/`, // same host, another port
      `${h.connector.url}/other-tenant/`,
    ]) {
      await expectRefused(h, message(), await channelToken({ serviceurl }), 401);
    }
  });

  it('refuses the government cloud’s issuer when the public cloud is configured', async () => {
    await expectRefused(h, message(), await channelToken({ iss: BOT_FRAMEWORK_GOV }), 401);
  });

  it('refuses an expired token beyond the 5-minute clock skew, and an unsigned or forged one', async () => {
    await expectRefused(h, message(), await channelToken({ expiresIn: -6 * 60 }), 401);
    await expectRefused(h, message(), await idp.sign({ iss: BOT_FRAMEWORK, aud: APP_ID, serviceurl: h.connector.url }, { forgeSignature: true }), 401);
    await expectRefused(h, message(), undefined, 401);
  });

  it('refuses an activity of another tenant with 403', async () => {
    await expectRefused(h, message(FOREIGN), await channelToken(), 403);
  });

  it('refuses an activity whose two tenant fields disagree, or that names no tenant, with 403', async () => {
    const mixed = { ...message(), channelData: { tenant: { id: FOREIGN } } };
    await expectRefused(h, mixed, await channelToken(), 403);
    const swapped = { ...message(FOREIGN), channelData: { tenant: { id: TENANT } } };
    await expectRefused(h, swapped, await channelToken(), 403);
    const none = { ...message(), conversation: { ...message().conversation, tenantId: undefined }, channelData: {} };
    await expectRefused(h, none, await channelToken(), 403);
  });

  it('accepts the Bot Connector’s token: 200, the person is recorded, the reply goes out', async () => {
    // Expired two minutes ago: inside the SDK's 5-minute clock skew, which Clause5 keeps.
    const token = await channelToken({ expiresIn: -2 * 60, serviceurl: `${h.connector.url}/` }); // trailing slash: same URL
    const sends = h.connector.callsOf('send').length;
    const res = await h.post(personalMessage({ serviceUrl: h.connector.url, user: ana, text: 'help' }), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(await h.core.store.people.get(`teams:${TENANT}`, personIdOfUser(ana))).toBeDefined();
    expect(h.connector.callsOf('send').length - sends).toBe(1);
    expect(idp.keyRequests.length).toBeGreaterThan(0);
  });
});

describe('TEAMS_ALLOWED_TENANTS: an explicit list of tenants', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await signedHarness({ TEAMS_ALLOWED_TENANTS: `${TENANT}, ${SECOND.toUpperCase()}` });
  });
  afterAll(async () => {
    await h?.close();
  });
  const token = () => idp.sign({ iss: BOT_FRAMEWORK, aud: APP_ID, serviceurl: h.connector.url });

  it('accepts each listed tenant as its own organisation, and still refuses the others', async () => {
    const res = await h.post(personalMessage({ serviceUrl: h.connector.url, user: ana, text: 'help', tenant: SECOND }), {
      authorization: `Bearer ${await token()}`,
    });
    expect(res.status).toBe(200);
    expect(await h.core.store.people.get(`teams:${SECOND}`, personIdOfUser(ana, SECOND))).toBeDefined();
    await expectRefused(h, personalMessage({ serviceUrl: h.connector.url, user: ana, text: 'help', tenant: FOREIGN }), await token(), 403);
  });
});

describe('MICROSOFT_CLOUD=government', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await signedHarness({ MICROSOFT_CLOUD: 'government' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('accepts the government Bot Framework’s issuer and refuses the public one', async () => {
    const activity = () => personalMessage({ serviceUrl: h.connector.url, user: ana, text: 'help' });
    await expectRefused(h, activity(), await idp.sign({ iss: BOT_FRAMEWORK, aud: APP_ID, serviceurl: h.connector.url }), 401);
    const res = await h.post(activity(), { authorization: `Bearer ${await idp.sign({ iss: BOT_FRAMEWORK_GOV, aud: APP_ID, serviceurl: h.connector.url })}` });
    expect(res.status).toBe(200);
  });
});
