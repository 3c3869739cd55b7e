// The Done / New due date buttons on follow-up messages, and the small "new due date" form.
import type { ActionContext, ActionSpec, FormSpec } from '../commands/types';
import { UserError } from '../errors';
import { note, type Form } from '../model';
import { localDateOf } from '../time';
import { checkDueDate, closeFollowUp, isOverdue, LATE_REASON_MAX, loadFollowUp, overdueMoveRefusal, rescheduleFollowUp, canChange } from './followup-service';
import { closedMessage } from './followup-messages';
import { FOLLOWUP_ACTIONS, type FollowUpButtonValue } from './followup-nudges';

export const RESCHEDULE_FORM_ID = 'followup.reschedule';

function parseValue(raw: string): FollowUpButtonValue {
  try {
    const v = JSON.parse(raw) as { f?: unknown; d?: unknown };
    if (typeof v.f === 'number' && Number.isInteger(v.f)) {
      return typeof v.d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.d) ? { f: v.f, d: v.d } : { f: v.f };
    }
  } catch {
    // fall through
  }
  throw new UserError('That button is out of date. Type /clause5 followups to see your open actions.');
}

const done: ActionSpec = {
  id: FOLLOWUP_ACTIONS.done,
  async run(ctx: ActionContext) {
    const value = parseValue(ctx.value);
    const result = await closeFollowUp(ctx.deps, ctx.actor, value.f, ctx.pressed);
    if (!result.changed) return { message: note(result.why) };
    return { replaceOriginal: closedMessage(result.followUp) };
  },
};

const reschedule: ActionSpec = {
  id: FOLLOWUP_ACTIONS.reschedule,
  async run(ctx: ActionContext) {
    const value = parseValue(ctx.value);
    const f = await loadFollowUp(ctx.deps, ctx.actor, value.f);
    if (!canChange(ctx.actor, f)) {
      return { message: note(`Only the owner, the person who raised it, or a quality manager can reschedule follow-up #${f.id}.`) };
    }
    if (f.status === 'done') return { message: note(`Follow-up #${f.id} was already closed on ${f.closedOn} — nothing to reschedule.`) };
    const refusal = await overdueMoveRefusal(ctx.deps, ctx.actor, f);
    if (refusal) return { message: note(refusal) };
    const today = localDateOf(ctx.deps.clock.now(), ctx.actor.zone);
    const late = await isOverdue(ctx.deps, ctx.actor, f);
    const form: Form = {
      id: RESCHEDULE_FORM_ID,
      title: 'New due date',
      submitLabel: 'Save',
      intro: [`Follow-up #${f.id}: `, f.text, ` (due ${f.dueDate})`],
      fields: [
        { id: 'due', label: 'New due date', kind: 'date', initial: f.dueDate > today ? f.dueDate : today, hint: 'Today or later', earliest: today },
        ...(late
          ? [
              {
                id: 'reason',
                label: 'Why move it after it was due?',
                kind: 'text' as const,
                maxLength: LATE_REASON_MAX,
                hint: 'Kept in the follow-up’s history',
              },
            ]
          : []),
      ],
      state: ctx.value,
    };
    return { openForm: form };
  },
};

const rescheduleForm: FormSpec = {
  id: RESCHEDULE_FORM_ID,
  async submit(ctx) {
    const value = parseValue(ctx.state);
    const raw = ctx.values.due;
    const dueDate = checkDueDate(ctx.deps, ctx.actor, Array.isArray(raw) ? raw[0] : raw, 'due');
    const before = await loadFollowUp(ctx.deps, ctx.actor, value.f);
    const reason = ctx.values.reason;
    const result = await rescheduleFollowUp(ctx.deps, ctx.actor, value.f, dueDate, Array.isArray(reason) ? reason[0] : reason);
    if (!result.changed) return { message: note(result.why) };
    // Every message about the follow-up now shows the new date (followup-messages.ts).
    return { message: note(`Follow-up #${result.followUp.id} — `, result.followUp.text, ` — is now due on ${dueDate} (was ${before.dueDate}).`) };
  },
};

export const followUpActions: ActionSpec[] = [done, reschedule];
export const followUpForms: FormSpec[] = [rescheduleForm];
