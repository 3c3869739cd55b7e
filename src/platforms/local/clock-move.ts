// Local mode's "/clock": read a target time, then walk the simulated clock forward to it in
// five-minute steps with a scheduler tick at each, so everything due on the way goes out in order.
import type { MovableClock } from '../../core/clock';
import { isValidDate, localParts, normaliseTime, zonedInstant } from '../../core/time';

export const STEP_MS = 5 * 60_000;
export const MAX_MOVE_MS = 35 * 86_400_000;

const UNIT_MS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * '+3d' / '+2h' / '+30m' / '+1w' (and combinations such as '+1d12h') relative to now;
 * '2026-12-01T08:00' or '2026-12-01 08:00' or '2026-12-01' as wall-clock time in `zone`;
 * an ISO instant with 'Z' or an offset as given. Returns the target instant or an error message.
 */
export function parseClockTarget(input: string, now: number, zone: string): { at: number } | { error: string } {
  const text = input.trim();
  if (text.startsWith('+')) {
    const parts = [...text.slice(1).matchAll(/(\d+)\s*(min|m|h|d|w)/gi)];
    const consumed = parts.map((p) => p[0]).join('');
    if (parts.length === 0 || consumed.replace(/\s/g, '') !== text.slice(1).replace(/\s/g, '')) {
      return { error: `I can't read “${text}”. Use +30m, +2h, +3d or +1w (or a date such as 2026-12-01T08:00).` };
    }
    const delta = parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]!.toLowerCase()]!, 0);
    return { at: now + delta };
  }
  if (text.startsWith('-')) return { error: 'The clock only moves forward.' };
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(text) && /T/.test(text)) {
    const at = Date.parse(text);
    return Number.isNaN(at) ? { error: `“${text}” is not a valid time.` } : { at };
  }
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}:\d{2}))?$/.exec(text);
  if (!m) return { error: `I can't read “${text}”. Use +30m, +2h, +3d, +1w or a local time such as 2026-12-01T08:00.` };
  const date = m[1]!;
  const time = m[2] ? normaliseTime(m[2]) : '00:00';
  if (!isValidDate(date) || !time) return { error: `“${text}” is not a real date and time.` };
  return { at: zonedInstant(date, time, zone) };
}

/** Checks a target against the rules: forward only, at most 35 days. Returns an error or undefined. */
export function checkMove(now: number, target: number, zone: string): string | undefined {
  if (target <= now) {
    return `The clock only moves forward; it is already ${formatInstant(now, zone)}.`;
  }
  if (target - now > MAX_MOVE_MS) return 'That is more than 35 days ahead. Move in steps of at most +35d.';
  return undefined;
}

/** Moves the clock to `target`, ticking the scheduler at every five-minute mark on the way and at the end. */
export async function walkClock(
  clock: MovableClock,
  target: number,
  tick: (now: number) => Promise<unknown>,
  shouldStop: () => boolean = () => false,
): Promise<number> {
  let steps = 0;
  let t = clock.now();
  // A pass at the start closes the window up to now (the first pass ever looks back only a minute).
  await tick(t);
  while (t < target && !shouldStop()) {
    // Steps land on the five-minute grid (07:20, 07:25 …) so that prompts go out on their minute.
    t = Math.min((Math.floor(t / STEP_MS) + 1) * STEP_MS, target);
    // The clock never moves backwards, even if real time or another tick moved it meanwhile.
    if (clock.now() < t) clock.set(t);
    await tick(t);
    steps++;
  }
  return steps;
}

/** 'Mon 2026-11-23 09:00 America/Chicago'. */
export function formatInstant(instant: number, zone: string): string {
  const p = localParts(instant, zone);
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][p.weekday - 1];
  return `${day} ${p.date} ${p.time} ${zone}`;
}
