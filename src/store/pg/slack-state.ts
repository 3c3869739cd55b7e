// Slack's platform state on PostgreSQL: workspaces with their bot tokens (sealed with
// CLAUSE5_SECRET_KEY) and each person's DM channel id, shared by every instance.
import { and, eq, sql } from 'drizzle-orm';
import { slackDmChannels, slackInstallations } from '../../../db/pg/schema';
import type { SlackDmChannelRow, SlackDmChannelState, SlackInstallation, SlackInstallationInput, SlackInstallationState } from '../../platforms/state';
import { SecretBox } from '../secret-box';
import { fromInstallationRow, type InstallationSecrets, installationRow, isPlaintextToken } from '../shared/secrets';
import { lastPerUser } from '../shared/slack-dm-channels';
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
  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {}

  async get(teamId: string, userId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ channelId: slackDmChannels.channelId })
      .from(slackDmChannels)
      .where(and(eq(slackDmChannels.teamId, teamId), eq(slackDmChannels.userId, userId)));
    return row?.channelId;
  }

  async put(teamId: string, userId: string, channelId: string): Promise<void> {
    await this.putMany([{ teamId, userId, channelId }]);
  }

  /** One statement of the same text (four arrays) whatever the number of rows: a fan-out's batch of newly named DMs. */
  async putMany(rows: readonly SlackDmChannelRow[]): Promise<void> {
    if (rows.length === 0) return;
    const unique = lastPerUser(rows);
    await this.db.execute(
      sql`INSERT INTO slack_dm_channels (team_id, user_id, channel_id, updated_at)
          SELECT team_id, user_id, channel_id, ${this.now()}::bigint
            FROM unnest(${sql.param(unique.map((r) => r.teamId))}::text[], ${sql.param(unique.map((r) => r.userId))}::text[],
                        ${sql.param(unique.map((r) => r.channelId))}::text[]) AS v(team_id, user_id, channel_id)
          ON CONFLICT (team_id, user_id) DO UPDATE SET channel_id = excluded.channel_id, updated_at = excluded.updated_at`,
    );
  }
}
