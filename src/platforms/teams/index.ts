// The Microsoft Teams platform: the Microsoft 365 Agents SDK (@microsoft/agents-hosting, the
// successor of botbuilder; same Bot Framework protocol and Azure Bot registration) on the shared
// HTTP server at POST /api/messages, and the ChatPlatform for proactive messages. Every SDK call
// of Clause5 lives in this folder.
import { CloudAdapter, type AuthConfiguration, type TurnContext } from '@microsoft/agents-hosting';
import type { PlatformContext, PlatformFactory, PlatformRuntime } from '../platform';
import type { HttpServer } from '../../http/server';
import { TeamsConnector } from './connector';
import type { TeamsConversationState } from '../state';
import { InboundGate } from './gate';
import { AfterWork, messagesRoute, safeError } from './http';
import { DEFAULT_INVOKE_BUDGET_MS } from './invoke';
import { Pacer, type PacerOptions } from './pacer';
import { TeamsPlatform } from './platform';
import { TeamsRenderer } from './renderer';
import { ServiceUrlPolicy } from './service-url';
import { teamsSettings } from './settings';
import { handleTurn } from './turns';

export { TeamsConfigError } from './settings';
export { ServiceUrlPolicy } from './service-url';

export const TEAMS_MESSAGES_PATH = '/api/messages';

export interface TeamsOptions {
  /** Extra SDK connection settings (authority, credential type), e.g. local fakes in tests. */
  auth?: Partial<AuthConfiguration>;
  /** Where the Bot Framework's channel signing keys are fetched (default: the configured cloud's); a local fake in tests. */
  channelKeysUrl?: string;
  /** How long an invoke waits for the core before answering "working on it". */
  invokeBudgetMs?: number;
  pacing?: PacerOptions;
}

export interface TeamsRuntime extends PlatformRuntime {
  chat: TeamsPlatform;
  /** The saved conversation references (for the CLI, diagnostics and tests). */
  conversations: TeamsConversationState;
  /** Waits for the work queued after responses (card updates, follow-up messages). */
  idle(): Promise<void>;
}

export const createTeamsRuntime: PlatformFactory = (context) => createTeamsRuntimeWith(context);

export async function createTeamsRuntimeWith(context: PlatformContext, options: TeamsOptions = {}): Promise<TeamsRuntime> {
  const { config, core, store, state } = context;
  const log = context.log.child({ platform: 'teams' });
  const settings = teamsSettings(config, options.auth);
  const policy = new ServiceUrlPolicy(settings.allowlist);
  for (const warning of settings.warnings) log.warn({ mode: settings.mode }, warning);
  const inbound = settings.inbound.kind === 'signed' && options.channelKeysUrl ? { ...settings.inbound, keysUrl: options.channelKeysUrl } : settings.inbound;
  const gate = new InboundGate(inbound);
  const adapter = new CloudAdapter(settings.auth, undefined, undefined, { validateServiceUrl: true, emitStackTrace: false }, policy);
  const conversations = state.teamsConversations;
  const connector = new TeamsConnector(adapter, settings.appId, policy, new Pacer({ slots: state.sendSlots, ...options.pacing }), log);
  const renderer = new TeamsRenderer(store, conversations);
  const platform = new TeamsPlatform(conversations, connector, renderer, log);
  const afterWork = new AfterWork(log);
  const deps = {
    bot: core.bot,
    store,
    conversations,
    connector,
    renderer,
    log,
    invokeBudgetMs: options.invokeBudgetMs ?? DEFAULT_INVOKE_BUDGET_MS,
  };
  adapter.onTurnError = async (turn: TurnContext, error: Error) => {
    log.error({ err: safeError(error), type: turn.activity.type }, 'Teams: a turn failed');
    // Invokes get an error status from the SDK; proactive turns have nobody to apologise to.
    if (turn.activity.type !== 'message') return;
    await turn
      .sendActivity('Sorry, something went wrong on our side. Please try again; if it keeps happening, tell your Clause5 admin.')
      .catch(() => undefined);
  };
  const logic = (turn: TurnContext, after: (work: () => Promise<void>) => void) => handleTurn(deps, turn, after);
  log.info({ mode: settings.mode, inbound: inbound.kind, path: TEAMS_MESSAGES_PATH }, 'Teams platform ready');
  return {
    name: 'teams',
    chat: platform,
    conversations,
    mount(server: HttpServer) {
      server.route({ method: 'POST', path: TEAMS_MESSAGES_PATH, handler: messagesRoute(adapter, gate, policy, logic, afterWork, log) });
    },
    async start() {},
    async stop() {
      await afterWork.drain();
    },
    idle: () => afterWork.drain(),
  };
}
