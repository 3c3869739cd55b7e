// The WHERE pieces, values and audit payloads of the prompt repositories, for both engines
// (drizzle writes the same SQL for either engine's prompts table).
import { type AnyColumn, and, eq, gt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Prompt, PromptRepo, PromptToClose, TimeRange } from '../../core/prompts/prompt-repo';

export type DueColumn = 'remindAt' | 'closesAt' | 'sentAt';

export interface PromptColumns {
  id: AnyColumn;
  orgId: AnyColumn;
  personId: AnyColumn;
  kind: AnyColumn;
  subject: AnyColumn;
  status: AnyColumn;
  sentAt: AnyColumn;
  snoozedUntil: AnyColumn;
}

export function promptConditions(t: PromptColumns) {
  /** Written out, not bound: only then may the engine use the partial indexes on open prompts. */
  const isOpen = sql`${t.status} = 'open'`;
  const within = (column: AnyColumn, r: TimeRange) => and(gt(column, r.from), lte(column, r.to))!;
  return {
    isOpen,
    within,
    /** A person's prompt of a kind and subject: a statement prepared once, bound to orgId, personId, kind, subject. */
    bySubjectBound: and(
      eq(t.orgId, sql.placeholder('orgId')),
      eq(t.personId, sql.placeholder('personId')),
      eq(t.kind, sql.placeholder('kind')),
      eq(t.subject, sql.placeholder('subject')),
    )!,
    /** One prompt of the organisation, while it is open (answering, snoozing and missing need that). */
    openOne: (orgId: string, id: number) => and(eq(t.orgId, orgId), eq(t.id, id), eq(t.status, 'open'))!,
    /** The person's open prompt that an answer closes. */
    openToClose: (orgId: string, personId: string, close: PromptToClose) =>
      and(eq(t.orgId, orgId), eq(t.personId, personId), eq(t.kind, close.kind), eq(t.subject, close.subject), eq(t.status, 'open'))!,
    /** Open prompts of one kind sent in one of `sentIn` or snoozed until a time in `snoozedIn`. */
    openByTime: (kind: string, sentIn: TimeRange[], snoozedIn: TimeRange): SQL =>
      and(eq(t.kind, kind), eq(t.status, 'open'), or(within(t.snoozedUntil, snoozedIn), ...sentIn.map((r) => within(t.sentAt, r))))!,
    /** Open prompts of the organisation whose subject starts with `prefix`. */
    openWithPrefix: (orgId: string, kind: string, prefix: string) =>
      and(eq(t.orgId, orgId), eq(t.kind, kind), eq(t.status, 'open'), sql`substr(${t.subject}, 1, ${prefix.length}) = ${prefix}`)!,
  };
}

/** The values a newly sent prompt inserts. */
export function newPromptValues(p: Parameters<PromptRepo['open']>[0]) {
  return { ...p, remindAt: p.remindAt ?? null, closesAt: p.closesAt ?? null, status: 'open' as const };
}

/** What answering sets on a prompt. */
export function answeredSet(answer: string, at: number) {
  return { status: 'answered' as const, answer, answeredAt: at };
}

/** The update and audit payloads of one more snooze of an open prompt. */
export function snoozeChange(before: Pick<Prompt, 'snoozeCount' | 'snoozedUntil'>, until: number) {
  const snoozeCount = before.snoozeCount + 1;
  return {
    set: { snoozeCount, snoozedUntil: until, remindAt: until },
    before: { snoozeCount: before.snoozeCount, snoozedUntil: before.snoozedUntil },
    after: { snoozeCount, snoozedUntil: until },
  };
}

/** The audit payloads of a prompt marked missed. */
export const MISSED_CHANGE = { before: { status: 'open' }, after: { status: 'missed' } } as const;

/** Oldest sent first, then by id: the order every list of prompts is in. */
export function oldestFirst(a: Prompt, b: Prompt): number {
  return a.sentAt - b.sentAt || a.id - b.id;
}
