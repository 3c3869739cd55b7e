// The registry of platforms main.ts can open. Each entry says when it is switched on (its own
// settings) and loads its factory lazily, so a Slack-only process never loads the Teams SDK and
// local mode loads neither unless asked. The Slack and Teams platforms own their entries.
import type { Config } from '../config';
import type { PlatformName } from '../core/people/types';
import type { PlatformFactory } from './platform';

export interface PlatformEntry {
  name: PlatformName;
  /** True when this process's configuration switches the platform on. */
  enabled(config: Readonly<Config>): boolean;
  /** Imports the platform and returns its factory. */
  load(): Promise<PlatformFactory>;
}

export const platformRegistry: PlatformEntry[] = [
  {
    name: 'slack',
    // SLACK_BOT_TOKEN (+ signing secret or SLACK_APP_TOKEN for Socket Mode), or the OAuth trio.
    enabled: (config) => config.slackEnabled,
    load: async () => (await import('./slack/index')).createSlackRuntime,
  },
  {
    name: 'teams',
    // MICROSOFT_APP_ID (signed Bot Framework tokens); without it, outside production, only in local
    // mode or with TEAMS_ALLOW_UNAUTHENTICATED=true (unauthenticated, loopback callers only).
    enabled: (config) => config.teamsEnabled,
    load: async () => (await import('./teams/index')).createTeamsRuntime,
  },
];
