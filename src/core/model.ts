// The neutral message model the core speaks. Each platform renders it: Block Kit for Slack,
// Adaptive Cards for Teams, plain text for the terminal. User-typed text is always carried as a
// plain string span, so renderers escape it and it can never turn into markup or a mention.

/** A span of rich text: plain (escaped by the renderer), bold, a person mention, a channel link. */
export type Span = string | { bold: string } | { mention: string } | { channel: string } | { italic: string };
export type RichText = Span[];

export interface Fact {
  label: string;
  value: RichText;
}

export interface Button {
  label: string;
  /** Action id routed back to the core, e.g. 'meeting.answer'. */
  action: string;
  /** Opaque payload for the action (JSON text, small). */
  value: string;
  style?: 'primary' | 'danger';
  /** Opens this web address instead of (Slack: as well as) sending the action back. */
  url?: string;
}

export type Block =
  | { type: 'text'; text: RichText }
  | { type: 'facts'; facts: Fact[] }
  | { type: 'list'; items: RichText[] }
  | { type: 'buttons'; buttons: Button[] }
  | { type: 'context'; text: RichText }
  | { type: 'divider' };

/** A file that goes with a message (a scorecard CSV); platforms upload or inline it. */
export interface Attachment {
  filename: string;
  mimeType: string;
  content: string;
}

export interface Message {
  /** Short plain summary: notification text and fallback for clients that cannot render blocks. */
  summary: string;
  heading?: string;
  blocks: Block[];
  attachment?: Attachment;
}

export interface FieldOption {
  value: string;
  label: string;
}

export interface FormField {
  id: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'select' | 'multiselect' | 'person' | 'people';
  optional?: boolean;
  initial?: string | string[];
  placeholder?: string;
  hint?: string;
  maxLength?: number;
  options?: FieldOption[];
  /** For a date: the earliest and latest date allowed, checked as soon as a surface can. */
  earliest?: string;
  latest?: string;
  /**
   * Asked only when the field with this id has a value (a follow-up's owner and due date only when
   * the follow-up has a text). Surfaces that show every field at once show it anyway, as optional.
   */
  askIf?: string;
}

/** A form the platform shows (Slack modal, Teams Adaptive Card, terminal questions). */
export interface Form {
  /** Form id routed back to the core on submit, e.g. 'floorwalk.log'. */
  id: string;
  title: string;
  submitLabel: string;
  intro?: RichText;
  fields: FormField[];
  /** Opaque state returned with the submission (JSON text, small). */
  state: string;
}

export type FormValues = Record<string, string | string[] | undefined>;

/** What a platform does after a command, button or form submission. */
export interface Reply {
  /** Shown only to the person who acted (ephemeral in Slack, personal chat in Teams). */
  message?: Message;
  /** Replaces the message whose button was pressed, so it cannot be answered twice. */
  replaceOriginal?: Message;
  /** Opens a form (needs the interaction's trigger). */
  openForm?: Form;
  /** Form validation errors, by field id; the form stays open. */
  formErrors?: Record<string, string>;
}

export function text(...spans: Span[]): Block {
  return { type: 'text', text: spans };
}

export function message(summary: string, blocks: Block[], heading?: string): Message {
  return heading === undefined ? { summary, blocks } : { summary, heading, blocks };
}

/** A one-paragraph message, used for confirmations and errors. */
export function note(...spans: Span[]): Message {
  return { summary: plainText(spans), blocks: [{ type: 'text', text: spans }] };
}

/** Flattens rich text into plain text (mentions and channels as given ids; renderers do better). */
export function plainText(spans: RichText, names: (id: string) => string = (id) => id): string {
  return spans
    .map((s) => {
      if (typeof s === 'string') return s;
      if ('bold' in s) return s.bold;
      if ('italic' in s) return s.italic;
      if ('mention' in s) return `@${names(s.mention)}`;
      return `#${s.channel}`;
    })
    .join('');
}

/**
 * A one-line preview for notifications: the heading, else the first paragraph (mentions named by
 * `names`, which should return display names), else the summary.
 */
export function previewText(msg: Message, names: (id: string) => string): string {
  if (msg.heading?.trim()) return msg.heading.trim();
  const first = msg.blocks.find((b) => b.type === 'text');
  const paragraph = first?.type === 'text' ? plainText(first.text, names).trim() : '';
  return paragraph || msg.summary;
}
