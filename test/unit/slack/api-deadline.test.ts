import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports';
import { SlackApi, worstCaseCallMs } from '../../../src/platforms/slack/api';
import { DEFAULT_LEASE_MS } from '../../../src/scheduler/sender';

describe('the Slack client and the sender deadline', () => {
  it('gives up on one call (every try timing out) well before the sender gives up on the send', () => {
    const options = SlackApi.clientOptions('http://127.0.0.1:1/api/', silentLogger);
    const sendDeadline = DEFAULT_LEASE_MS / 2;
    // 3 tries × 5 s + 0.2 s + 0.4 s between them; the pacer may add its 2 s wait before the call.
    expect(worstCaseCallMs(options)).toBe(15_600);
    expect(worstCaseCallMs(options) + 2_000).toBeLessThanOrEqual(sendDeadline * 0.6);
  });
});
