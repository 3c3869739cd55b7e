// A Slack message write counts from when Slack answered it, not from the slot it was given: a call
// that reached Slack late must not let the next window's calls in early (Slack would answer 429).
import { describe, expect, it } from 'vitest';
import { Pacer } from '../../../src/platforms/slack/pacer';

function clock() {
  let now = 0;
  const waits: number[] = [];
  return { now: () => now, sleep: async (ms: number) => void waits.push(ms), set: (ms: number) => (now = ms), waits };
}

describe('Slack pacer: writes count until Slack answered', () => {
  it('measures the workspace window from the answers', async () => {
    const c = clock();
    const pacer = new Pacer({ now: c.now, sleep: c.sleep, workspacePerMinute: 2, windowMs: 1000, perChannelMs: 0 });
    const first = await pacer.acquire('T1', 'chat.postMessage', 'C1');
    const second = await pacer.acquire('T1', 'chat.postMessage', 'C2');
    c.set(300); // both answered 300 ms after their slot
    first();
    second();
    await pacer.acquire('T1', 'chat.postMessage', 'C3');
    expect(c.waits).toEqual([1000]); // 300 + 1000, not 0 + 1000
  });

  it('counts a write Slack has not answered yet as happening now', async () => {
    const c = clock();
    const pacer = new Pacer({ now: c.now, sleep: c.sleep, perChannelMs: 1000 });
    await pacer.acquire('T1', 'chat.postMessage', 'C1'); // still in flight
    c.set(400);
    await pacer.acquire('T1', 'chat.postMessage', 'C1');
    expect(c.waits).toEqual([1000]); // a second after "now", not after the slot at 0
  });
});
