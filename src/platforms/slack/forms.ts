// Core forms as Slack modals, and modal submissions back as the core's FormValues.
// Each field is one input block whose block_id and action_id are the field id, so validation errors
// from the core ({fieldId: message}) map straight onto `response_action: 'errors'`.
import type { types } from '@slack/bolt';
import type { FieldOption, Form, FormField, FormValues } from '../../core/model';
import { cut, personIdOf, slackUserId } from './mrkdwn';
import { LIMITS, mrkdwn } from './render';

export const VIEW = {
  title: 24,
  submit: 24,
  close: 24,
  callbackId: 255,
  privateMetadata: 3000,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  inputLength: 3000,
  options: 100,
  optionText: 75,
  optionValue: 150,
} as const;

/** Where a form came from, so that a submission can update the message whose button opened it. */
export interface FormOrigin {
  channel?: string;
  ts?: string;
}

interface Metadata {
  /** The core form's opaque state. */
  s: string;
  o?: FormOrigin;
}

export class FormTooLarge extends Error {}

export function renderModal(form: Form, origin?: FormOrigin): types.ModalView {
  const metadata = JSON.stringify({ s: form.state, ...(origin?.channel ? { o: origin } : {}) } satisfies Metadata);
  if (metadata.length > VIEW.privateMetadata) throw new FormTooLarge(`form ${form.id} state is ${metadata.length} characters`);
  if (form.id.length > VIEW.callbackId) throw new FormTooLarge(`form id ${form.id} is too long`);
  const blocks: types.KnownBlock[] = [];
  const intro = form.intro ? mrkdwn(form.intro) : '';
  if (intro.trim()) blocks.push({ type: 'section', block_id: 'intro', text: { type: 'mrkdwn', text: cut(intro, LIMITS.sectionText) } });
  for (const field of form.fields.slice(0, LIMITS.viewBlocks - blocks.length)) blocks.push(renderField(field));
  return {
    type: 'modal',
    callback_id: form.id,
    title: plain(form.title, VIEW.title),
    submit: plain(form.submitLabel || 'Save', VIEW.submit),
    close: plain('Cancel', VIEW.close),
    private_metadata: metadata,
    blocks,
  };
}

export function readMetadata(privateMetadata: string | undefined): Metadata {
  try {
    const parsed = JSON.parse(privateMetadata || '{}') as Partial<Metadata>;
    return { s: typeof parsed.s === 'string' ? parsed.s : '', ...(parsed.o ? { o: parsed.o } : {}) };
  } catch {
    return { s: '' };
  }
}

function renderField(field: FormField): types.InputBlock {
  const block: types.InputBlock = {
    type: 'input',
    block_id: field.id,
    label: plain(field.label, VIEW.label),
    element: renderElement(field),
    optional: Boolean(field.optional),
  };
  if (field.hint?.trim()) block.hint = plain(field.hint, VIEW.hint);
  return block;
}

function renderElement(field: FormField): types.InputBlockElement {
  const placeholder = field.placeholder?.trim() ? { placeholder: plain(field.placeholder, VIEW.placeholder) } : {};
  const first = Array.isArray(field.initial) ? field.initial[0] : field.initial;
  const all = Array.isArray(field.initial) ? field.initial : field.initial ? [field.initial] : [];
  const options = (field.options ?? []).slice(0, VIEW.options).map(option);
  switch (field.kind) {
    case 'date':
      return { type: 'datepicker', action_id: field.id, ...placeholder, ...(first && /^\d{4}-\d{2}-\d{2}$/.test(first) ? { initial_date: first } : {}) };
    case 'select':
      if (options.length === 0) break;
      return { type: 'static_select', action_id: field.id, options, ...placeholder, ...initialOption(options, first) };
    case 'multiselect': {
      if (options.length === 0) break;
      const initial = options.filter((o) => all.includes(o.value!));
      return { type: 'multi_static_select', action_id: field.id, options, ...placeholder, ...(initial.length ? { initial_options: initial } : {}) };
    }
    case 'person': {
      const user = first ? slackUserId(first.replace(/^@/, '')) : undefined;
      return { type: 'users_select', action_id: field.id, ...placeholder, ...(user ? { initial_user: user } : {}) };
    }
    case 'people': {
      const users = all.map((p) => slackUserId(p.replace(/^@/, ''))).filter((u): u is string => Boolean(u));
      return { type: 'multi_users_select', action_id: field.id, ...placeholder, ...(users.length ? { initial_users: users } : {}) };
    }
    default:
      break;
  }
  const maxLength = Math.min(field.maxLength ?? VIEW.inputLength, VIEW.inputLength);
  const initial = Array.isArray(field.initial) ? field.initial.join(', ') : field.initial;
  return {
    type: 'plain_text_input',
    action_id: field.id,
    multiline: field.kind === 'textarea',
    max_length: maxLength,
    ...placeholder,
    ...(initial ? { initial_value: initial.slice(0, maxLength) } : {}),
  };
}

function option(o: FieldOption): types.PlainTextOption {
  return { text: plain(o.label, VIEW.optionText), value: o.value.slice(0, VIEW.optionValue) };
}

function initialOption(options: types.PlainTextOption[], value: string | undefined): { initial_option?: types.PlainTextOption } {
  const found = value === undefined ? undefined : options.find((o) => o.value === value);
  return found ? { initial_option: found } : {};
}

function plain(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: cut(text.trim() || ' ', max), emoji: true };
}

/** A submitted view's state: values[block_id][action_id] as Slack sends it. */
export type ViewStateValues = Record<string, Record<string, ViewStateValue>>;

interface ViewStateValue {
  type: string;
  value?: string | null;
  selected_date?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: Array<{ value: string }>;
  selected_user?: string | null;
  selected_users?: string[];
}

/** FormValues by field id; people come back as '@slack:<team>:<user>' like mentions in commands. */
export function readSubmission(values: ViewStateValues, teamId: string): FormValues {
  const out: FormValues = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const state = Object.values(actions)[0];
    if (!state) continue;
    out[blockId] = stateValue(state, teamId);
  }
  return out;
}

function stateValue(state: ViewStateValue, teamId: string): string | string[] | undefined {
  switch (state.type) {
    case 'datepicker':
      return state.selected_date ?? undefined;
    case 'static_select':
      return state.selected_option?.value;
    case 'multi_static_select':
      return (state.selected_options ?? []).map((o) => o.value);
    case 'users_select':
      return state.selected_user ? `@${personIdOf(teamId, state.selected_user)}` : undefined;
    case 'multi_users_select':
      return (state.selected_users ?? []).map((u) => `@${personIdOf(teamId, u)}`);
    default: {
      const text = state.value?.trim();
      return text ? text : undefined;
    }
  }
}

/** Slack's `errors` map: one message per input block; messages for unknown fields go to the first input. */
export function viewErrors(formErrors: Record<string, string>, view: { blocks?: Array<{ type: string; block_id?: string }> }): Record<string, string> {
  const inputs = (view.blocks ?? []).filter((b) => b.type === 'input' && b.block_id).map((b) => b.block_id!);
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(formErrors)) {
    const target = inputs.includes(field) ? field : inputs[0];
    if (!target) continue;
    errors[target] = errors[target] ? `${errors[target]} ${message}` : message;
  }
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, cut(v, 300)]));
}
