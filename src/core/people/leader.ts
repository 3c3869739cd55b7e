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
 * Gives a leader an active floor-walk schedule: `slot` when given, else the one they had (switched
 * back on), else the organisation's default.
 */
export async function ensureLeaderSchedule(
  deps: CoreDeps,
  org: Org,
  personId: string,
  actor: string | null,
  slot?: { weekday: number; time: LocalTime },
): Promise<FloorWalkSchedule> {
  const existing = await deps.store.schedules.get(org.id, personId);
  if (slot) {
    if (existing?.active && existing.weekday === slot.weekday && existing.time === slot.time) return existing;
    return deps.store.schedules.upsert(org.id, { personId, ...slot, active: true }, actor);
  }
  if (existing?.active) return existing;
  const chosen = existing ?? { personId, ...defaultWalkSlot(org) };
  return deps.store.schedules.upsert(org.id, { ...chosen, active: true }, actor);
}

/** Applies the schedule side of a role change. */
export async function afterRoleChange(deps: CoreDeps, org: Org, personId: string, role: Role, actor: string | null): Promise<void> {
  if (role === 'leader') {
    await ensureLeaderSchedule(deps, org, personId, actor);
    return;
  }
  const existing = await deps.store.schedules.get(org.id, personId);
  if (existing?.active) await deps.store.schedules.upsert(org.id, { ...existing, active: false }, actor);
}
