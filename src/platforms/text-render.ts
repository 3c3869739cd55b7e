// Renders the neutral message model as plain terminal text (local mode, CLI output).
// User-typed text arrives as plain spans; here "escaping" means stripping control characters so
// that nothing a person typed can move the cursor, clear the screen or recolour the terminal.
import type { Attachment, Block, Button, Message, RichText, Span } from '../core/model';
import { pngName, SVG_MIME } from './chart-png';

export interface TextRenderOptions {
  /** Display name for a person id (mentions render as @DisplayName). */
  names?: (personId: string) => string | undefined;
  /** Prefix for button numbers, e.g. '12' gives [12.1 Yes] [12.2 No]. Without it buttons show unnumbered. */
  buttonPrefix?: string;
  /** Saves an attachment and returns where it went; without it the attachment is printed inline. */
  saveAttachment?: (attachment: Attachment) => string;
  /** Attachments with at most this many lines are also printed inline (default 30). */
  inlineAttachmentLines?: number;
}

// C0 controls except tab and newline, DEL, and C1 controls (which include CSI).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Removes terminal control characters from untrusted text. */
export function sanitize(text: string): string {
  return text.replace(CONTROL, '');
}

/** The id's last segment, used when a person is not known by name ('slack:T1:U2' → 'U2'). */
export function fallbackName(personId: string): string {
  return personId.split(':').pop() || personId;
}

export function renderSpans(spans: RichText, options: TextRenderOptions = {}): string {
  return spans.map((s) => renderSpan(s, options)).join('');
}

function renderSpan(span: Span, options: TextRenderOptions): string {
  if (typeof span === 'string') return sanitize(span);
  if ('bold' in span) return sanitize(span.bold);
  if ('italic' in span) return sanitize(span.italic);
  if ('mention' in span) return `@${sanitize(options.names?.(span.mention) ?? fallbackName(span.mention))}`;
  return `#${sanitize(span.channel.replace(/^#/, ''))}`;
}

/** Every button of a message in display order: button n is `buttons[n - 1]`. */
export function buttonsOf(message: Message): Button[] {
  return message.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
}

/** Renders a message as lines of plain text (no trailing newline). */
export function renderMessage(message: Message, options: TextRenderOptions = {}): string[] {
  const lines: string[] = [];
  if (message.heading) lines.push(`== ${sanitize(message.heading)} ==`);
  let buttonNumber = 0;
  for (const block of message.blocks) {
    const rendered = renderBlock(block, options, () => ++buttonNumber);
    lines.push(...rendered);
  }
  if (lines.length === 0) lines.push(sanitize(message.summary));
  if (message.attachment) lines.push(...renderAttachment(message.attachment, options));
  return lines;
}

function renderBlock(block: Block, options: TextRenderOptions, nextButton: () => number): string[] {
  switch (block.type) {
    case 'text':
      return renderSpans(block.text, options).split('\n');
    case 'context':
      return renderSpans(block.text, options)
        .split('\n')
        .map((line) => `  ${line}`);
    case 'facts':
      return block.facts.map((f) => `${sanitize(f.label)}: ${renderSpans(f.value, options)}`);
    case 'list':
      return block.items.map((item) => `  • ${renderSpans(item, options).replace(/\n/g, '\n    ')}`);
    case 'divider':
      return ['----------'];
    case 'buttons':
      return [
        block.buttons
          .map((b) => {
            const n = nextButton();
            const label = sanitize(b.label);
            if (b.url) return `[${label}: ${sanitize(b.url)}]`;
            return options.buttonPrefix ? `[${options.buttonPrefix}.${n} ${label}]` : `[${label}]`;
          })
          .join(' '),
      ];
  }
}

function renderAttachment(attachment: Attachment, options: TextRenderOptions): string[] {
  if (attachment.mimeType === SVG_MIME) {
    // A chart: only a file makes sense in a terminal.
    const name = sanitize(pngName(attachment.filename));
    return [
      options.saveAttachment
        ? `Attachment ${name} saved to ${options.saveAttachment(attachment)}`
        : `Attachment ${name} (a chart; run with a saved-attachments folder to get the PNG)`,
    ];
  }
  const name = sanitize(attachment.filename);
  const content = sanitize(attachment.content);
  const contentLines = content.replace(/\n$/, '').split('\n');
  const limit = options.inlineAttachmentLines ?? 30;
  const lines: string[] = [];
  if (options.saveAttachment) {
    lines.push(`Attachment ${name} saved to ${options.saveAttachment(attachment)}`);
    if (contentLines.length <= limit) lines.push(...contentLines.map((l) => `  | ${l}`));
    return lines;
  }
  lines.push(`Attachment ${name}:`);
  lines.push(...contentLines.map((l) => `  | ${l}`));
  return lines;
}
