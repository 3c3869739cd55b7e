// Found by the 429 storm test: a Slack message that waited for its pacing slot went out even when
// another call of the same workspace met a 429 meanwhile — before Slack's Retry-After was over.
import { describe, expect, it } from 'vitest';
import { ChatError } from '../../src/core/ports';
import { Pacer } from '../../src/platforms/slack/pacer';

describe('a 429 that arrives while a message waits for its pacing slot', () => {
  it('stops that message too (rate_limited), instead of sending it inside the Retry-After', async () => {
    let now = 1_000_000;
    let wake!: () => void;
    let asleep!: () => void;
    const sleeping = new Promise<void>((resolve) => {
      asleep = resolve;
    });
    const pacer = new Pacer({
      now: () => now,
      sleep: (ms) =>
        new Promise<void>((resolve) => {
          wake = () => {
            now += ms;
            resolve();
          };
          asleep();
        }),
    });
    const first = await pacer.acquire('T1', 'chat.postMessage', 'U1');
    first();
    const waiting = pacer.acquire('T1', 'chat.postMessage', 'U1'); // one second behind in the same DM
    await sleeping;
    pacer.pause('T1', 'chat.postMessage', 30_000); // another send of T1 was answered 429, Retry-After 30
    wake();
    const error = await waiting.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ code: 'rate_limited' });
    expect((error as ChatError).retryAfterMs).toBeGreaterThan(28_000);
  });
});
