// Follow-up rows → the core's FollowUp, and the values and audit payloads of their changes, for both engines.
import type { FollowUp, NewFollowUp } from '../../core/floor-walks/repo';
import type { LocalDate } from '../../core/time';

export interface FollowUpRow extends Omit<FollowUp, 'lateMoveReason'> {
  lateMoveReason: string | null;
  updatedAt: number;
}

export function toFollowUp(row: FollowUpRow): FollowUp {
  // Left out when there is none, so records written before the column existed read the same.
  const { updatedAt: _u, lateMoveReason, ...f } = row;
  return lateMoveReason === null ? f : { ...f, lateMoveReason };
}

export function newFollowUpValues(f: NewFollowUp, now: number) {
  return {
    orgId: f.orgId,
    walkId: f.walkId ?? null,
    raisedBy: f.raisedBy,
    ownerId: f.ownerId,
    text: f.text,
    dueDate: f.dueDate,
    status: 'open' as const,
    createdAt: now,
    updatedAt: now,
  };
}

/** The update and audit payloads that close an open follow-up. */
export function closeChange(recordedBefore: string | null, closedOn: LocalDate, actor: string | null, now: number) {
  return {
    set: { status: 'done' as const, closedAt: now, closedOn, recordedBy: actor, updatedAt: now },
    before: { status: 'open', closedAt: null, closedOn: null, recordedBy: recordedBefore },
    after: { status: 'done', closedAt: now, closedOn, recordedBy: actor },
  };
}

/** The update and audit payloads that move an open follow-up's due date (a late move keeps its reason). */
export function rescheduleChange(
  before: { dueDate: LocalDate; recordedBy: string | null; lateMoveReason: string | null },
  dueDate: LocalDate,
  actor: string | null,
  now: number,
  lateMoveReason?: string,
) {
  const reason = lateMoveReason ? { lateMoveReason } : {};
  return {
    set: { dueDate, recordedBy: actor, updatedAt: now, ...reason },
    before: {
      dueDate: before.dueDate,
      recordedBy: before.recordedBy,
      ...(lateMoveReason && before.lateMoveReason ? { lateMoveReason: before.lateMoveReason } : {}),
    },
    after: { dueDate, recordedBy: actor, ...reason },
  };
}
