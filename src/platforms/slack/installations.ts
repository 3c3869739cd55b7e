// Slack workspaces Clause5 may talk to, one row per team in `slack_installations`. The OAuth flow
// stores rows here (through the @slack/oauth InstallationStore adapter), the single-token mode seeds
// its one workspace at start-up, and app_uninstalled / tokens_revoked delete the row.
import { eq } from 'drizzle-orm';
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import { slackInstallations } from '../../../db/schema';
import type { Db } from '../../store/sqlite/db';
import { SecretBox } from '../../store/secret-box';
import { FROM_ENVIRONMENT, secretContext } from '../../store/sqlite/secrets';

export interface SlackInstallation {
  teamId: string;
  enterpriseId: string | null;
  teamName: string | null;
  botToken: string;
  botUserId: string;
  botId: string;
  installerUserId: string | null;
  scopes: string[];
  installedAt: number;
}

/** What the adapter needs to act in a workspace. */
export interface InstallationSource {
  get(teamId: string): Promise<SlackInstallation | undefined>;
}

/**
 * Every inbound request reads its workspace's installation (Bolt's authorize, then the listener),
 * so a read is remembered briefly. This process's own changes clear it at once; the short expiry
 * covers a change made by another process on the same database file.
 */
const REMEMBER_MS = 2_000;

export interface InstallationSecrets {
  /** Seals bot tokens at rest (CLAUSE5_SECRET_KEY); without a key, storing a token is refused. */
  box?: SecretBox;
  /** SLACK_BOT_TOKEN: its workspace's row says "from the environment" instead of storing it. */
  envToken?: string;
  /** Called after a plaintext token (from an older version) was overwritten: clears it from free pages. */
  scrub?: () => void;
}

const tokenContext = (teamId: string) => secretContext('slack_installations', 'bot_token', teamId);

export class SlackInstallations implements InstallationSource {
  private readonly remembered = new Map<string, { installation: SlackInstallation | undefined; until: number }>();
  private readonly box: SecretBox;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly secrets: InstallationSecrets = {},
  ) {
    this.box = secrets.box ?? new SecretBox();
  }

  async save(installation: Omit<SlackInstallation, 'installedAt'> & { installedAt?: number }): Promise<SlackInstallation> {
    const row = {
      teamId: installation.teamId,
      enterpriseId: installation.enterpriseId,
      teamName: installation.teamName,
      botToken:
        installation.botToken === this.secrets.envToken ? FROM_ENVIRONMENT : this.box.seal(installation.botToken, tokenContext(installation.teamId)),
      botUserId: installation.botUserId,
      botId: installation.botId,
      installerUserId: installation.installerUserId,
      scopes: installation.scopes.join(','),
      installedAt: installation.installedAt ?? this.now(),
    };
    const { teamId: _key, ...update } = row;
    const before = this.db.select({ botToken: slackInstallations.botToken }).from(slackInstallations).where(eq(slackInstallations.teamId, row.teamId)).get();
    this.db.insert(slackInstallations).values(row).onConflictDoUpdate({ target: slackInstallations.teamId, set: update }).run();
    if (before && before.botToken !== FROM_ENVIRONMENT && !SecretBox.isSealed(before.botToken)) this.secrets.scrub?.();
    this.remembered.delete(installation.teamId);
    return (await this.get(installation.teamId))!;
  }

  async get(teamId: string): Promise<SlackInstallation | undefined> {
    const at = performance.now();
    const known = this.remembered.get(teamId);
    if (known && known.until > at) return known.installation;
    const row = this.db.select().from(slackInstallations).where(eq(slackInstallations.teamId, teamId)).get();
    const botToken = row && (row.botToken === FROM_ENVIRONMENT ? this.secrets.envToken : this.box.open(row.botToken, tokenContext(teamId)));
    const installation = row && botToken ? { ...row, botToken, scopes: row.scopes ? row.scopes.split(',') : [] } : undefined;
    if (this.remembered.size > 10_000) this.remembered.clear();
    this.remembered.set(teamId, { installation, until: at + REMEMBER_MS });
    return installation;
  }

  /** Forgets a workspace's tokens; true when there was something to forget. */
  async delete(teamId: string): Promise<boolean> {
    this.remembered.delete(teamId);
    return this.db.delete(slackInstallations).where(eq(slackInstallations.teamId, teamId)).run().changes > 0;
  }

  async count(): Promise<number> {
    return this.db.select({ teamId: slackInstallations.teamId }).from(slackInstallations).all().length;
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
