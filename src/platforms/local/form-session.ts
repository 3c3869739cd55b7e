// A form (Slack modal / Teams card elsewhere) asked in the terminal one field at a time.
// Enter keeps the field's initial value or skips an optional field; a bad answer re-asks the same
// field with the reason; person fields take @handles, multiselects comma-separated lists.
import type { Form, FormField, FormValues } from '../../core/model';
import { isValidDate, type LocalDate } from '../../core/time';
import { renderSpans, sanitize, type TextRenderOptions } from '../text-render';

export interface FormOrigin {
  /** The local message whose button opened the form, if any (for replaceOriginal). */
  seq?: number;
  replyId?: string;
}

export interface FormSessionContext {
  /** '@maria' → person id, or undefined when nobody has that handle. */
  resolvePerson(ref: string): Promise<string | undefined>;
  /** Today in the person's zone, for 'today' / 'yesterday' answers to date fields. */
  today: LocalDate;
  render: TextRenderOptions;
}

export class FormSession {
  readonly values: FormValues = {};
  private queue: FormField[];

  constructor(
    readonly form: Form,
    readonly origin: FormOrigin,
    private readonly context: FormSessionContext,
  ) {
    this.queue = [...form.fields];
  }

  get done(): boolean {
    this.skipUnasked();
    return this.queue.length === 0;
  }

  get current(): FormField | undefined {
    this.skipUnasked();
    return this.queue[0];
  }

  /** Drops the fields that depend on one left empty (a blank follow-up's owner and due date). */
  private skipUnasked(): void {
    while (this.queue[0]?.askIf !== undefined && !hasValue(this.values[this.queue[0].askIf])) this.queue.shift();
  }

  /** The form's title and intro, shown when it opens. */
  introduction(): string[] {
    const lines = [`== ${sanitize(this.form.title)} ==`];
    if (this.form.intro) lines.push(renderSpans(this.form.intro, this.context.render));
    lines.push('Answer each question; Enter skips an optional one or keeps the value shown. /cancel stops.');
    return lines;
  }

  /** Describes the field being asked. */
  question(): string[] {
    const field = this.current;
    if (!field) return [];
    const number = this.form.fields.indexOf(field) + 1;
    const needs = field.optional ? 'optional' : 'required';
    const lines = [`[${number}/${this.form.fields.length}] ${sanitize(field.label)} (${needs}, ${describeKind(field)})`];
    if (field.hint) lines.push(`  ${sanitize(field.hint)}`);
    if (field.options?.length) {
      lines.push(`  Options: ${field.options.map((o, i) => `${i + 1}) ${sanitize(o.label)}`).join('  ')}`);
    }
    const initial = this.shownValue(field);
    if (initial) lines.push(`  Enter keeps: ${initial}`);
    return lines;
  }

  prompt(): string {
    return this.current ? `${sanitize(this.current.label)}> ` : '> ';
  }

  /** Takes an answer for the current field; returns an error message when it must be asked again. */
  async answer(line: string): Promise<string | undefined> {
    const field = this.current;
    if (!field) return undefined;
    const typed = line.trim();
    if (typed === '') {
      const kept = this.values[field.id] ?? field.initial;
      const hasKept = Array.isArray(kept) ? kept.length > 0 : Boolean(kept);
      if (!hasKept && !field.optional) return `“${sanitize(field.label)}” is required.`;
      this.values[field.id] = hasKept ? kept : undefined;
      this.queue.shift();
      return undefined;
    }
    const parsed = await this.parse(field, typed);
    if ('error' in parsed) return parsed.error;
    this.values[field.id] = parsed.value;
    this.queue.shift();
    return undefined;
  }

  /** After the core refused the submission: ask the named fields again, in form order. */
  reask(errors: Record<string, string>): boolean {
    this.queue = this.form.fields.filter((f) => f.id in errors);
    return this.queue.length > 0;
  }

  private shownValue(field: FormField): string | undefined {
    const v = this.values[field.id] ?? field.initial;
    if (v === undefined || (Array.isArray(v) && v.length === 0) || v === '') return undefined;
    const list = Array.isArray(v) ? v : [v];
    const shown = list.map((x) => {
      const option = field.options?.find((o) => o.value === x);
      if (option) return option.label;
      if (field.kind === 'person' || field.kind === 'people') return `@${this.context.render.names?.(x) ?? x}`;
      return x;
    });
    return sanitize(shown.join(', '));
  }

  private async parse(field: FormField, typed: string): Promise<{ value: string | string[] } | { error: string }> {
    switch (field.kind) {
      case 'text':
      case 'textarea': {
        const text = field.kind === 'textarea' ? typed.replace(/\\n/g, '\n') : typed;
        if (field.maxLength && text.length > field.maxLength) {
          return { error: `That is ${text.length} characters; “${sanitize(field.label)}” takes at most ${field.maxLength}.` };
        }
        return { value: text };
      }
      case 'date': {
        const date = this.date(typed);
        if (!date) return { error: `“${sanitize(typed)}” is not a date. Write it as YYYY-MM-DD (or today / yesterday).` };
        if (field.earliest && date < field.earliest) return { error: `${date} is too early for “${sanitize(field.label)}”: ${field.earliest} or later.` };
        if (field.latest && date > field.latest) return { error: `${date} is too late for “${sanitize(field.label)}”: ${field.latest} or earlier.` };
        return { value: date };
      }
      case 'select': {
        const option = this.option(field, typed);
        return option ?? { error: `“${sanitize(typed)}” is not one of the options. ${optionHint(field)}` };
      }
      case 'multiselect': {
        const values: string[] = [];
        for (const part of splitList(typed, /,/)) {
          const option = this.option(field, part);
          if (!option) return { error: `“${sanitize(part)}” is not one of the options. ${optionHint(field)}` };
          if (!values.includes(option.value)) values.push(option.value);
        }
        return { value: values };
      }
      case 'person': {
        const parts = splitList(typed);
        if (parts.length !== 1) return { error: 'Give one person, as @handle.' };
        const id = await this.context.resolvePerson(parts[0]!);
        return id ? { value: id } : { error: unknownPerson(parts[0]!) };
      }
      case 'people': {
        const ids: string[] = [];
        for (const part of splitList(typed)) {
          const id = await this.context.resolvePerson(part);
          if (!id) return { error: unknownPerson(part) };
          if (!ids.includes(id)) ids.push(id);
        }
        return { value: ids };
      }
    }
  }

  private date(typed: string): LocalDate | undefined {
    const t = typed.toLowerCase();
    if (t === 'today') return this.context.today;
    if (t === 'yesterday') {
      const d = new Date(`${this.context.today}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - 1);
      return d.toISOString().slice(0, 10);
    }
    return isValidDate(typed) ? typed : undefined;
  }

  private option(field: FormField, typed: string): { value: string } | undefined {
    const options = field.options ?? [];
    const t = typed.trim().toLowerCase();
    if (/^\d+$/.test(t)) {
      const byNumber = options[Number(t) - 1];
      if (byNumber) return { value: byNumber.value };
    }
    const found = options.find((o) => o.value.toLowerCase() === t || o.label.toLowerCase() === t);
    return found ? { value: found.value } : undefined;
  }
}

function describeKind(field: FormField): string {
  switch (field.kind) {
    case 'text':
      return 'text';
    case 'textarea':
      return 'text, \\n for a new line';
    case 'date':
      return 'date YYYY-MM-DD';
    case 'select':
      return 'pick one: number or name';
    case 'multiselect':
      return 'pick any: numbers or names, comma separated';
    case 'person':
      return 'one @handle';
    case 'people':
      return '@handles, comma separated';
  }
}

function splitList(typed: string, separator: RegExp = /[,\s]+/): string[] {
  return typed
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
}

function optionHint(field: FormField): string {
  return `Type a number from 1 to ${field.options?.length ?? 0} or an option's name.`;
}

function unknownPerson(ref: string): string {
  return `I don't know anyone called “@${sanitize(ref.replace(/^@/, ''))}”. Type /people to see the handles, then answer again.`;
}

function hasValue(v: string | string[] | undefined): boolean {
  return Array.isArray(v) ? v.length > 0 : Boolean(v);
}
