// Bot Connector answers become the core's ChatError codes; nothing of the request is kept.
import { describe, expect, it } from 'vitest';
import { ChatError } from '../../../src/core/ports';
import { retryAfterMs, toChatError } from '../../../src/platforms/teams/errors';

function httpError(status: number, headers: Record<string, string> = {}, data: unknown = {}) {
  return Object.assign(new Error(`Request failed with status ${status}: {"text":"secret message"}`), {
    status,
    response: { status, headers: new Headers(headers), data },
    config: { data: { text: 'secret message' } },
  });
}

describe('toChatError', () => {
  it.each([
    [429, 'rate_limited'],
    [401, 'auth'],
    [403, 'unreachable'],
    [404, 'unreachable'],
    [400, 'invalid'],
    [413, 'invalid'],
    [412, 'transient'],
    [502, 'transient'],
    [503, 'transient'],
    [504, 'transient'],
    [500, 'transient'],
  ])('%i → %s', (status, code) => {
    const error = toChatError(httpError(status), 'send a message');
    expect(error).toBeInstanceOf(ChatError);
    expect(error.code).toBe(code);
    expect(error.message).not.toContain('secret message');
  });

  it('keeps Retry-After for 429 (seconds or an HTTP date) and names the connector’s code', () => {
    expect(toChatError(httpError(429, { 'retry-after': '7' }), 'x').retryAfterMs).toBe(7_000);
    expect(toChatError(httpError(429), 'x').retryAfterMs).toBe(1_000);
    expect(retryAfterMs(new Headers({ 'retry-after': new Date(Date.now() + 3_000).toUTCString() }))).toBeGreaterThan(1_000);
    const blocked = toChatError(httpError(403, {}, { error: { code: 'ConversationBlockedByUser' } }), 'send');
    expect(blocked.message).toContain('ConversationBlockedByUser');
  });

  it('treats a network failure as transient and an SDK refusal of the service URL as invalid', () => {
    expect(toChatError(Object.assign(new TypeError('fetch failed'), { code: 'ECONNREFUSED' }), 'x')).toMatchObject({ code: 'transient' });
    expect(toChatError(new Error('[-1] - OutboundServiceUrlNotAllowed'), 'x')).toMatchObject({ code: 'invalid' });
  });
});
