// The SendSlotLog port's contract on both engines and in memory: what the Slack and Teams pacers
// rely on to keep several instances within one platform limit. The clock is the caller's (`since`,
// the instant `choose` picks), never the database's.
import { describe, expect, it } from 'vitest';
import { MemorySendSlots } from '../../../src/platforms/send-slots';
import type { SendSlotLog, SentSlot, SlotRead } from '../../../src/platforms/state';
import { describeEngines } from '../../support/engines';

/** Every slot of the keys after `since`. */
function reads(since: number, ...keys: string[]): SlotRead[] {
  return keys.map((key) => ({ key, since }));
}

/** A chooser that books at `at` and remembers what it was shown. */
function showing(at: number | undefined) {
  const seen: SentSlot[][][] = [];
  return {
    seen,
    choose: (slots: SentSlot[][]) => {
      seen.push(slots);
      return at;
    },
  };
}

function contract(logs: () => Promise<[SendSlotLog, SendSlotLog]>) {
  it("shows each key's slots after `since`, oldest first, and books the chosen instant on every key", async () => {
    const [log] = await logs();
    await log.book(reads(0, 't:1'), () => 3_000);
    await log.book(reads(0, 't:1', 'c:1:a'), () => 1_000);
    await log.book(reads(0, 't:2'), () => 2_000);
    const probe = showing(undefined);
    expect(await log.book(reads(500, 'c:1:a', 't:1'), probe.choose)).toBeUndefined();
    expect(probe.seen).toEqual([
      [
        [{ at: 1_000, answered: false }],
        [
          { at: 1_000, answered: false },
          { at: 3_000, answered: false },
        ],
      ],
    ]);
  });

  it('books nothing when the chooser declines, and forgets slots at or before `since`', async () => {
    const [log] = await logs();
    await log.book(reads(0, 't:1'), () => 1_000);
    await log.book(reads(0, 't:1'), () => undefined);
    await log.book(reads(0, 't:1'), () => 2_000);
    await log.book(reads(1_000, 't:1'), () => undefined);
    const probe = showing(undefined);
    await log.book(reads(0, 't:1'), probe.choose);
    expect(probe.seen[0]).toEqual([[{ at: 2_000, answered: false }]]);
  });

  it('an answered slot counts from when it was answered, never earlier than its slot', async () => {
    const [log, other] = await logs();
    const first = await log.book(reads(0, 't:1', 'c:1:a'), () => 1_000);
    const second = await log.book(reads(0, 't:1'), () => 1_500);
    expect(first!.ids).toHaveLength(2);
    await log.answered(first!, 4_000);
    await other.answered(second!, 1_200);
    const probe = showing(undefined);
    await other.book(reads(0, 't:1', 'c:1:a'), probe.choose);
    expect(probe.seen[0]).toEqual([
      [
        { at: 1_500, answered: true },
        { at: 4_000, answered: true },
      ],
      [{ at: 4_000, answered: true }],
    ]);
  });

  it('a read bounded to the latest N shows those and every unanswered slot, and the bound may differ per key', async () => {
    const [log] = await logs();
    const booked = [];
    for (const at of [100, 200, 300, 400, 500]) booked.push(await log.book(reads(0, 't:1', 'c:1:a'), () => at));
    for (const slot of booked.slice(1)) await log.answered(slot!, slot!.at);
    const probe = showing(undefined);
    await log.book(
      [
        { key: 't:1', since: 0, latest: 2 },
        { key: 'c:1:a', since: 200 },
      ],
      probe.choose,
    );
    expect(probe.seen[0]).toEqual([
      [
        { at: 100, answered: false },
        { at: 400, answered: true },
        { at: 500, answered: true },
      ],
      [
        { at: 300, answered: true },
        { at: 400, answered: true },
        { at: 500, answered: true },
      ],
    ]);
  });

  it('keys are opaque: quotes, backslashes and semicolons are kept apart and intact', async () => {
    const [log] = await logs();
    const odd = ["c:t'1:19:abc@thread.tacv2;messageid=1", 'c:t\\1:a\\b', "t:1'); DROP TABLE send_slots; --"];
    for (const [i, key] of odd.entries()) await log.book(reads(0, key), () => (i + 1) * 1_000);
    const probe = showing(undefined);
    await log.book(reads(0, ...odd), probe.choose);
    expect(probe.seen[0]).toEqual(odd.map((_, i) => [{ at: (i + 1) * 1_000, answered: false }]));
  });

  for (const step of ['book', 'bookNowIfRoom'] as const) {
    it(`every key’s slots an hour older than a later booking’s horizon are swept (${step}), by any instance, even a key never booked again`, async () => {
      const [log, other] = await logs();
      if (step === 'bookNowIfRoom' && !other.bookNowIfRoom) return;
      const HOUR = 3_600_000;
      await log.book(reads(0, 'c:1:once'), () => 1_000);
      await log.book(reads(0, 'c:1:recent'), () => 2 * HOUR);
      // Another instance books another key far later: its horizon is more than an hour past c:1:once's slot.
      const later = 1_000 + HOUR + 20 * 60_000;
      if (step === 'book') await other.book(reads(later, 't:1'), () => 3 * HOUR);
      else expect(await other.bookNowIfRoom!({ key: 'slack:T1', since: later }, { limit: 100, windowMs: 60_000, inFlightMs: 15_600 }, 3 * HOUR)).toBeDefined();
      const probe = showing(undefined);
      await log.book(reads(-1, 'c:1:once', 'c:1:recent'), probe.choose);
      expect(probe.seen[0]).toEqual([[], [{ at: 2 * HOUR, answered: false }]]);
    });
  }

  it('two connections (two instances) share one log, and concurrent bookings each see every slot booked before them', async () => {
    const [a, b] = await logs();
    // Each booking takes the instant after the latest it is shown: equal instants would mean two bookings saw the same slots.
    const next = (slots: SentSlot[][]) => (slots[0]!.at(-1)?.at ?? 0) + 100;
    const booked = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).book(reads(-1, 'slack:T1'), next)));
    expect(booked.map((slot) => slot!.at).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) * 100));
  });

  it('books now in one step only while the key has room, counting slots as the pacers do', async () => {
    const [log] = await logs();
    if (!log.bookNowIfRoom) return;
    const room = { limit: 2, windowMs: 1_000, inFlightMs: 500 };
    const now = (at: number) => log.bookNowIfRoom!({ key: 'k', since: 0 }, room, at);
    await log.answered((await log.book(reads(0, 'k'), () => 1_000))!, 1_100);
    await log.book(reads(0, 'k'), () => 1_200);
    // At 2,000 the answered slot counts at 1,100 and the unanswered one as 1,700: both in the window.
    expect(await now(2_000)).toBeUndefined();
    // At 2,150 the answered one has left the window.
    expect(await now(2_150)).toEqual({ at: 2_150, ids: [expect.any(Number)] });
    expect(await now(2_150)).toBeUndefined();
    // At 2,800 the slot of 1,200 counts as 1,700 (no longer as now): out; 2,150's counts as 2,650: in.
    expect((await now(2_800))?.at).toBe(2_800);
    const probe = showing(undefined);
    await log.book(reads(0, 'k'), probe.choose);
    expect(probe.seen[0]![0]!.map((slot) => slot.at)).toEqual([1_100, 1_200, 2_150, 2_800]);
  });

  it('a one-step booking writes the answers waiting to be written first', async () => {
    const [log] = await logs();
    if (!log.bookNowIfRoom) return;
    const room = { limit: 1, windowMs: 1_000, inFlightMs: 500 };
    const first = await log.book(reads(0, 'k'), () => 1_000);
    const written = log.answered(first!, 1_100);
    // Unanswered, the slot would count as 1,500 at 2,150 (in the window); answered, as 1,100 (out).
    expect((await log.bookNowIfRoom({ key: 'k', since: 0 }, room, 2_150))?.at).toBe(2_150);
    await written;
  });

  it('one-step bookings from two connections at once never book more than the room', async () => {
    const [a, b] = await logs();
    if (!a.bookNowIfRoom || !b.bookNowIfRoom) return;
    const room = { limit: 5, windowMs: 60_000, inFlightMs: 1_000 };
    const booked = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).bookNowIfRoom!({ key: 'slack:T9', since: 0 }, room, 1_000 + i)));
    expect(booked.filter(Boolean)).toHaveLength(5);
  });
}

describeEngines('send slots', (engine) => {
  contract(async () => {
    const now = () => 0;
    await engine.open(now);
    return [engine.platformState(now).sendSlots, (await engine.anotherPlatformState(now)).sendSlots];
  });
});

describe('send slots [memory]', () => {
  contract(async () => {
    const log = new MemorySendSlots();
    return [log, log];
  });
});
