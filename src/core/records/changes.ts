// One audited change to a record, in words: what happened ("withdrawn", "answer corrected"), why
// (a withdrawal's reason) and which fields changed from what to what. Used by `history` and by the
// evidence pack's corrections section, so both say the same.

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface ChangeView {
  what: string;
  why: string | null;
  fields: FieldChange[];
}

/** Bookkeeping fields: who/when are shown from the audit entry itself, the reason as "why". */
const HIDDEN = new Set(['recordedBy', 'withdrawnAt', 'withdrawnBy', 'withdrawnReason', 'answeredAt', 'answeredBy', 'closedAt', 'updatedAt']);

const LABELS: Record<string, string> = {
  text: 'text',
  area: 'area',
  walkDate: 'date',
  weekKey: 'week',
  wentWell: 'what went well',
  concerns: 'concerns',
  tags: 'tags',
  answer: 'answer',
  topic: 'topic',
  dueDate: 'due date',
  status: 'status',
  closedOn: 'closed on',
  note: 'note',
  items: 'checklist',
};

/** A custom answer's reason is shown as "why"; what it counts as follows from the answer itself. */
const DERIVED_ANSWER_FIELDS = new Set(['reason', 'outcome']);

type Values = Record<string, unknown> | null | undefined;

function whatHappened(entity: string, action: string, before: Values, after: Values): string {
  if (action === 'create' && entity !== 'custom_answer') return 'recorded';
  if (action === 'delete') return 'removed';
  if (after?.withdrawnAt) return 'withdrawn';
  if (entity === 'meeting_occurrence') {
    if (after?.answer === undefined) return 'topic changed';
    if (before?.answer === null || before?.answer === undefined) return 'answered';
    return before.answer === after.answer ? 'answer recorded again' : 'answer corrected';
  }
  if (entity === 'custom_answer') {
    if (action === 'create') return 'answered';
    return before?.answer === after?.answer ? 'note changed' : 'answer corrected';
  }
  if (entity === 'follow_up') {
    if (after?.status === 'done') return 'closed';
    if (after?.dueDate !== undefined) return 'due date moved';
  }
  return 'edited';
}

/** A checklist's answers read as a list ("yes, no"), not as tags. */
function plainList(key: string, value: unknown): unknown {
  return key === 'items' && Array.isArray(value) ? value.join(', ') : value;
}

export function describeChange(entity: string, action: string, before: unknown, after: unknown): ChangeView {
  const b = (before ?? null) as Values;
  const a = (after ?? null) as Values;
  const fields: FieldChange[] =
    action === 'update' && a
      ? Object.keys(a)
          .filter((k) => !HIDDEN.has(k) && !(entity === 'custom_answer' && DERIVED_ANSWER_FIELDS.has(k)) && JSON.stringify(a[k]) !== JSON.stringify(b?.[k]))
          .map((k) => ({ field: LABELS[k] ?? k, before: plainList(k, b?.[k] ?? null), after: plainList(k, a[k]) }))
      : [];
  // A withdrawal's reason, or why a custom prompt's answer was corrected or recorded for the leader.
  const why = typeof a?.withdrawnReason === 'string' ? a.withdrawnReason : entity === 'custom_answer' && typeof a?.reason === 'string' ? a.reason : null;
  return { what: whatHappened(entity, action, b, a), why, fields };
}

/** A field's value for a reader: text in quotes, lists joined, empty as "—". */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map((v) => `#${String(v)}`).join(' ') : '—';
  return typeof value === 'string' ? `“${value}”` : String(value);
}

export function fieldChangesText(fields: FieldChange[]): string {
  return fields.map((f) => `${f.field}: ${valueText(f.before)} → ${valueText(f.after)}`).join('; ');
}
