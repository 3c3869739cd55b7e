// The SQLite implementation of the PlatformState port (src/platforms/state.ts).
import type { PlatformState } from '../../platforms/state';
import type { SecretBox } from '../secret-box';
import { retryingRepo } from './busy';
import type { OpenDatabase } from './db';
import { scrubFreePages } from './secrets';
import { SqliteSendSlots } from './send-slots';
import { SqliteSlackDmChannels, SqliteSlackInstallations } from './slack-state';
import { SqliteTeamsConversations } from './teams-conversations';

export interface PlatformStateSecrets {
  /** Seals Slack bot tokens at rest (CLAUSE5_SECRET_KEY). */
  box?: SecretBox;
  /** SLACK_BOT_TOKEN: its workspace's row says "from the environment" instead of storing it. */
  envToken?: string;
}

export function createSqlitePlatformState(database: OpenDatabase, now: () => number, secrets: PlatformStateSecrets = {}): PlatformState {
  const { db } = database;
  return {
    slackInstallations: retryingRepo(new SqliteSlackInstallations(db, now, { ...secrets, scrub: () => scrubFreePages(database) })),
    // DM channel ids are an optimisation: they wait for a lock only briefly (slack-state.ts).
    slackDmChannels: new SqliteSlackDmChannels(db, now),
    teamsConversations: retryingRepo(new SqliteTeamsConversations(db, now)),
    sendSlots: retryingRepo(new SqliteSendSlots(database.sqlite)),
  };
}
