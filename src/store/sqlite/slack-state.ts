// Slack's platform state in SQLite: workspaces with their bot tokens (`slack_installations`,
// tokens sealed with CLAUSE5_SECRET_KEY) and each person's DM channel id (`slack_dm_channels`).
import { and, eq } from 'drizzle-orm';
import { slackDmChannels, slackInstallations } from '../../../db/schema';
import type { SlackDmChannelState, SlackInstallation, SlackInstallationInput, SlackInstallationState } from '../../platforms/state';
import { SecretBox } from '../secret-box';
import { retryWhileBusy } from './busy';
import type { Db } from './db';
import { FROM_ENVIRONMENT, secretContext } from './secrets';

export interface InstallationSecrets {
  /** Seals bot tokens at rest (CLAUSE5_SECRET_KEY); without a key, storing a token is refused. */
  box?: SecretBox;
  /** SLACK_BOT_TOKEN: its workspace's row says "from the environment" instead of storing it. */
  envToken?: string;
  /** Called after a plaintext token (from an older version) was overwritten: clears it from free pages. */
  scrub?: () => void;
}

const tokenContext = (teamId: string) => secretContext('slack_installations', 'bot_token', teamId);

export class SqliteSlackInstallations implements SlackInstallationState {
  private readonly box: SecretBox;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly secrets: InstallationSecrets = {},
  ) {
    this.box = secrets.box ?? new SecretBox();
  }

  async save(installation: SlackInstallationInput): Promise<SlackInstallation> {
    const row = {
      teamId: installation.teamId,
      enterpriseId: installation.enterpriseId,
      teamName: installation.teamName,
      botToken: installation.botToken === this.secrets.envToken ? FROM_ENVIRONMENT : this.box.seal(installation.botToken, tokenContext(installation.teamId)),
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
    return (await this.get(installation.teamId))!;
  }

  async get(teamId: string): Promise<SlackInstallation | undefined> {
    const row = this.db.select().from(slackInstallations).where(eq(slackInstallations.teamId, teamId)).get();
    const botToken = row && (row.botToken === FROM_ENVIRONMENT ? this.secrets.envToken : this.box.open(row.botToken, tokenContext(teamId)));
    return row && botToken ? { ...row, botToken, scopes: row.scopes ? row.scopes.split(',') : [] } : undefined;
  }

  async delete(teamId: string): Promise<boolean> {
    return this.db.delete(slackInstallations).where(eq(slackInstallations.teamId, teamId)).run().changes > 0;
  }

  async count(): Promise<number> {
    return this.db.select({ teamId: slackInstallations.teamId }).from(slackInstallations).all().length;
  }
}

/** A DM channel lookup waits this long for another process's write lock, then gives up (it is an optimisation). */
const DM_BUSY_WAIT_MS = 2_000;

export class SqliteSlackDmChannels implements SlackDmChannelState {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async get(teamId: string, userId: string): Promise<string | undefined> {
    const row = await retryWhileBusy(
      async () =>
        this.db
          .select({ channelId: slackDmChannels.channelId })
          .from(slackDmChannels)
          .where(and(eq(slackDmChannels.teamId, teamId), eq(slackDmChannels.userId, userId)))
          .get(),
      DM_BUSY_WAIT_MS,
    );
    return row?.channelId;
  }

  async put(teamId: string, userId: string, channelId: string): Promise<void> {
    const updatedAt = this.now();
    await retryWhileBusy(
      async () =>
        this.db
          .insert(slackDmChannels)
          .values({ teamId, userId, channelId, updatedAt })
          .onConflictDoUpdate({ target: [slackDmChannels.teamId, slackDmChannels.userId], set: { channelId, updatedAt } })
          .run(),
      DM_BUSY_WAIT_MS,
    );
  }
}
