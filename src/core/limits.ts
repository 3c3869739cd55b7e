// Limits one person cannot blow past, whatever platform they use: each keeps one user from
// flooding others with prompts, mentions or follow-ups. The use cases enforce them; README says them.
import { UserError } from './errors';

export const LIMITS = Object.freeze({
  /** Active recurring meetings one leader may have. */
  meetingsPerLeader: 30,
  /** Meeting occurrences (each a reminder and a check) one leader's meetings may add up to in a week. */
  meetingOccurrencesPerWeek: 50,
  /** People named (and mentioned) in one win. */
  peoplePerWin: 20,
  /** Open follow-ups one person may have assigned to one other person at a time. */
  openFollowUpsPerPair: 20,
});

/** `whose` is 'you' or the leader's name. */
export function checkMeetingCount(existing: number, whose: string): void {
  if (existing >= LIMITS.meetingsPerLeader) {
    const has = whose === 'you' ? 'You have' : `${whose} has`;
    throw new UserError(
      `${has} ${existing} meetings already; the limit is ${LIMITS.meetingsPerLeader} meetings per leader. Remove one first (/clause5 meeting remove <id>).`,
    );
  }
}

export function checkWeeklyOccurrences(total: number, whose: string): void {
  if (total > LIMITS.meetingOccurrencesPerWeek) {
    throw new UserError(
      `With this meeting ${whose} would have ${total} meetings in a week; the limit is ${LIMITS.meetingOccurrencesPerWeek} meeting occurrences per leader per week. Choose a rule that repeats less often, or remove a meeting.`,
    );
  }
}

export function checkPeoplePerWin(count: number, field?: string): void {
  if (count > LIMITS.peoplePerWin) {
    throw new UserError(`That win names ${count} people; the limit is ${LIMITS.peoplePerWin} people per win. Name the team instead (team "<name>").`, field);
  }
}

/** `open` counts the follow-ups already open from this raiser to this owner plus the new ones. */
export function followUpPairRefusal(open: number, ownerName: string): string | undefined {
  if (open <= LIMITS.openFollowUpsPerPair) return undefined;
  return `${ownerName} would have ${open} open follow-ups from you; the limit is ${LIMITS.openFollowUpsPerPair} open follow-ups one person may assign to another. Close some first (/clause5 followups).`;
}

/**
 * A member (not a leader, quality manager or admin) may give follow-ups to leaders only from their
 * own floor walk, not with "followup add".
 */
export function memberAssignRefusal(raiserRole: string, ownerRole: string, ownerName: string): string | undefined {
  if (raiserRole !== 'member' || ownerRole === 'member') return undefined;
  return `As a member you can't assign follow-ups to ${ownerName} (a leader); raise them on your own floor walk (/clause5 floorwalk), or ask a leader to assign it.`;
}
