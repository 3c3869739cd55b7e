import { describe, expect, it } from 'vitest';
import { ChatError } from '../../../src/core/ports';
import { Pacer } from '../../../src/platforms/slack/pacer';

/** A pacer on a fake clock whose sleep moves that clock (and records the waits). */
function pacer(options: { perChannelMs?: number; workspacePerMinute?: number; maxWaitMs?: number } = {}) {
  let now = 1_000_000;
  const waits: number[] = [];
  const p = new Pacer({
    ...options,
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  });
  return { p, waits, advance: (ms: number) => (now += ms) };
}

async function refused(promise: Promise<unknown>): Promise<ChatError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChatError);
  return error as ChatError;
}

describe('Pacer', () => {
  it('spaces messages in one channel about a second apart, other channels are not held up', async () => {
    const { p, waits } = pacer();
    await p.acquire('T1', 'chat.postMessage', 'C1');
    await p.acquire('T1', 'chat.postMessage', 'C2');
    await p.acquire('T1', 'chat.postMessage', 'C1');
    expect(waits).toEqual([1000]);
  });

  it('refuses with rate_limited instead of waiting long', async () => {
    // A clock that does not move: each message in the channel books the next second.
    const frozen = new Pacer({ now: () => 0, sleep: async () => {}, maxWaitMs: 1500 });
    await frozen.acquire('T1', 'chat.postMessage', 'C1'); // now
    await frozen.acquire('T1', 'chat.postMessage', 'C1'); // waits 1 s
    const error = await refused(frozen.acquire('T1', 'chat.postMessage', 'C1')); // would wait 2 s
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(2000);
  });

  it('caps a workspace per minute, and only that workspace', async () => {
    const frozen = new Pacer({ now: () => 0, sleep: async () => {}, workspacePerMinute: 3, perChannelMs: 0 });
    for (const c of ['C1', 'C2', 'C3']) await frozen.acquire('T1', 'chat.postMessage', c);
    const error = await refused(frozen.acquire('T1', 'chat.postMessage', 'C4'));
    expect(error.retryAfterMs).toBe(60_000);
    await frozen.acquire('T2', 'chat.postMessage', 'C1');
  });

  it('after a 429 refuses that workspace and method until Retry-After has passed', async () => {
    const { p, advance } = pacer();
    p.pause('T1', 'chat.postMessage', 30_000);
    const error = await refused(p.acquire('T1', 'chat.postMessage', 'C1'));
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(30_000);
    await p.acquire('T2', 'chat.postMessage', 'C1'); // another workspace
    p.checkPause('T1', 'views.open'); // another method
    advance(30_001);
    await p.acquire('T1', 'chat.postMessage', 'C1');
  });
});
