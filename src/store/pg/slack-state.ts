// Slack's platform state on PostgreSQL: workspaces with their bot tokens (sealed with
// CLAUSE5_SECRET_KEY) and each person's DM channel id, shared by every instance.
import { and, eq, sql } from 'drizzle-orm';
import { slackDmChannels, slackInstallations } from '../../../db/pg/schema';
import type { SlackDmChannelState, SlackInstallation, SlackInstallationInput, SlackInstallationState } from '../../platforms/state';
import { SecretBox } from '../secret-box';
import { fromInstallationRow, type InstallationSecrets, installationRow, isPlaintextToken } from '../shared/secrets';
import type { PgDb } from './db';

export class PgSlackInstallations implements SlackInstallationState {
  private readonly box: SecretBox;

  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
    private readonly secrets: InstallationSecrets = {},
  ) {
    this.box = secrets.box ?? new SecretBox();
  }

  async save(installation: SlackInstallationInput): Promise<SlackInstallation> {
    const row = installationRow(installation, this.box, this.secrets.envToken, this.now());
    const { teamId: _key, ...update } = row;
    const [before] = await this.db.select({ botToken: slackInstallations.botToken }).from(slackInstallations).where(eq(slackInstallations.teamId, row.teamId));
    await this.db.insert(slackInstallations).values(row).onConflictDoUpdate({ target: slackInstallations.teamId, set: update });
    if (before && isPlaintextToken(before.botToken)) this.secrets.scrub?.();
    return (await this.get(installation.teamId))!;
  }

  async get(teamId: string): Promise<SlackInstallation | undefined> {
    const [row] = await this.db.select().from(slackInstallations).where(eq(slackInstallations.teamId, teamId));
    return row && fromInstallationRow(row, this.box, this.secrets.envToken);
  }

  async delete(teamId: string): Promise<boolean> {
    const removed = await this.db.delete(slackInstallations).where(eq(slackInstallations.teamId, teamId)).returning({ teamId: slackInstallations.teamId });
    return removed.length > 0;
  }

  async count(): Promise<number> {
    return this.db.$count(slackInstallations);
  }
}

export class PgSlackDmChannels implements SlackDmChannelState {
  /** Built once: a fan-out's first message to each person names their DM channel. */
  private readonly upsert;

  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {
    this.upsert = db
      .insert(slackDmChannels)
      .values({
        teamId: sql.placeholder('teamId'),
        userId: sql.placeholder('userId'),
        channelId: sql.placeholder('channelId'),
        updatedAt: sql.placeholder('updatedAt'),
      })
      .onConflictDoUpdate({
        target: [slackDmChannels.teamId, slackDmChannels.userId],
        set: { channelId: sql`excluded.channel_id`, updatedAt: sql`excluded.updated_at` },
      })
      .prepare('slack_dm_channels_put');
  }

  async get(teamId: string, userId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ channelId: slackDmChannels.channelId })
      .from(slackDmChannels)
      .where(and(eq(slackDmChannels.teamId, teamId), eq(slackDmChannels.userId, userId)));
    return row?.channelId;
  }

  async put(teamId: string, userId: string, channelId: string): Promise<void> {
    await this.upsert.execute({ teamId, userId, channelId, updatedAt: this.now() });
  }
}
