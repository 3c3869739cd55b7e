import { describe, expect, it } from 'vitest';
import { MovableClock } from '../../../src/core/clock';
import { checkMove, parseClockTarget, STEP_MS, walkClock } from '../../../src/platforms/local/clock-move';

const NOW = Date.parse('2026-03-02T12:00:00Z'); // 06:00 in Chicago
const ZONE = 'America/Chicago';

describe('/clock targets', () => {
  it('reads relative moves, combined units and local wall-clock times', () => {
    expect(parseClockTarget('+30m', NOW, ZONE)).toEqual({ at: NOW + 30 * 60_000 });
    expect(parseClockTarget('+2h', NOW, ZONE)).toEqual({ at: NOW + 2 * 3_600_000 });
    expect(parseClockTarget('+3d', NOW, ZONE)).toEqual({ at: NOW + 3 * 86_400_000 });
    expect(parseClockTarget('+1d12h', NOW, ZONE)).toEqual({ at: NOW + 36 * 3_600_000 });
    expect(parseClockTarget('+1w', NOW, ZONE)).toEqual({ at: NOW + 7 * 86_400_000 });
    // 08:00 in Chicago on 1 Dec (CST, UTC−6).
    expect(parseClockTarget('2026-12-01T08:00', NOW, ZONE)).toEqual({ at: Date.parse('2026-12-01T14:00:00Z') });
    expect(parseClockTarget('2026-12-01 08:00', NOW, ZONE)).toEqual({ at: Date.parse('2026-12-01T14:00:00Z') });
    expect(parseClockTarget('2026-03-03', NOW, ZONE)).toEqual({ at: Date.parse('2026-03-03T06:00:00Z') });
    expect(parseClockTarget('2026-03-03T10:00Z', NOW, ZONE)).toEqual({ at: Date.parse('2026-03-03T10:00:00Z') });
  });

  it('explains what it cannot read', () => {
    expect(parseClockTarget('+3x', NOW, ZONE)).toMatchObject({ error: expect.stringContaining('+30m') });
    expect(parseClockTarget('+1mo', NOW, ZONE)).toMatchObject({ error: expect.stringContaining('+3d') });
    expect(parseClockTarget('-1d', NOW, ZONE)).toEqual({ error: 'The clock only moves forward.' });
    expect(parseClockTarget('2026-02-30T08:00', NOW, ZONE)).toMatchObject({ error: expect.stringContaining('not a real date') });
    expect(parseClockTarget('tomorrow', NOW, ZONE)).toMatchObject({ error: expect.stringContaining('2026-12-01T08:00') });
  });

  it('never moves backwards and caps a move at 35 days', () => {
    expect(checkMove(NOW, NOW, ZONE)).toContain('only moves forward; it is already Mon 2026-03-02 06:00 America/Chicago');
    expect(checkMove(NOW, NOW - 1, ZONE)).toContain('only moves forward');
    expect(checkMove(NOW, NOW + 35 * 86_400_000, ZONE)).toBeUndefined();
    expect(checkMove(NOW, NOW + 35 * 86_400_000 + 60_000, ZONE)).toContain('more than 35 days');
  });

  it('walks forward on the five-minute marks, ticking at each, and ends exactly on the target', async () => {
    const start = NOW + 2 * 60_000 + 30_000; // 06:02:30
    const clock = new MovableClock(start);
    const ticks: number[] = [];
    await walkClock(clock, NOW + 17 * 60_000, async (t) => {
      expect(clock.now()).toBe(t);
      ticks.push(t - NOW);
    });
    expect(ticks).toEqual([start - NOW, STEP_MS, 2 * STEP_MS, 3 * STEP_MS, 17 * 60_000]);
    expect(clock.now()).toBe(NOW + 17 * 60_000);
  });

  it('stops between steps when asked (the chat is closing)', async () => {
    const clock = new MovableClock(NOW);
    let ticks = 0;
    await walkClock(
      clock,
      NOW + 86_400_000,
      async () => void ticks++,
      () => ticks >= 3,
    );
    expect(ticks).toBe(3);
    expect(clock.now()).toBe(NOW + 2 * STEP_MS);
  });
});
