// Delivery rows (snake_case, as both engines' plain SQL returns them) → the core's Delivery.
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
