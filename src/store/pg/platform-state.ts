// The PostgreSQL implementation of the PlatformState port (src/platforms/state.ts): every instance
// reads the same installations, DM channels and conversation references.
import type { PlatformState } from '../../platforms/state';
import type { InstallationSecrets } from '../shared/secrets';
import type { OpenPgDatabase } from './db';
import { scrubOldVersions } from './secrets';
import { PgSendSlots } from './send-slots';
import { PgSlackDmChannels, PgSlackInstallations } from './slack-state';
import { PgTeamsConversations } from './teams-conversations';

export function createPgPlatformState(database: OpenPgDatabase, now: () => number, secrets: Omit<InstallationSecrets, 'scrub'> = {}): PlatformState {
  const { db } = database;
  const scrub = () => {
    void scrubOldVersions(database).catch(() => {});
  };
  return {
    slackInstallations: new PgSlackInstallations(db, now, { ...secrets, scrub }),
    slackDmChannels: new PgSlackDmChannels(db, now),
    teamsConversations: new PgTeamsConversations(db, now),
    sendSlots: new PgSendSlots(database),
  };
}
