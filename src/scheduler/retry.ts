// How the sender reacts to a failed send: which errors are final, which are retried and when.
import { ChatError, type ChatErrorCode } from '../core/ports';

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 3_600_000;
export const DEFAULT_MAX_ATTEMPTS = 10;
/** Used when a platform says "rate limited" without saying for how long. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;
/** A retry-after of zero would make a drain spin on the same delivery. */
export const MIN_RETRY_AFTER_MS = 1_000;

/** 30 s, 60 s, 120 s … capped at 1 h, each spread by ±20 % so retries of one outage do not stampede. */
export function backoffDelay(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(Math.min(BACKOFF_MAX_MS, base * (0.8 + 0.4 * random())));
}

export type FailureAction = { kind: 'rate_limited'; retryAfterMs: number } | { kind: 'unreachable' } | { kind: 'final' } | { kind: 'transient' };

/** ChatError by class or, across module copies, by shape. */
export function chatErrorOf(error: unknown): ChatError | undefined {
  if (error instanceof ChatError) return error;
  if (error instanceof Error && error.name === 'ChatError' && typeof (error as ChatError).code === 'string') {
    return error as ChatError;
  }
  return undefined;
}

const FINAL_CODES: ReadonlySet<ChatErrorCode> = new Set<ChatErrorCode>(['invalid', 'not_found', 'auth', 'permission']);

export function classify(error: unknown): FailureAction {
  const chat = chatErrorOf(error);
  if (!chat) return { kind: 'transient' };
  if (chat.code === 'rate_limited') {
    return { kind: 'rate_limited', retryAfterMs: Math.max(MIN_RETRY_AFTER_MS, chat.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS) };
  }
  if (chat.code === 'unreachable') return { kind: 'unreachable' };
  if (FINAL_CODES.has(chat.code)) return { kind: 'final' };
  return { kind: 'transient' };
}

export function describeError(error: unknown): string {
  const chat = chatErrorOf(error);
  if (chat) return `${chat.code}: ${chat.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
