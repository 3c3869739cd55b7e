// Organisations, inbound event keys, scheduler state, web sign-in links and sessions, and the
// stored-secret pass, on both engines (test/support/engines.ts).
import { expect, it } from 'vitest';
import { SecretBox } from '../../../src/store/secret-box';
import { describeEngines } from '../../support/engines';

const T0 = Date.parse('2026-11-23T09:00:00Z');
const DAY = 86_400_000;

describeEngines('store basics', (engine) => {
  let clock = T0;
  const now = () => clock;
  const open = () => {
    clock = T0;
    return engine.open(now);
  };

  it('ensures an organisation once and patches its settings with an audit entry', async () => {
    const store = await open();
    const org = await store.orgs.ensure({ id: 'slack:T1', platform: 'slack', name: 'Acme' });
    expect(org).toEqual({ id: 'slack:T1', platform: 'slack', name: 'Acme', settings: {}, createdAt: T0 });
    clock += 1_000;
    expect(await store.orgs.ensure({ id: 'slack:T1', platform: 'slack', name: 'Renamed' })).toEqual(org);
    const patched = await store.orgs.updateSettings('slack:T1', { digestChannel: 'C9' }, 'slack:T1:U1');
    expect(patched.settings).toEqual({ digestChannel: 'C9' });
    expect((await store.orgs.get('slack:T1'))?.settings).toEqual({ digestChannel: 'C9' });
    expect(await store.audit.recent('slack:T1', 5)).toMatchObject([
      { entity: 'org_settings', action: 'update', actorId: 'slack:T1:U1', before: {}, after: { digestChannel: 'C9' }, at: T0 + 1_000 },
    ]);
    await expect(store.orgs.updateSettings('slack:nope', {}, null)).rejects.toThrow(/unknown organisation/);
    expect((await store.orgs.list()).map((o) => o.id)).toEqual(['slack:T1']);
  });

  it('two settings patches at once on two connections both stay', async () => {
    const store = await open();
    await store.orgs.ensure({ id: 'local', platform: 'local', name: 'Plant' });
    const other = await engine.openAnother(now);
    await Promise.all([
      store.orgs.updateSettings('local', { digestChannel: 'C1' }, null),
      other.orgs.updateSettings('local', { scorecardWeights: { meetings: 1, walks: 1, followUps: 1, prompts: 1 } } as never, null),
    ]);
    expect(Object.keys((await store.orgs.get('local'))!.settings).sort()).toEqual(['digestChannel', 'scorecardWeights']);
  });

  it('marks an inbound event key once, and forgets keys older than a week', async () => {
    const store = await open();
    expect(await store.markProcessed('slack:event:1', 'slack:T1')).toBe(true);
    expect(await store.markProcessed('slack:event:1', 'slack:T1')).toBe(false);
    clock += 8 * DAY;
    expect(await store.markProcessed('slack:event:2', null)).toBe(true);
    expect((await engine.rows('processed_events')).map((r) => r.key)).toEqual(['slack:event:2']);
  });

  it('reads back scheduler state and replaces it', async () => {
    const store = await open();
    expect(await store.getState('k')).toBeUndefined();
    await store.setState('k', 'one');
    await store.setState('k', 'two');
    expect(await store.getState('k')).toBe('two');
  });

  it('uses a sign-in link once, before it expires, and ends a session', async () => {
    const store = await open();
    await store.orgs.ensure({ id: 'local', platform: 'local', name: 'Plant' });
    await store.web.addLink({ tokenHash: 'h1', orgId: 'local', personId: 'local:ann', expiresAt: T0 + 600_000 });
    await store.web.addLink({ tokenHash: 'h2', orgId: 'local', personId: 'local:bob', expiresAt: T0 + 600_000 });
    const other = await engine.openAnother(now);
    const both = await Promise.all([store.web.useLink('h1', T0 + 1), other.web.useLink('h1', T0 + 1)]);
    expect(both.filter(Boolean)).toEqual([{ orgId: 'local', personId: 'local:ann' }]);
    expect(await store.web.useLink('h2', T0 + 600_000)).toBeUndefined(); // expired
    const session = { orgId: 'local', personId: 'local:ann', role: 'leader' as const, csrfToken: 'c', expiresAt: T0 + DAY };
    await store.web.openSession({ ...session, tokenHash: 's1' });
    expect(await store.web.session('s1', T0 + 1)).toEqual(session);
    expect(await store.web.session('s1', T0 + DAY)).toBeUndefined();
    await store.web.endSession('s1', T0 + 2);
    expect(await store.web.session('s1', T0 + 3)).toBeUndefined();
    // A day past their end, links and sessions are dropped when the next link is made.
    clock = T0 + 3 * DAY;
    await store.web.addLink({ tokenHash: 'h3', orgId: 'local', personId: 'local:ann', expiresAt: clock + 600_000 });
    expect((await engine.rows('web_links')).map((r) => r.tokenHash)).toEqual(['h3']);
    expect(await engine.rows('web_sessions')).toEqual([]);
  });

  it('seals a plaintext token at start-up, re-seals on rotation, and refuses a key that does not open it', async () => {
    await open();
    const previous = new SecretBox(Buffer.alloc(32, 1));
    const current = new SecretBox(Buffer.alloc(32, 2), Buffer.alloc(32, 1));
    // A plaintext token, as a version before encryption stored it.
    await engine.execute(`INSERT INTO slack_installations (team_id, bot_token, bot_user_id, bot_id, installed_at) VALUES ('T1', 'xoxb-1', 'UB', 'BB', 1)`);
    expect(await engine.sealStoredSecrets(new SecretBox())).toEqual({ sealed: 0, resealed: 0, plaintext: 1 });
    expect(await engine.sealStoredSecrets(previous)).toEqual({ sealed: 1, resealed: 0, plaintext: 0 });
    const sealed = String((await engine.rows('slack_installations'))[0]!.botToken);
    expect(sealed).toMatch(/^c5s1:/);
    expect(await engine.sealStoredSecrets(current, { rotate: true })).toEqual({ sealed: 0, resealed: 1, plaintext: 0 });
    expect(String((await engine.rows('slack_installations'))[0]!.botToken)).not.toBe(sealed);
    expect((await engine.platformState(now, { box: current }).slackInstallations.get('T1'))?.botToken).toBe('xoxb-1');
    await expect(engine.sealStoredSecrets(new SecretBox(Buffer.alloc(32, 9)))).rejects.toThrow(/CLAUSE5_SECRET_KEY/);
  });
});
