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

/** The core's view of a Slack user acting in a workspace (each workspace is its own organisation). */
export function inboundActor(d: SlackDeps, teamId: string, userId: string, teamName?: string): InboundActor {
  const orgId = orgIdOf(teamId);
  const personId = personIdOf(teamId, userId);
  return {
    orgId,
    platform: 'slack',
    ...(teamName ? { orgName: teamName } : {}),
    personId,
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

/** The team a payload belongs to (events, commands and interactions spell it differently). */
export function teamOf(body: Record<string, unknown>): string | undefined {
  const team = body.team as { id?: string } | string | undefined;
  if (typeof body.team_id === 'string') return body.team_id;
  if (typeof team === 'string') return team;
  if (team && typeof team.id === 'string') return team.id;
  const user = body.user as { team_id?: string } | undefined;
  return user?.team_id;
}
