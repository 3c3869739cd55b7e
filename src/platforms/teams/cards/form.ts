// Renders a core Form as an Adaptive Card with inputs and one Action.Execute submit, and reads a
// submission back into FormValues. The card carries the Form itself in the submit action's data,
// so a submission with validation errors can be shown again — values kept, each error under its
// field — without remembering anything between requests.
import type { Form, FormField, FormValues } from '../../../core/model';
import { aadObjectIdOf, normaliseAad, personIdOf } from '../ids';
import { clip, defuse } from './escape';
import { cardVersion, type AdaptiveCard, type CardElement } from './types';
import { renderMessage, type RenderContext } from './render';

export interface FormData {
  c5: { t: 'f'; form: Form };
}

const INPUT_PREFIX = 'f_';
const PEOPLE_PICKER = { type: 'Data.Query', dataset: 'graph.microsoft.com/users' };

export function inputId(fieldId: string): string {
  return `${INPUT_PREFIX}${fieldId}`;
}

export interface FormRenderOptions {
  /** Submitted values to show again (after validation errors). */
  values?: FormValues;
  /** Validation messages by field id. */
  errors?: Record<string, string>;
  /** Names of people shown in person fields, by person id. */
  names?: (personId: string) => string | undefined;
}

export function renderForm(form: Form, context: RenderContext, options: FormRenderOptions = {}): AdaptiveCard {
  const body: CardElement[] = [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: defuse(form.title), size: 'Large', weight: 'Bolder' }] }];
  if (form.intro) body.push(...renderMessage({ summary: '', blocks: [{ type: 'text', text: form.intro }] }, context).body);
  const errors = options.errors ?? {};
  const fieldIds = new Set(form.fields.map((f) => f.id));
  const loose = Object.entries(errors).filter(([id]) => !fieldIds.has(id));
  if (Object.keys(errors).length) {
    body.push(errorText(loose.length ? loose.map(([, m]) => m).join(' ') : 'Please check the fields marked below.'));
  }
  for (const field of form.fields) {
    body.push(input(field, options.values?.[field.id] ?? field.initial, options.names));
    if (field.hint) body.push({ type: 'TextBlock', text: defuse(field.hint), isSubtle: true, size: 'Small', spacing: 'None', wrap: true });
    const error = errors[field.id];
    if (error) body.push({ ...errorText(error), spacing: 'None' });
  }
  const data: FormData = { c5: { t: 'f', form } };
  body.push({
    type: 'ActionSet',
    actions: [{ type: 'Action.Execute', title: clip(defuse(form.submitLabel), 40), verb: form.id, data, style: 'positive' }],
  });
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: cardVersion,
    fallbackText: defuse(form.title),
    body,
    msteams: { width: 'Full' },
  };
}

function errorText(message: string): CardElement {
  return { type: 'TextBlock', text: defuse(message), color: 'Attention', wrap: true, size: 'Small' };
}

function input(field: FormField, value: string | string[] | undefined, names?: (id: string) => string | undefined): CardElement {
  const common = {
    id: inputId(field.id),
    label: defuse(field.label),
    isRequired: !field.optional,
    ...(field.optional ? {} : { errorMessage: `${defuse(field.label)} is required` }),
  };
  const one = Array.isArray(value) ? value[0] : value;
  const many = Array.isArray(value) ? value : value ? value.split(',').filter(Boolean) : [];
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return {
        type: 'Input.Text',
        ...common,
        ...(field.kind === 'textarea' ? { isMultiline: true } : {}),
        ...(field.placeholder ? { placeholder: defuse(field.placeholder) } : {}),
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...(one ? { value: one } : {}),
      };
    case 'date':
      return {
        type: 'Input.Date',
        ...common,
        ...(one ? { value: one } : {}),
        ...(field.earliest ? { min: field.earliest } : {}),
        ...(field.latest ? { max: field.latest } : {}),
      };
    case 'select':
    case 'multiselect':
      return {
        type: 'Input.ChoiceSet',
        ...common,
        style: 'compact',
        ...(field.kind === 'multiselect' ? { isMultiSelect: true } : {}),
        ...(field.placeholder ? { placeholder: defuse(field.placeholder) } : {}),
        choices: (field.options ?? []).map((o) => ({ title: defuse(o.label), value: o.value })),
        ...(many.length ? { value: (field.kind === 'multiselect' ? many : many.slice(0, 1)).join(',') } : {}),
      };
    case 'person':
    case 'people': {
      const chosen = (field.kind === 'people' ? many : many.slice(0, 1))
        .map((id) => ({ id, aad: aadObjectIdOf(id) }))
        .filter((p): p is { id: string; aad: string } => p.aad !== undefined);
      return {
        type: 'Input.ChoiceSet',
        ...common,
        ...(field.kind === 'people' ? { isMultiSelect: true } : {}),
        placeholder: defuse(field.placeholder ?? 'Type a name'),
        choices: chosen.map((p) => ({ title: defuse(names?.(p.id) ?? 'Selected person'), value: p.aad })),
        'choices.data': PEOPLE_PICKER,
        ...(chosen.length ? { value: chosen.map((p) => p.aad).join(',') } : {}),
      };
    }
  }
}

/** Turns the merged Action.Execute data back into the core's FormValues. */
export function readFormValues(form: Form, data: Record<string, unknown>, tenantId: string): FormValues {
  const values: FormValues = {};
  for (const field of form.fields) {
    const raw = data[inputId(field.id)];
    const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
    const list = text
      ? text
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
    switch (field.kind) {
      case 'multiselect':
        values[field.id] = list;
        break;
      case 'person':
        values[field.id] = list[0] ? toPersonId(list[0], tenantId) : '';
        break;
      case 'people':
        values[field.id] = list.map((v) => toPersonId(v, tenantId));
        break;
      default:
        values[field.id] = text;
    }
  }
  return values;
}

/** The people picker answers with Entra object ids; a value that already is a person id is kept. */
function toPersonId(value: string, tenantId: string): string {
  if (value.startsWith('teams:') || value.startsWith('@')) return value;
  const aad = normaliseAad(value);
  return aad ? personIdOf(tenantId, aad) : value;
}

/** Whether an object is the data of a Clause5 form submission. */
export function isFormData(data: unknown): data is FormData {
  const c5 = (data as { c5?: { t?: unknown; form?: { id?: unknown; fields?: unknown } } } | undefined)?.c5;
  return c5?.t === 'f' && typeof c5.form?.id === 'string' && Array.isArray(c5.form.fields);
}
