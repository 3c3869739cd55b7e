// Which floor-walk schedules a scheduler pass needs to look at. A pass covers about a minute, and a
// schedule whose wall-clock time does not come round in that minute in its zone cannot be due, so
// the store returns only the schedules whose time does, instead of every schedule every minute.
import { localParts, type LocalTime } from '../time';

/**
 * The wall-clock times of a window in one zone: after `after`, up to and including `through`
 * (through < after: past midnight). `all`: any time of day may be due.
 */
export interface LocalTimeWindow {
  zone: string;
  all: boolean;
  after: LocalTime;
  through: LocalTime;
}

const DAY_MS = 86_400_000;

/** Minutes the zone's wall clock is ahead of UTC at an instant. */
function offsetMinutes(instant: number, zone: string): number {
  const { date, time } = localParts(instant, zone);
  return Math.round((Date.parse(`${date}T${time}:00Z`) - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/**
 * Slots fall on whole minutes, so one at wall-clock time T is in (from, to] when T is after the
 * local time of `from` and not after that of `to`. Not so for a window of a day or more, or one
 * across a change of offset: a DST switch skips local times (a skipped slot is sent at the first
 * minute after it) or repeats them, so there any time may be due.
 */
export function localTimeWindow(from: number, to: number, zone: string): LocalTimeWindow {
  const after = localParts(from, zone).time;
  const through = localParts(to, zone).time;
  const all = to <= from || to - from >= DAY_MS || offsetMinutes(from, zone) !== offsetMinutes(to, zone);
  return { zone, all, after, through };
}

/** Whether wall-clock `time` comes round in the window (the store's schedule filter, in JavaScript). */
export function timeComesRound(window: LocalTimeWindow, time: LocalTime): boolean {
  if (window.all) return true;
  return window.after < window.through ? time > window.after && time <= window.through : time > window.after || time <= window.through;
}
