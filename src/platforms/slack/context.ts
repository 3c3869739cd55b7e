// What the Slack listeners share: the core, the Web API, the platform and the installations.
import type { InboundActor } from '../../core/bot';
import type { Core } from '../../core/create';
import type { Logger } from '../../core/ports';
import type { SlackApi } from './api';
import type { Backlog } from './backlog';
import type { SlackInstallations } from './installations';
import { orgIdOf, personIdOf } from './mrkdwn';
import type { SlackPlatform } from './platform';

export interface SlackDeps {
  core: Core;
  api: SlackApi;
  platform: SlackPlatform;
  installations: SlackInstallations;
  log: Logger;
  /** Where work after an ack waits its turn (acks first); without it the work runs at once. */
  afterAck?: Backlog;
}

/**
 * The core's view of a Slack user acting in a workspace. `teamId` is the workspace whose
 * installation authorised the request (Bolt's authorize; never a team id read from the payload):
 * it is the organisation. `guest`: the user belongs to another workspace (Slack Connect).
 */
export function inboundActor(d: SlackDeps, teamId: string, userId: string, teamName?: string, guest = false): InboundActor {
  const orgId = orgIdOf(teamId);
  const personId = personIdOf(teamId, userId);
  return {
    orgId,
    platform: 'slack',
    ...(teamName ? { orgName: teamName } : {}),
    personId,
    ...(guest ? { guest } : {}),
    // users.info the first time we meet someone: display name and time zone ('tz'). If Slack cannot
    // answer now, the person is still let in (zone from their site or the default) rather than refused.
    profile: () =>
      d.platform.lookupPerson(orgId, personId).catch((error: unknown) => {
        d.log.warn({ personId, err: error instanceof Error ? error.message : String(error) }, 'users.info failed; using the default zone');
        return undefined;
      }),
    // Whoever installed the app through OAuth is the organisation's admin, never the first person to talk.
    installer: async () => {
      const installerUserId = (await d.installations.get(teamId))?.installerUserId;
      return installerUserId ? personIdOf(teamId, installerUserId) : undefined;
    },
  };
}

/**
 * The acting person in the authorising workspace `teamId`. `userTeam` is the user's own team as
 * the payload names it (`event.user_team` / `event.team`, `user.team_id` of interactions); when it
 * is another workspace (or another Enterprise Grid org) the user is a guest there.
 */
export async function actorIn(d: SlackDeps, teamId: string, userId: string, userTeam?: string): Promise<InboundActor> {
  const installation = await d.installations.get(teamId);
  const guest = userTeam !== undefined && !isOwnTeam(userTeam, teamId, installation?.enterpriseId ?? null);
  return inboundActor(d, teamId, userId, installation?.teamName ?? undefined, guest);
}

/** A user's team is the workspace's own: its team id, or (Slack names only the org) its Grid org. */
function isOwnTeam(userTeam: string, teamId: string, enterpriseId: string | null): boolean {
  return userTeam === teamId || (enterpriseId !== null && userTeam === enterpriseId);
}
