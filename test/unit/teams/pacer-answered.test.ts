// A Teams call counts from when Teams answered it, not from the slot it was given, so a call that
// reached Teams late does not let the next window's calls in early (Teams would answer 429).
import { describe, expect, it } from 'vitest';
import { Pacer } from '../../../src/platforms/teams/pacer';

describe('Teams pacer: calls count from their answer', () => {
  it('a late answer moves the tenant window', async () => {
    let now = 0;
    const slept: number[] = [];
    const pacer = new Pacer({ now: () => now, sleep: async (ms) => void slept.push(ms), perTenant: [{ limit: 2, ms: 1000 }] });
    const a = await pacer.take('t1', 'a:one');
    const b = await pacer.take('t1', 'a:two');
    now = 250;
    a.answered();
    b.answered();
    expect(await pacer.acquire('t1', 'a:three')).toBe(1000); // 250 + 1000 − 250
  });

  it('an answer before the slot changes nothing', async () => {
    const now = 0;
    const pacer = new Pacer({ now: () => now, sleep: async () => {}, perTenant: [{ limit: 1, ms: 1000 }] });
    const a = await pacer.take('t1', 'a:one');
    a.answered();
    expect(await pacer.acquire('t1', 'a:two')).toBe(1000);
  });
});
