// Slack pacers on a send log in the database (on PostgreSQL a booking "now" is one step when the
// workspace has room): three instances together keep one workspace limit, and one process's calls
// into one DM channel still go out a second apart. The clock stands still; waits are recorded.
import { expect, it } from 'vitest';
import type { ChatError } from '../../../src/core/ports';
import { Pacer } from '../../../src/platforms/slack/pacer';
import { describeEngines } from '../../support/engines';

describeEngines('Slack pacers on one database', (engine) => {
  it('keep one workspace within one limit together: the calls beyond it are refused, not sent', async () => {
    const now = () => 0;
    await engine.open(now);
    const states = [engine.platformState(now), await engine.anotherPlatformState(now), await engine.anotherPlatformState(now)];
    const pacers = states.map((state) => new Pacer({ now, sleep: async () => {}, workspacePerMinute: 10, slots: state.sendSlots }));
    const calls = pacers.flatMap((pacer, i) => Array.from({ length: 10 }, (_, k) => pacer.acquire('T1', 'chat.postMessage', `D${i}x${k}`)));
    const settled = await Promise.allSettled(calls);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(10);
    for (const s of settled) if (s.status === 'rejected') expect((s.reason as ChatError).code).toBe('rate_limited');
  });

  it("one process's calls into one channel at once go out a second apart", async () => {
    const now = () => 0;
    await engine.open(now);
    const waits: number[] = [];
    const pacer = new Pacer({ now, sleep: async (ms) => void waits.push(ms), slots: engine.platformState(now).sendSlots });
    await Promise.all([
      pacer.acquire('T1', 'chat.postMessage', 'D1'),
      pacer.acquire('T1', 'chat.postMessage', 'D1'),
      pacer.acquire('T1', 'chat.postMessage', 'D2'),
    ]);
    expect(waits).toEqual([1_000]);
  });
});
