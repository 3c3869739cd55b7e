// The sender's pacing under Teams' limits, on a fake clock: 7 a second and 8 in 2 s per
// conversation, 50 a second per tenant, Retry-After pauses — and no head-of-line blocking.
import { describe, expect, it } from 'vitest';
import { Pacer } from '../../../src/platforms/teams/pacer';

function fakeTime() {
  let now = 0;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
    },
    advance: (ms: number) => {
      now += ms;
    },
    slept,
  };
}

describe('Pacer', () => {
  it('lets 7 messages into a conversation at once, then spaces them by the 1 s and 2 s windows', async () => {
    const t = fakeTime();
    const pacer = new Pacer({ now: t.now, sleep: t.sleep });
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) waits.push(await pacer.acquire('t1', 'a:chat'));
    expect(waits.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(waits[7]).toBe(1_000); // the 8th: after the first second
    expect(waits[8]).toBe(2_000); // the 9th: 8 in 2 s
    expect(waits[9]).toBe(2_000);
  });

  it('does not hold one conversation up behind another', async () => {
    const t = fakeTime();
    const pacer = new Pacer({ now: t.now, sleep: t.sleep });
    for (let i = 0; i < 9; i++) await pacer.acquire('t1', 'a:busy');
    expect(await pacer.acquire('t1', 'a:other')).toBe(0);
  });

  it('caps a tenant at 50 calls a second across conversations', async () => {
    const t = fakeTime();
    const pacer = new Pacer({ now: t.now, sleep: t.sleep });
    const waits: number[] = [];
    for (let i = 0; i < 51; i++) waits.push(await pacer.acquire('t1', `a:chat-${i}`));
    expect(waits.slice(0, 50).every((w) => w === 0)).toBe(true);
    expect(waits[50]).toBe(1_000);
    expect(await pacer.acquire('t2', 'a:elsewhere')).toBe(0); // another tenant is not affected
  });

  it('waits out a Retry-After for the conversation and the tenant', async () => {
    const t = fakeTime();
    const pacer = new Pacer({ now: t.now, sleep: t.sleep });
    pacer.pause('t1', 'a:chat', 5_000);
    expect(await pacer.acquire('t1', 'a:chat')).toBe(5_000);
    expect(await pacer.acquire('t1', 'a:other')).toBe(5_000);
    t.advance(5_000);
    expect(await pacer.acquire('t1', 'a:third')).toBe(0);
  });

  it('frees slots as time passes', async () => {
    const t = fakeTime();
    const pacer = new Pacer({ now: t.now, sleep: t.sleep });
    for (let i = 0; i < 7; i++) await pacer.acquire('t1', 'a:chat');
    t.advance(2_001);
    expect(await pacer.acquire('t1', 'a:chat')).toBe(0);
    expect(t.slept).toEqual([]);
  });
});
