// Away periods and floor-walk schedules: rows → the core's models, for both engines.
import type { AwayPeriod, FloorWalkSchedule } from '../../core/people/types';

export function toAway(row: AwayPeriod): AwayPeriod {
  return { id: row.id, personId: row.personId, fromDate: row.fromDate, toDate: row.toDate, reason: row.reason, recordedBy: row.recordedBy };
}

export function toSchedule(row: FloorWalkSchedule): FloorWalkSchedule {
  return { personId: row.personId, weekday: row.weekday, time: row.time, active: row.active };
}

/** What the audit keeps of a schedule before a change. */
export const scheduleBefore = (row: FloorWalkSchedule | undefined) => row && { weekday: row.weekday, time: row.time, active: row.active };

/**
 * The filter of ScheduleRepo.listActiveAt over rows `a` (active schedules with their zone) joined
 * to windows `w` (zone, every, after, through): the slot's time comes round in its zone's window.
 */
export const TIME_IN_WINDOW_SQL = `w.every
   OR (w.after < w.through AND a.time > w.after AND a.time <= w.through)
   OR (w.after >= w.through AND (a.time > w.after OR a.time <= w.through))`;
