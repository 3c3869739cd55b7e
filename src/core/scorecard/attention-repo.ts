// Storage port for the digest's "needs attention" list: a few aggregate queries over the record
// (the scorecard's own counts come from ScorecardRepo). One row per person or meeting, never raw rows.
import type { LocalDate } from '../time';

/** Open follow-ups due before a date, counted for each person who owns or raised them. */
export interface OverdueFollowUps {
  personId: string;
  /** Distinct follow-ups (one both owned and raised by the person counts once). */
  count: number;
  oldestDue: LocalDate;
}

/** How many prompts in a row a person left unanswered, counting back from the latest settled one. */
export interface UnansweredRun {
  personId: string;
  run: number;
}

/** A recurring meeting whose after-meeting check has never been answered. */
export interface UnconfirmedMeeting {
  personId: string;
  meetingId: number;
  title: string;
  /** Occurrences so far (each one a check that went unanswered). */
  checks: number;
  firstDate: LocalDate;
}

export interface AttentionRepo {
  /** Open follow-ups with a due date before `dueBefore`, per owner and per raiser. */
  overdueFollowUps(orgId: string, dueBefore: LocalDate): Promise<OverdueFollowUps[]>;
  /**
   * Runs of unanswered prompts of at least `minRun`, over prompts sent in [sinceMs, nowMs]. A prompt
   * still open and sent less than `settleMs` before `nowMs` can still be answered: left out.
   */
  unansweredRuns(orgId: string, options: { sinceMs: number; nowMs: number; settleMs: number; minRun: number }): Promise<UnansweredRun[]>;
  /** Active meetings with at least `minChecks` occurrences on or before `through`, none of them answered. */
  unconfirmedMeetings(orgId: string, through: LocalDate, minChecks: number): Promise<UnconfirmedMeeting[]>;
}
