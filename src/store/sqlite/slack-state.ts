// Slack's platform state in SQLite: workspaces with their bot tokens (`slack_installations`,
// tokens sealed with CLAUSE5_SECRET_KEY) and each person's DM channel id (`slack_dm_channels`).
import { and, eq, sql } from 'drizzle-orm';
import { slackDmChannels, slackInstallations } from '../../../db/schema';
import type { SlackDmChannelRow, SlackDmChannelState, SlackInstallation, SlackInstallationInput, SlackInstallationState } from '../../platforms/state';
import { SecretBox } from '../secret-box';
import { retryWhileBusy } from './busy';
import type { Db } from './db';
import { fromInstallationRow, type InstallationSecrets, installationRow, isPlaintextToken } from '../shared/secrets';
import { lastPerUser } from '../shared/slack-dm-channels';

export type { InstallationSecrets } from '../shared/secrets';

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
    const row = installationRow(installation, this.box, this.secrets.envToken, this.now());
    const { teamId: _key, ...update } = row;
    const before = this.db.select({ botToken: slackInstallations.botToken }).from(slackInstallations).where(eq(slackInstallations.teamId, row.teamId)).get();
    this.db.insert(slackInstallations).values(row).onConflictDoUpdate({ target: slackInstallations.teamId, set: update }).run();
    if (before && isPlaintextToken(before.botToken)) this.secrets.scrub?.();
    return (await this.get(installation.teamId))!;
  }

  async get(teamId: string): Promise<SlackInstallation | undefined> {
    const row = this.db.select().from(slackInstallations).where(eq(slackInstallations.teamId, teamId)).get();
    return row && fromInstallationRow(row, this.box, this.secrets.envToken);
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
    await this.putMany([{ teamId, userId, channelId }]);
  }

  async putMany(rows: readonly SlackDmChannelRow[]): Promise<void> {
    if (rows.length === 0) return;
    const updatedAt = this.now();
    // SQLite allows 32,766 parameters a statement: a batch is far below (4 a row).
    const values = lastPerUser(rows).map((row) => ({ ...row, updatedAt }));
    await retryWhileBusy(
      async () =>
        this.db
          .insert(slackDmChannels)
          .values(values)
          .onConflictDoUpdate({
            target: [slackDmChannels.teamId, slackDmChannels.userId],
            set: { channelId: sql`excluded.channel_id`, updatedAt: sql`excluded.updated_at` },
          })
          .run(),
      DM_BUSY_WAIT_MS,
    );
  }
}
