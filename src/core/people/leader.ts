// What follows from someone's role: leaders get a weekly floor-walk slot (the organisation's
// default, Friday 14:00, unless they have one); someone who stops being a leader stops being asked.
import type { CoreDeps } from '../deps';
import type { LocalTime } from '../time';
import type { FloorWalkSchedule, Org, Role } from './types';

export const DEFAULT_WALK_DAY = 5;
export const DEFAULT_WALK_TIME: LocalTime = '14:00';

export function defaultWalkSlot(org: Org): { weekday: number; time: LocalTime } {
  return { weekday: org.settings.defaultWalkDay ?? DEFAULT_WALK_DAY, time: org.settings.defaultWalkTime ?? DEFAULT_WALK_TIME };
}

/**
 * The floor-walk schedule a leader should have — `slot` when given, else the one they had (switched
 * back on), else the organisation's default — or undefined when the stored one is already right.
 */
export function leaderScheduleChange(
  org: Org,
  personId: string,
  existing: FloorWalkSchedule | undefined,
  slot?: { weekday: number; time: LocalTime },
): FloorWalkSchedule | undefined {
  if (slot) {
    if (existing?.active && existing.weekday === slot.weekday && existing.time === slot.time) return undefined;
    return { personId, ...slot, active: true };
  }
  if (existing?.active) return undefined;
  return { ...(existing ?? { personId, ...defaultWalkSlot(org) }), active: true };
}

/** The schedule of someone who stops being a leader: switched off, or undefined when it is not on. */
export function retiredScheduleChange(existing: FloorWalkSchedule | undefined): FloorWalkSchedule | undefined {
  return existing?.active ? { ...existing, active: false } : undefined;
}

/** Gives a leader an active floor-walk schedule (see leaderScheduleChange). */
export async function ensureLeaderSchedule(
  deps: CoreDeps,
  org: Org,
  personId: string,
  actor: string | null,
  slot?: { weekday: number; time: LocalTime },
): Promise<FloorWalkSchedule> {
  const existing = await deps.store.schedules.get(org.id, personId);
  const change = leaderScheduleChange(org, personId, existing, slot);
  return change ? deps.store.schedules.upsert(org.id, change, actor) : existing!;
}

/** Applies the schedule side of a role change. */
export async function afterRoleChange(deps: CoreDeps, org: Org, personId: string, role: Role, actor: string | null): Promise<void> {
  if (role === 'leader') {
    await ensureLeaderSchedule(deps, org, personId, actor);
    return;
  }
  const change = retiredScheduleChange(await deps.store.schedules.get(org.id, personId));
  if (change) await deps.store.schedules.upsert(org.id, change, actor);
}
