// Retention: how long each kind of record is kept (default: forever). A setting is a duration such
// as 3y, 18m, 90d; the scheduler removes what is older once a day (scheduler/retention-job.ts).
// The audit log itself is never shortened: removing its entries would break the chain. The
// content its entries keep of a removed record is blanked, and the removal is an entry in the chain.
import { UserError } from '../errors';

export const RETENTION_KINDS = ['prompts', 'walks', 'followups', 'wins', 'answers'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];
export type RetentionSettings = Partial<Record<RetentionKind, string>>;

/** What each kind removes, for the command's answer and help. */
export const RETENTION_WHAT: Record<RetentionKind, string> = {
  prompts: 'prompts sent (and their delivery records) — open ones are kept',
  walks: 'floor walks by walk date, with their follow-ups — a walk with an open follow-up is kept',
  followups: 'follow-up actions closed that long ago — open ones are kept',
  wins: 'wins by the day they were posted',
  answers: 'meeting occurrences and their answers (“did you open with a quality update?”)',
};

/** The shortest setting: less would empty a scorecard's trend and the evidence of a single audit. */
export const MIN_RETENTION_DAYS = 30;

export interface RetentionDuration {
  amount: number;
  unit: 'd' | 'w' | 'm' | 'y';
}

const UNITS: Record<string, RetentionDuration['unit']> = {
  d: 'd',
  day: 'd',
  days: 'd',
  w: 'w',
  week: 'w',
  weeks: 'w',
  m: 'm',
  month: 'm',
  months: 'm',
  y: 'y',
  year: 'y',
  years: 'y',
};

export function parseRetention(text: string): RetentionDuration {
  const match = /^(\d{1,3})\s*([a-z]+)$/i.exec(text.trim());
  const unit = match && UNITS[match[2]!.toLowerCase()];
  if (!match || !unit) throw new UserError(`“${text}” is not a duration — use e.g. 90d, 26w, 18m or 3y (or keep).`);
  const duration = { amount: Number(match[1]), unit };
  const days = { d: 1, w: 7, m: 30, y: 365 }[unit] * duration.amount;
  if (days < MIN_RETENTION_DAYS) throw new UserError(`${text} is too short: keep records at least ${MIN_RETENTION_DAYS} days.`);
  return duration;
}

/** The instant before which records of a kind kept for `setting` are removed (UTC calendar). */
export function retentionCutoff(setting: string, now: number): number {
  const { amount, unit } = parseRetention(setting);
  const d = new Date(now);
  if (unit === 'y') d.setUTCFullYear(d.getUTCFullYear() - amount);
  else if (unit === 'm') d.setUTCMonth(d.getUTCMonth() - amount);
  else d.setUTCDate(d.getUTCDate() - amount * (unit === 'w' ? 7 : 1));
  return d.getTime();
}

export interface RetentionRun {
  /** Records removed, per record kind ('floor_walk', 'prompt', …); empty when nothing was old enough. */
  removed: Record<string, number>;
}

/** The store's side of retention. */
export interface RetentionRepo {
  /**
   * Removes the organisation's records of `kind` older than `cutoff`, blanks what the audit log
   * kept of them and appends one chained entry listing the removed ids — all in one transaction.
   * Writes nothing when nothing is old enough.
   */
  apply(orgId: string, kind: RetentionKind, cutoff: number, setting: string): Promise<RetentionRun>;
}
