// Every outbound Slack Web API call goes through here: one WebClient per workspace token (pointed at
// SLACK_API_URL), pacing and 429 pauses per workspace (pacer.ts), and errors translated into
// ChatError. The WebClient is told to reject rate-limited calls instead of pausing its whole queue
// for every workspace (its default).
import { LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';
import { ChatError, type Logger } from '../../core/ports';
import { toChatError } from './errors';
import type { InstallationSource, SlackInstallation } from './installations';
import { slackFetch } from './lean-fetch';
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

/**
 * One try of a call, and the retries after a network error or timeout. Every try timing out, plus
 * the pauses between them, must stay well under the sender's send deadline (half its 60 s lease):
 * a call still running when the sender gives up can succeed after the delivery was put back for a
 * retry, and the message then goes out twice.
 */
const CALL_TIMEOUT_MS = 5_000;
const RETRY_CONFIG = { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 };

/** The longest one Web API call can take with these client options (every try times out). */
export function worstCaseCallMs(options: { timeout: number; retryConfig: typeof RETRY_CONFIG }): number {
  const { retries, factor, minTimeout, maxTimeout } = options.retryConfig;
  let pauses = 0;
  for (let i = 0; i < retries; i++) pauses += Math.min(maxTimeout, minTimeout * factor ** i);
  return (retries + 1) * options.timeout + pauses;
}

/** The longest one of our Web API calls can take: until then a message not yet answered may still reach Slack. */
export const WORST_CASE_CALL_MS = worstCaseCallMs({ timeout: CALL_TIMEOUT_MS, retryConfig: RETRY_CONFIG });

export class SlackApi {
  private readonly clients = new Map<string, WebClient>();

  constructor(private readonly options: SlackApiOptions) {}

  /** WebClient options shared by our clients, Bolt's own listeners' clients and the OAuth installer. */
  static clientOptions(slackApiUrl: string, log: Logger) {
    return {
      slackApiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: RETRY_CONFIG,
      timeout: CALL_TIMEOUT_MS,
      logger: boltLogger(log),
      logLevel: LogLevel.WARN,
      fetch: slackFetch,
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
  const text = (msg: unknown[]) =>
    msg
      .map((m) => (m instanceof Error ? m.message : String(m)))
      .join(' ')
      .slice(0, 500);
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
