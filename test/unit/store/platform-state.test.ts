// The PlatformState port's contract, on both engines (test/support/engines.ts): what the Slack and
// Teams platforms rely on when they remember installations, DM channels and conversation references.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ConversationInput, PlatformState } from '../../../src/platforms/state';
import { SecretBox } from '../../../src/store/secret-box';
import { describeEngines } from '../../support/engines';

const ORG = 'teams:tenant-1';
const box = new SecretBox(Buffer.alloc(32, 3));

const person = (over: Partial<ConversationInput> = {}): ConversationInput => ({
  orgId: ORG,
  tenantId: 'tenant-1',
  kind: 'person',
  subject: `${ORG}:aad-1`,
  serviceUrl: 'https://smba.example/',
  conversationId: 'a:chat-1',
  botId: '28:bot',
  userId: '29:user-1',
  teamId: null,
  name: 'Ana',
  ...over,
});

describeEngines('platform state', (engine) => {
  let now: number;
  let state: PlatformState;

  beforeEach(async () => {
    now = 1_000;
    await engine.open(() => now);
    state = engine.platformState(() => now, { box, envToken: 'xoxb-from-env' });
  });

  describe('Slack installations', () => {
    const install = {
      teamId: 'T1',
      enterpriseId: null,
      teamName: 'Acme',
      botToken: 'xoxb-secret',
      botUserId: 'UB',
      botId: 'BB',
      installerUserId: 'U1',
      scopes: ['chat:write', 'commands'],
    };

    it('gives back what was saved, with the token sealed at rest', async () => {
      expect(await state.slackInstallations.save(install)).toEqual({ ...install, installedAt: 1_000 });
      expect(await state.slackInstallations.get('T1')).toMatchObject({ botToken: 'xoxb-secret', scopes: ['chat:write', 'commands'] });
      expect(String((await engine.rows('slack_installations'))[0]!.botToken)).toMatch(/^c5s1:/);
      expect(await state.slackInstallations.count()).toBe(1);
    });

    it('keeps the single bot token in the environment, not in the table', async () => {
      await state.slackInstallations.save({ ...install, botToken: 'xoxb-from-env' });
      expect((await engine.rows('slack_installations'))[0]!.botToken).toBe('env:');
      expect((await state.slackInstallations.get('T1'))?.botToken).toBe('xoxb-from-env');
    });

    it('forgets a workspace once', async () => {
      await state.slackInstallations.save(install);
      expect(await state.slackInstallations.delete('T1')).toBe(true);
      expect(await state.slackInstallations.delete('T1')).toBe(false);
      expect(await state.slackInstallations.get('T1')).toBeUndefined();
    });
  });

  describe('Slack DM channels', () => {
    it('records a channel and replaces it when Slack names another', async () => {
      expect(await state.slackDmChannels.get('T1', 'U1')).toBeUndefined();
      await state.slackDmChannels.put('T1', 'U1', 'D111');
      await state.slackDmChannels.put('T1', 'U1', 'D222');
      expect(await state.slackDmChannels.get('T1', 'U1')).toBe('D222');
      expect(await state.slackDmChannels.get('T2', 'U1')).toBeUndefined();
    });
  });

  describe('Teams conversation references', () => {
    it('a later sighting without a chat keeps the known chat, user id and name', async () => {
      await state.teamsConversations.save(person());
      now = 2_000;
      await state.teamsConversations.save(person({ conversationId: null, userId: null, name: null, serviceUrl: 'https://smba.example/new/' }));
      expect(await state.teamsConversations.get(ORG, 'person', `${ORG}:aad-1`)).toEqual({
        ...person(),
        serviceUrl: 'https://smba.example/new/',
        updatedAt: 2_000,
      });
      expect((await state.teamsConversations.personByUserId(ORG, '29:user-1'))?.subject).toBe(`${ORG}:aad-1`);
      expect((await state.teamsConversations.byConversation(ORG, 'a:chat-1'))?.subject).toBe(`${ORG}:aad-1`);
      // Created once (audited), refreshed without an audit row.
      expect((await engine.rows('audit_log')).map((r) => r.action)).toEqual(['create']);
    });

    it('forgets a chat (keeping the person), a channel, and every channel of a team', async () => {
      await state.teamsConversations.save(person());
      const channel = (id: string, teamId: string): ConversationInput => ({
        ...person(),
        kind: 'channel',
        subject: id,
        conversationId: id,
        userId: null,
        teamId,
        name: id,
      });
      for (const c of [channel('19:a', 'team-1'), channel('19:b', 'team-1'), channel('19:c', 'team-2')]) await state.teamsConversations.save(c);
      expect(await state.teamsConversations.forgetChat(ORG, `${ORG}:aad-1`)).toBe(true);
      expect(await state.teamsConversations.forgetChat(ORG, `${ORG}:aad-1`)).toBe(false);
      expect((await state.teamsConversations.get(ORG, 'person', `${ORG}:aad-1`))?.userId).toBe('29:user-1');
      expect(await state.teamsConversations.forgetChannel(ORG, '19:c')).toBe(true);
      expect(await state.teamsConversations.forgetTeam(ORG, 'team-1')).toBe(2);
      expect(await state.teamsConversations.list(ORG, 'channel')).toEqual([]);
      expect((await state.teamsConversations.list(ORG)).map((c) => c.kind)).toEqual(['person']);
      expect(await state.teamsConversations.anyOf(ORG)).toBeUndefined(); // the only person has no chat now
    });
  });
});
