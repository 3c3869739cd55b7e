// Every outbound Slack Web API call goes through here: one WebClient per workspace token (pointed at
// SLACK_API_URL), pacing and 429 pauses per workspace (pacer.ts), and errors translated into
// ChatError. The WebClient is told to reject rate-limited calls instead of pausing its whole queue
// for every workspace (its default).
import { LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';
import { ChatError, type Logger } from '../../core/ports';
import { toChatError } from './errors';
import type { InstallationSource, SlackInstallation } from './installations';
import type { Pacer } from './pacer';

type WebClient = InstanceType<typeof webApi.WebClient>;

/** Methods that post a message into a channel: paced per channel and counted per workspace. */
const CHANNEL_WRITES = new Set(['chat.postMessage', 'chat.postEphemeral']);
const WORKSPACE_WRITES = new Set(['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'files.uploadV2']);

export interface SlackApiOptions {
  slackApiUrl: string;
  installations: InstallationSource;
  pacer: Pacer;
  log: Logger;
}

export type ApiArgs = Record<string, unknown>;

export class SlackApi {
  private readonly clients = new Map<string, WebClient>();

  constructor(private readonly options: SlackApiOptions) {}

  /** WebClient options shared by our clients, Bolt's own listeners' clients and the OAuth installer. */
  static clientOptions(slackApiUrl: string, log: Logger) {
    return {
      slackApiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 },
      timeout: 10_000,
      logger: boltLogger(log),
      logLevel: LogLevel.WARN,
    };
  }

  async installation(teamId: string): Promise<SlackInstallation> {
    const found = await this.options.installations.get(teamId);
    if (!found) throw new ChatError('auth', `Clause5 has no Slack token for workspace ${teamId} (not installed, or uninstalled)`);
    return found;
  }

  /** Calls a Web API method in a workspace; `channel` enables per-channel pacing for message writes. */
  async call<T = webApi.WebAPICallResult>(teamId: string, method: string, args: ApiArgs): Promise<T> {
    const { pacer } = this.options;
    const channel = typeof args.channel === 'string' ? args.channel : typeof args.channel_id === 'string' ? args.channel_id : undefined;
    let answered: (() => void) | undefined;
    if (WORKSPACE_WRITES.has(method)) answered = await pacer.acquire(teamId, method, CHANNEL_WRITES.has(method) ? channel : undefined);
    else pacer.checkPause(teamId, method);
    try {
      const { botToken } = await this.installation(teamId);
      const client = this.client(botToken);
      if (method === 'files.uploadV2') return (await client.files.uploadV2(args as never)) as T;
      return (await client.apiCall(method, args)) as T;
    } catch (error) {
      const translated = toChatError(error, method);
      if (translated.code === 'rate_limited' && translated.retryAfterMs) pacer.pause(teamId, method, translated.retryAfterMs);
      throw translated;
    } finally {
      answered?.();
    }
  }

  /** A client without a token (auth.test with a given token, oauth.v2.access). */
  clientFor(token?: string): WebClient {
    return token ? this.client(token) : new webApi.WebClient(undefined, SlackApi.clientOptions(this.options.slackApiUrl, this.options.log));
  }

  private client(token: string): WebClient {
    let client = this.clients.get(token);
    if (!client) {
      client = new webApi.WebClient(token, SlackApi.clientOptions(this.options.slackApiUrl, this.options.log));
      this.clients.set(token, client);
    }
    return client;
  }
}

/** Bolt / WebClient logging into ours: warnings and errors only (their debug output holds bodies). */
export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.WARN;
  const text = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : String(m))).join(' ').slice(0, 500);
  return {
    debug: () => {},
    info: () => {},
    warn: (...msg: unknown[]) => log.warn({ from: 'slack-sdk' }, text(msg)),
    error: (...msg: unknown[]) => log.error({ from: 'slack-sdk' }, text(msg)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
