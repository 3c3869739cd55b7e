// The Slack platform: wiring only. Bolt's App with our receiver on the shared HTTP server (or
// Socket Mode with SLACK_APP_TOKEN), tokens from slack_installations (the single bot token is
// checked with one auth.test at start-up and stored as its workspace's installation), listeners for
// the slash command, buttons, modals, the message shortcut and workspace events.
import { App, SocketModeReceiver, type Authorize } from '@slack/bolt';
import { ensureInstallerAdmin } from '../../core/people/installer';
import type { PlatformContext, PlatformFactory, PlatformRuntime } from '../platform';
import type { HttpServer } from '../../http/server';
import { boltLogger, SlackApi } from './api';
import { Backlog } from './backlog';
import type { SlackDeps } from './context';
import { type DmChannelBatching, SlackDmChannels } from './dm-channels';
import { toChatError } from './errors';
import { SlackInstallations, type SlackInstallation } from './installations';
import { registerActions } from './listeners/actions';
import { registerCommands } from './listeners/commands';
import { dedupe } from './listeners/dedupe';
import { registerEvents } from './listeners/events';
import { registerShortcut } from './listeners/shortcut';
import { registerViews } from './listeners/views';
import { orgIdOf, personIdOf } from './mrkdwn';
import { mountOAuth } from './oauth';
import { Pacer, type PacerOptions } from './pacer';
import { SlackPlatform } from './platform';
import { SlackHttpReceiver } from './receiver';

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

export interface SlackRuntime extends PlatformRuntime {
  installations: SlackInstallations;
  /** Resolves when all work started by inbound requests (including after their ack) is done. */
  idle(): Promise<void>;
  /** Writes the DM channels Slack named that wait to be recorded (stop does too). */
  flushDmChannels(): Promise<void>;
}

export interface SlackOptions {
  pacer?: PacerOptions;
  /** Slack's consent page (tests point it at the fake). */
  authorizationUrl?: string;
  /** How the DM channels Slack names are batched into the database. */
  dmChannels?: DmChannelBatching;
}

export const createSlackRuntime: PlatformFactory = (context) => createSlack(context);

export async function createSlack(context: PlatformContext, options: SlackOptions = {}): Promise<SlackRuntime> {
  const { config, core, store, state } = context;
  const log = context.log.child({ platform: 'slack' });
  const slackApiUrl = config.SLACK_API_URL ?? DEFAULT_SLACK_API_URL;
  const installations = new SlackInstallations(state.slackInstallations);
  // The pacer reads the process clock, as the scheduler does, so a Retry-After means the same to both;
  // the workspaces' recent messages are counted in the database, with every other instance on it.
  const pacer = new Pacer({ now: () => core.deps.clock.now(), slots: state.sendSlots, ...options.pacer });
  const api = new SlackApi({ slackApiUrl, installations, pacer, log });
  const dmChannels = new SlackDmChannels(state.slackDmChannels, { log, ...options.dmChannels });
  const platform = new SlackPlatform(api, dmChannels, log);
  const d: SlackDeps = { core, api, platform, installations, log, afterAck: new Backlog(log) };

  const onInstalled = async (installation: SlackInstallation) => {
    const org = { orgId: orgIdOf(installation.teamId), platform: 'slack' as const, orgName: installation.teamName ?? installation.teamId };
    await store.orgs.ensure({ id: org.orgId, platform: org.platform, name: org.orgName });
    // OAuth names the installer: they become the organisation's admin now, before anyone talks.
    if (installation.installerUserId)
      await ensureInstallerAdmin(core.deps, { ...org, personId: personIdOf(installation.teamId, installation.installerUserId) });
  };
  // Single-workspace mode: this token's workspace is the only one served.
  const singleTeam = config.SLACK_BOT_TOKEN ? await checkBotToken(api, installations, config.SLACK_BOT_TOKEN, onInstalled) : undefined;
  const oauth = config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && config.SLACK_STATE_SECRET;

  const authorize: Authorize<boolean> = async (source) => {
    const teamId = source.teamId;
    const installation = teamId && (!singleTeam || oauth || teamId === singleTeam) ? await installations.get(teamId) : undefined;
    if (!installation) throw new Error(`Clause5 is not installed in workspace ${teamId ?? '(none)'}`);
    return { botToken: installation.botToken, botId: installation.botId, botUserId: installation.botUserId, teamId: installation.teamId };
  };

  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  const httpReceiver = socketMode ? undefined : new SlackHttpReceiver({ signingSecret: config.SLACK_SIGNING_SECRET ?? '', log });
  if (httpReceiver && !config.SLACK_SIGNING_SECRET) throw new Error('SLACK_SIGNING_SECRET is required to receive Slack requests over HTTP');
  const receiver = socketMode ? new SocketModeReceiver({ appToken: config.SLACK_APP_TOKEN!, logger: boltLogger(log) }) : httpReceiver!;
  const app = new App({
    receiver,
    authorize,
    // Bolt's default conversation store builds an Error for every request to say "nothing stored";
    // Clause5 keeps its state in the database and never uses context.conversation.
    convoStore: false,
    logger: boltLogger(log),
    clientOptions: SlackApi.clientOptions(slackApiUrl, log),
    ...(socketMode ? { socketMode: true, appToken: config.SLACK_APP_TOKEN } : {}),
  });
  app.use(dedupe(d));
  registerCommands(app, d);
  registerActions(app, d);
  registerViews(app, d);
  registerShortcut(app, d);
  registerEvents(app, d);
  app.error(async (error) => {
    // A workspace that uninstalled Clause5 (or never installed it) may still send events: not our failure.
    if (error.code === 'slack_bolt_authorization_error')
      log.warn({ code: error.code, err: error.message }, 'Slack request from a workspace Clause5 is not installed in; ignored');
    else log.error({ code: error.code, err: error.message }, 'Slack listener failed');
  });

  return {
    name: 'slack',
    chat: platform,
    installations,
    mount(server: HttpServer) {
      httpReceiver?.mount(server);
      if (oauth) {
        mountOAuth(server, {
          clientId: config.SLACK_CLIENT_ID!,
          clientSecret: config.SLACK_CLIENT_SECRET!,
          stateSecret: config.SLACK_STATE_SECRET!,
          slackApiUrl,
          installations,
          log,
          onInstalled,
          ...(options.authorizationUrl ? { authorizationUrl: options.authorizationUrl } : {}),
        });
      }
    },
    async start() {
      // Socket Mode connects out to Slack (no public URL); over HTTP the shared server already listens.
      if (socketMode) await app.start();
      log.info({ mode: socketMode ? 'socket' : 'http', workspaces: singleTeam ? 1 : await installations.count() }, 'Slack platform ready');
    },
    async stop() {
      try {
        await app.stop();
      } finally {
        // Sends still finishing (the scheduler stops after the platforms) write their DM channel at once from now on.
        await dmChannels.stop();
      }
    },
    idle: () => httpReceiver?.idle() ?? Promise.resolve(),
    flushDmChannels: () => dmChannels.flush(),
  };
}

/** One auth.test with the bot token: its workspace and bot ids, or a clear error when Slack rejects it. */
async function checkBotToken(
  api: SlackApi,
  installations: SlackInstallations,
  token: string,
  onInstalled: (i: SlackInstallation) => Promise<void>,
): Promise<string> {
  let result: { team_id?: string; team?: string; user_id?: string; bot_id?: string; response_metadata?: { scopes?: string[] } };
  try {
    result = await api.clientFor(token).auth.test();
  } catch (error) {
    const translated = toChatError(error, 'auth.test');
    const hint =
      translated.code === 'auth'
        ? 'Copy the Bot User OAuth Token (xoxb-…) from your Slack app’s “OAuth & Permissions” page into SLACK_BOT_TOKEN, and reinstall the app if it was revoked.'
        : 'Check that this machine can reach Slack (or SLACK_API_URL).';
    throw new Error(`Slack rejected SLACK_BOT_TOKEN at start-up (${translated.message}). ${hint}`);
  }
  if (!result.team_id || !result.user_id || !result.bot_id) {
    throw new Error('SLACK_BOT_TOKEN is not a bot token (auth.test named no bot). Use the Bot User OAuth Token (xoxb-…).');
  }
  const installation = await installations.save({
    teamId: result.team_id,
    enterpriseId: null,
    teamName: result.team ?? null,
    botToken: token,
    botUserId: result.user_id,
    botId: result.bot_id,
    installerUserId: null,
    scopes: result.response_metadata?.scopes ?? [],
  });
  await onInstalled(installation);
  return installation.teamId;
}
