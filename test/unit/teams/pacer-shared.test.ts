// Three instances' Teams pacers, each with its own connection to one database, calling into one
// tenant at once: the tenant's calls stay within ONE per-tenant limit (counted in the send log in the database),
// on both engines. The clock stands still; each call goes out at its slot (now + its wait).
import { expect, it } from 'vitest';
import { Pacer } from '../../../src/platforms/teams/pacer';
import { describeEngines } from '../../support/engines';

const LIMIT = 10;
const WINDOW_MS = 1_000;

function mostInAnyWindow(times: number[]): number {
  return Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + WINDOW_MS).length));
}

describeEngines('Teams pacers of three instances', (engine) => {
  it('keep one tenant within one limit together', async () => {
    const now = () => 0;
    await engine.open(now);
    const states = [engine.platformState(now), await engine.anotherPlatformState(now), await engine.anotherPlatformState(now)];
    const pacers = states.map((state) => new Pacer({ now, sleep: async () => {}, perTenant: [{ limit: LIMIT, ms: WINDOW_MS }], slots: state.sendSlots }));
    const calls = pacers.flatMap((pacer, i) => Array.from({ length: 10 }, (_, k) => pacer.acquire('tenant-1', `a:chat-${i}-${k}`)));
    const sendTimes = await Promise.all(calls);
    expect(mostInAnyWindow(sendTimes)).toBeLessThanOrEqual(LIMIT);
    // Another tenant is not held up by tenant-1's queue.
    expect(await pacers[1]!.acquire('tenant-2', 'a:chat')).toBe(0);
  });
});
