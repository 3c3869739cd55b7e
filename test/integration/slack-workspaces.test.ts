// Multi-workspace Slack: the OAuth install flow stores each workspace's token in SQLite, each
// workspace is its own organisation and never sees another's data, and uninstalling deletes the
// workspace's tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installViaOAuth, startSlackHarness, workspace, type SlackHarness } from '../support/slack-harness';

const acme = workspace('T0ACME', 'Acme', [
  { id: 'U0ADA', name: 'Ada Acme', tz: 'America/Chicago' },
  { id: 'U0LEO', name: 'Leo Acme', tz: 'America/Chicago' },
]);
const globex = workspace('T0GLOBEX', 'Globex', [
  { id: 'U1GIL', name: 'Gil Globex', tz: 'Europe/London' },
  { id: 'U1UMA', name: 'Uma Globex', tz: 'Europe/London' },
]);
const other = workspace('T0NOTINSTALLED', 'Other', [{ id: 'U2OLI', name: 'Oli Other' }]);
const initech = workspace('T0INITECH', 'Initech', [
  { id: 'U3IVY', name: 'Ivy Initech', tz: 'Europe/Berlin' },
  { id: 'U3EVE', name: 'Eve Initech', tz: 'Europe/Berlin' },
]);
const hooli = workspace('T0HOOLI', 'Hooli', [
  { id: 'U4BOSS', name: 'Boss Hooli' },
  { id: 'U4EVE', name: 'Eve Hooli' },
]);
const INSTALLERS: Record<string, string> = { T0ACME: 'U0ADA', T0GLOBEX: 'U1GIL', T0INITECH: 'U3IVY' };

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ oauth: true, others: [acme, globex, other, initech, hooli] });
});
afterAll(async () => h?.close());

async function command(ws: typeof acme, user: string, text: string): Promise<string> {
  const before = h.fake.responses.length;
  await h.requests.command(ws, user, text);
  await h.settle();
  const reply = h.fake.responses.slice(before);
  expect(reply).toHaveLength(1);
  return JSON.stringify(reply[0]!.body);
}

describe('OAuth install', () => {
  it('serves the Add to Slack page with the scopes from the manifest', async () => {
    const page = await fetch(`${h.baseUrl}/slack/install`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('scope=commands%2Cchat%3Awrite%2Cim%3Ahistory%2Cim%3Awrite%2Capp_mentions%3Aread%2Cusers%3Aread%2Cfiles%3Awrite');
    expect(page.headers.get('set-cookie')).toContain('slack-app-oauth-state=');
  });

  it('refuses a redirect whose state is not this browser’s, and stores nothing', async () => {
    const res = await installViaOAuth(h, acme, { cookie: 'slack-app-oauth-state=forged' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('not installed');
    expect(await h.slack.installations.get(acme.teamId)).toBeUndefined();
    expect(h.fake.callsTo('oauth.v2.access')).toHaveLength(0);
  });

  it('installs two workspaces, each as its own organisation', async () => {
    for (const ws of [acme, globex]) {
      const res = await installViaOAuth(h, ws, { installer: INSTALLERS[ws.teamId] });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`installed in ${ws.teamName}`);
      expect(await h.slack.installations.get(ws.teamId)).toMatchObject({
        botToken: ws.botToken,
        botUserId: ws.botUserId,
        botId: ws.botId,
        installerUserId: INSTALLERS[ws.teamId],
      });
      expect((await h.tc.store.orgs.get(`slack:${ws.teamId}`))?.name).toBe(ws.teamName);
    }
  });

  it('makes the installer the organisation’s admin at install time (audited), not the first person to talk', async () => {
    expect((await installViaOAuth(h, initech, { installer: 'U3IVY' })).status).toBe(200);
    const ivy = await h.tc.store.people.get('slack:T0INITECH', 'slack:T0INITECH:U3IVY');
    expect(ivy).toMatchObject({ role: 'admin', displayName: 'Ivy Initech', timeZone: 'Europe/Berlin' });
    const audit = await h.tc.store.audit.history('slack:T0INITECH', 'person', 'slack:T0INITECH:U3IVY');
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([['create', null]]);
    // Eve talks first after the install: she is a member and cannot make herself admin.
    expect(await command(initech, 'U3EVE', 'admin role <@U3EVE|eve> admin')).toContain('Only an admin');
    expect((await h.tc.store.people.get('slack:T0INITECH', 'slack:T0INITECH:U3EVE'))?.role).toBe('member');
    expect(await command(initech, 'U3IVY', 'admin role <@U3EVE|eve> leader')).toContain('is now leader');
    // Eve, a leader, re-installs the app: the workspace has an admin, so she stays a leader.
    expect((await installViaOAuth(h, initech, { installer: 'U3EVE' })).status).toBe(200);
    expect((await h.tc.store.people.get('slack:T0INITECH', 'slack:T0INITECH:U3EVE'))?.role).toBe('leader');
    expect((await h.tc.store.people.get('slack:T0INITECH', 'slack:T0INITECH:U3IVY'))?.role).toBe('admin');
  });

  it('when the installer was never recorded as a person, only the installer becomes admin on arrival', async () => {
    // An installation stored before installers were made admin: the organisation has nobody yet.
    const { teamId, teamName, botToken, botUserId, botId } = hooli;
    await h.slack.installations.save({ teamId, enterpriseId: null, teamName, botToken, botUserId, botId, installerUserId: 'U4BOSS', scopes: [] });
    await h.requests.command(hooli, 'U4EVE', 'help');
    await h.settle();
    await h.requests.command(hooli, 'U4BOSS', 'help');
    await h.settle();
    expect((await h.tc.store.people.get('slack:T0HOOLI', 'slack:T0HOOLI:U4EVE'))?.role).toBe('member');
    expect((await h.tc.store.people.get('slack:T0HOOLI', 'slack:T0HOOLI:U4BOSS'))?.role).toBe('admin');
  });
});

describe('workspaces never see each other', () => {
  beforeAll(async () => {
    await command(acme, 'U0ADA', 'admin role <@U0LEO|leo> leader');
    await command(acme, 'U0LEO', 'meeting add "Acme secret stand-up" daily 07:30');
    await command(globex, 'U1GIL', 'admin role <@U1UMA|uma> leader');
    await command(globex, 'U1UMA', 'meeting add "Globex line review" daily 08:00');
  });

  it('stores each workspace’s people in its own organisation', async () => {
    expect((await h.tc.store.people.list('slack:T0ACME')).map((p) => p.id).sort()).toEqual(['slack:T0ACME:U0ADA', 'slack:T0ACME:U0LEO']);
    expect((await h.tc.store.people.list('slack:T0GLOBEX')).map((p) => p.id).sort()).toEqual(['slack:T0GLOBEX:U1GIL', 'slack:T0GLOBEX:U1UMA']);
  });

  it('lists, scores and shows only the asker’s workspace', async () => {
    const globexList = await command(globex, 'U1GIL', 'meeting list all');
    expect(globexList).toContain('Globex line review');
    expect(globexList).not.toContain('Acme');
    const acmeList = await command(acme, 'U0ADA', 'meeting list all');
    expect(acmeList).toContain('Acme secret stand-up');
    expect(acmeList).not.toContain('Globex');
    const card = await command(globex, 'U1GIL', 'scorecard all');
    expect(card).toContain('Uma Globex');
    expect(card).not.toContain('Leo Acme');
  });

  it('cannot reach a person of another workspace by mentioning their id', async () => {
    const reply = await command(globex, 'U1GIL', 'meeting add "Poach" daily 09:00 <@U0LEO|leo>');
    expect(reply).toContain('U0LEO');
    expect(await h.tc.store.people.get('slack:T0GLOBEX', 'slack:T0GLOBEX:U0LEO')).toBeUndefined();
    expect(await h.tc.store.meetings.list('slack:T0GLOBEX', 'slack:T0ACME:U0LEO')).toEqual([]);
    expect(
      h.fake
        .callsTo('users.info', globex.teamId)
        .filter((c) => c.args.user === 'U0LEO')
        .map((c) => c.outcome),
    ).toEqual(['user_not_found']);
  });

  it('ignores requests from a workspace that never installed the app', async () => {
    const calls = h.fake.calls.length;
    const res = await h.requests.command(other, 'U2OLI', 'help');
    expect(res.status).toBe(200);
    await h.settle();
    expect(h.fake.calls.length).toBe(calls);
    expect(await h.tc.store.orgs.get('slack:T0NOTINSTALLED')).toBeUndefined();
  });

  it('sends each workspace’s DMs with that workspace’s token', async () => {
    await h.tc.deps.platform.sendDirect('slack:T0ACME', 'slack:T0ACME:U0LEO', { summary: 'hi Leo', blocks: [] });
    await h.tc.deps.platform.sendDirect('slack:T0GLOBEX', 'slack:T0GLOBEX:U1UMA', { summary: 'hi Uma', blocks: [] });
    expect(h.fake.posted('U0LEO').at(-1)!.team).toBe(acme.teamId);
    expect(h.fake.posted('U1UMA').at(-1)!.team).toBe(globex.teamId);
    await expect(h.tc.deps.platform.sendDirect('slack:T0GLOBEX', 'slack:T0ACME:U0LEO', { summary: 'x', blocks: [] })).rejects.toMatchObject({
      code: 'unreachable',
    });
  });
});

describe('uninstalling', () => {
  it('app_uninstalled deletes the workspace’s tokens; its records stay; the other workspace carries on', async () => {
    const res = await h.requests.event(acme, { type: 'app_uninstalled' });
    expect(res.status).toBe(200);
    await h.settle();
    expect(await h.slack.installations.get(acme.teamId)).toBeUndefined();
    expect(await h.slack.installations.get(globex.teamId)).toBeDefined();
    expect(await h.tc.store.meetings.list('slack:T0ACME')).toHaveLength(1);

    await expect(h.tc.deps.platform.sendDirect('slack:T0ACME', 'slack:T0ACME:U0LEO', { summary: 'x', blocks: [] })).rejects.toMatchObject({ code: 'auth' });
    const calls = h.fake.calls.length;
    await h.requests.command(acme, 'U0ADA', 'help'); // Slack would not send this any more; if it did, nothing happens
    await h.settle();
    expect(h.fake.calls.length).toBe(calls);
    expect(await command(globex, 'U1GIL', 'help')).toContain('/clause5 meeting add'); // the other workspace is still served
  });

  it('tokens_revoked for our bot deletes the tokens; a revoked user token alone does not', async () => {
    await h.requests.event(globex, { type: 'tokens_revoked', tokens: { oauth: ['U1GIL'] } });
    await h.settle();
    expect(await h.slack.installations.get(globex.teamId)).toBeDefined();
    await h.requests.event(globex, { type: 'tokens_revoked', tokens: { bot: [globex.botUserId] } });
    await h.settle();
    expect(await h.slack.installations.get(globex.teamId)).toBeUndefined();
  });

  it('a reinstall brings the workspace back with its old records', async () => {
    expect((await installViaOAuth(h, acme)).status).toBe(200);
    expect(await command(acme, 'U0LEO', 'meeting list')).toContain('Acme secret stand-up');
  });
});
