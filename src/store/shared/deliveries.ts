// Delivery rows (snake_case, as both engines' plain SQL returns them) → the core's Delivery.
import type { PromptToOpen } from '../../core/prompts/prompt-repo';
import type { Delivery, DeliveryKind, DeliveryStatus, NewDelivery } from '../../core/deliveries';

export interface DeliveryRow {
  id: number;
  org_id: string;
  key: string;
  kind: string;
  person_id: string | null;
  channel: string | null;
  subject: string;
  due_at: number;
  status: DeliveryStatus;
  attempts: number;
  interruptions: number;
  next_attempt_at: number;
  last_error: string | null;
  sent_at: number | null;
  message_ref: string | null;
}

export function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    orgId: row.org_id,
    key: row.key,
    kind: row.kind as DeliveryKind,
    personId: row.person_id,
    channel: row.channel,
    subject: JSON.parse(row.subject) as Delivery['subject'],
    dueAt: row.due_at,
    status: row.status,
    attempts: row.attempts,
    interruptions: row.interruptions,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    sentAt: row.sent_at,
    messageRef: row.message_ref,
  };
}

export const DELIVERY_COLUMNS = `id, org_id, key, kind, person_id, channel, subject, due_at, status, attempts, interruptions, next_attempt_at,
  last_error, sent_at, message_ref`;

export const EMPTY_COUNTS: Readonly<Record<DeliveryStatus, number>> = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0, done: 0 };

/** The values of the row that enqueues `d` (a skip reason makes it a skipped row). */
export function newDeliveryValues(d: NewDelivery, createdAt: number) {
  return {
    orgId: d.orgId,
    key: d.key,
    kind: d.kind,
    personId: d.personId ?? null,
    channel: d.channel ?? null,
    subject: JSON.stringify(d.subject),
    dueAt: d.dueAt,
    status: d.skipReason === undefined ? ('pending' as const) : ('skipped' as const),
    lastError: d.skipReason ?? null,
    createdAt,
  };
}

/**
 * The prompt a send opens, inserted in the statement that marks the delivery sent (markSent with
 * `opens`): a second one for the same (person, kind, subject) keeps the first. `param` writes each
 * value's marker, in OPENING_VALUES order.
 */
export function promptOpeningSql(param: (i: number) => string): string {
  const values = OPENING_VALUES.map((_, i) => param(i)).join(', ');
  return `INSERT INTO prompts (org_id, person_id, kind, subject, sent_at, message_ref, remind_at, closes_at, status)
          VALUES (${values}, 'open') ON CONFLICT DO NOTHING`;
}

export const OPENING_VALUES = ['orgId', 'personId', 'kind', 'subject', 'sentAt', 'messageRef', 'remindAt', 'closesAt'] as const;

export function openingValues(p: PromptToOpen): unknown[] {
  return OPENING_VALUES.map((f) => p[f] ?? null);
}
