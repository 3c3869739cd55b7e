// Translates what the Bot Connector answered into the core's few ChatError codes, at the edge.
// Messages never include the request body (the SDK attaches the whole activity to its errors).
import { ChatError } from '../../core/ports';

interface HttpLikeError {
  status?: number;
  response?: { status?: number; headers?: Headers | Record<string, string>; data?: unknown };
  code?: string;
  name?: string;
}

/** Retry-After as milliseconds (seconds or an HTTP date), if the response carried one. */
export function retryAfterMs(headers: Headers | Record<string, string> | undefined, now = Date.now()): number | undefined {
  const raw = headers instanceof Headers ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** The connector's error code ('ConversationBlockedByUser', 'BotNotInConversationRoster' …), if any. */
function connectorCode(data: unknown): string | undefined {
  const code = (data as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

export function toChatError(error: unknown, what: string): ChatError {
  if (error instanceof ChatError) return error;
  const e = (error ?? {}) as HttpLikeError;
  const status = e.status ?? e.response?.status;
  const code = connectorCode(e.response?.data);
  const detail = `${what}: Bot Connector answered ${status ?? 'nothing'}${code ? ` (${code})` : ''}`;
  switch (status) {
    case 429:
      return new ChatError('rate_limited', detail, retryAfterMs(e.response?.headers) ?? 1_000);
    case 401:
      return new ChatError('auth', detail);
    case 403:
    case 404:
      return new ChatError('unreachable', detail);
    case 400:
    case 413:
      return new ChatError('invalid', detail);
    case 412:
    case 502:
    case 503:
    case 504:
      return new ChatError('transient', detail, retryAfterMs(e.response?.headers));
  }
  if (status !== undefined && status >= 500) return new ChatError('transient', detail);
  if (status !== undefined) return new ChatError('invalid', detail);
  // No HTTP status: the network failed, or the SDK refused before sending (e.g. token acquisition).
  const message = error instanceof Error ? error.message.split('\n', 1)[0]!.slice(0, 200) : String(error);
  if (/not allowed|OutboundServiceUrl/i.test(message)) return new ChatError('invalid', `${what}: service URL not allowed`);
  return new ChatError('transient', `${what}: ${e.code ?? e.name ?? 'network error'}`);
}
