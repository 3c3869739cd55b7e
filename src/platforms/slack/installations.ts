// Slack workspaces Clause5 may talk to (PlatformState.slackInstallations). The OAuth flow stores
// them (through the @slack/oauth InstallationStore adapter below), the single-token mode seeds its
// one workspace at start-up, and app_uninstalled / tokens_revoked forget them.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { SlackInstallation, SlackInstallationInput, SlackInstallationState } from '../state';

export type { SlackInstallation } from '../state';

/** What the platform needs to act in a workspace. */
export interface InstallationSource {
  get(teamId: string): Promise<SlackInstallation | undefined>;
}

/**
 * Every inbound request reads its workspace's installation (Bolt's authorize, then the listener),
 * so a read is remembered briefly. This process's own changes clear it at once; the short expiry
 * covers a change made by another process on the same database.
 */
const REMEMBER_MS = 2_000;

export class SlackInstallations implements InstallationSource {
  private readonly remembered = new Map<string, { installation: SlackInstallation | undefined; until: number }>();

  constructor(private readonly state: SlackInstallationState) {}

  async save(installation: SlackInstallationInput): Promise<SlackInstallation> {
    this.remembered.delete(installation.teamId);
    const stored = await this.state.save(installation);
    this.remembered.delete(installation.teamId);
    return stored;
  }

  async get(teamId: string): Promise<SlackInstallation | undefined> {
    const at = performance.now();
    const known = this.remembered.get(teamId);
    if (known && known.until > at) return known.installation;
    const installation = await this.state.get(teamId);
    if (this.remembered.size > 10_000) this.remembered.clear();
    this.remembered.set(teamId, { installation, until: at + REMEMBER_MS });
    return installation;
  }

  /** Forgets a workspace's tokens; true when there was something to forget. */
  async delete(teamId: string): Promise<boolean> {
    this.remembered.delete(teamId);
    const deleted = await this.state.delete(teamId);
    this.remembered.delete(teamId);
    return deleted;
  }

  async count(): Promise<number> {
    return this.state.count();
  }
}

/**
 * The @slack/oauth InstallationStore over SlackInstallations. Org-wide (Enterprise Grid) installs
 * are refused: each workspace is its own organisation here, and an org-wide token has no team.
 */
export function oauthInstallationStore(installations: SlackInstallations, onStored: (i: SlackInstallation) => Promise<void>): InstallationStore {
  return {
    async storeInstallation(installation: Installation) {
      if (installation.isEnterpriseInstall || !installation.team?.id) {
        throw new Error('Org-wide (Enterprise Grid) installs are not supported: install Clause5 in each workspace.');
      }
      if (!installation.bot?.token || !installation.bot.userId || !installation.bot.id) {
        throw new Error('The install did not grant a bot token; check the app has a bot user and bot scopes.');
      }
      const stored = await installations.save({
        teamId: installation.team.id,
        enterpriseId: installation.enterprise?.id ?? null,
        teamName: installation.team.name ?? null,
        botToken: installation.bot.token,
        botUserId: installation.bot.userId,
        botId: installation.bot.id,
        installerUserId: installation.user.id ?? null,
        scopes: installation.bot.scopes ?? [],
      });
      await onStored(stored);
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const found = query.teamId ? await installations.get(query.teamId) : undefined;
      if (!found) throw new Error(`Clause5 is not installed in workspace ${query.teamId ?? query.enterpriseId ?? '?'}`);
      return {
        team: { id: found.teamId, ...(found.teamName ? { name: found.teamName } : {}) },
        enterprise: found.enterpriseId ? { id: found.enterpriseId } : undefined,
        user: { id: found.installerUserId ?? '', token: undefined, scopes: undefined },
        bot: { token: found.botToken, userId: found.botUserId, id: found.botId, scopes: found.scopes },
        isEnterpriseInstall: false,
        authVersion: 'v2',
      } satisfies Installation<'v2', false>;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      if (query.teamId) await installations.delete(query.teamId);
    },
  };
}
