// Renders the core's neutral Message as an Adaptive Card (schema 1.5, what Teams renders).
// Plain text goes into RichTextBlock TextRuns, which never parse markdown; a line with a mention
// must be a TextBlock (Teams resolves '<at>…</at>' only there and in FactSets), so its plain
// parts are markdown-escaped. Buttons are Action.Execute with the core's action id as the verb.
import type { Attachment, Block, Button, Message, RichText, Span } from '../../../core/model';
import { pngName, SVG_MIME, svgToPng } from '../../chart-png';
import { clip, defuse, escapeMarkdown, mentionName } from './escape';
import { cardVersion, type AdaptiveCard, type CardElement, type MentionEntity } from './types';

export interface PersonRef {
  name: string;
  /** Entra object id when the person is in Teams (a mention entity); otherwise shown bold. */
  aadObjectId?: string;
}

export interface RenderContext {
  /** Names (and Teams ids) of the people mentioned in the message. */
  people: ReadonlyMap<string, PersonRef>;
  /** Display name of a channel id, if known. */
  channelName?(channelId: string): string | undefined;
}

/** Data carried by every Clause5 button: 't' tells buttons ('a') from form submissions ('f'). */
export interface ButtonData {
  c5: { t: 'a'; v: string };
}

const BUTTONS_PER_ROW = 5;
const BUTTON_TITLE_MAX = 40;
const ATTACHMENT_PREVIEW_MAX = 12_000;

export function renderMessage(message: Message, context: RenderContext): AdaptiveCard {
  const mentions = new Map<string, MentionEntity>();
  const body: CardElement[] = [];
  if (message.heading) {
    body.push({
      type: 'RichTextBlock',
      inlines: [{ type: 'TextRun', text: defuse(message.heading), size: 'Large', weight: 'Bolder' }],
    });
  }
  let separatorNext = false;
  for (const block of message.blocks) {
    if (block.type === 'divider') {
      separatorNext = true;
      continue;
    }
    const elements = renderBlock(block, context, mentions);
    if (separatorNext && elements[0]) {
      elements[0] = { ...elements[0], separator: true, spacing: 'Medium' };
      separatorNext = false;
    }
    body.push(...elements);
  }
  if (message.attachment) body.push(...renderAttachment(message.attachment));
  if (body.length === 0) body.push(richText([message.summary]));
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: cardVersion,
    fallbackText: defuse(message.summary),
    body,
    msteams: { width: 'Full' },
  };
  if (mentions.size) card.msteams = { ...card.msteams, entities: [...mentions.values()] };
  return card;
}

function renderBlock(block: Exclude<Block, { type: 'divider' }>, context: RenderContext, mentions: Map<string, MentionEntity>): CardElement[] {
  switch (block.type) {
    case 'text':
      return [line(block.text, context, mentions)];
    case 'context':
      return [{ ...line(block.text, context, mentions, true), spacing: 'Small' }];
    case 'facts':
      return [
        {
          type: 'FactSet',
          facts: block.facts.map((f) => ({ title: escapeMarkdown(f.label), value: markdown(f.value, context, mentions) })),
        },
      ];
    case 'list':
      return [
        {
          type: 'Container',
          spacing: 'Small',
          items: block.items.map((item) => line(['• ', ...item], context, mentions)),
        },
      ];
    case 'buttons':
      return rows(block.buttons).map((row) => ({ type: 'ActionSet', actions: row.map(buttonAction) }));
  }
}

/** One paragraph: literal RichTextBlock, or an escaped TextBlock when it mentions someone in Teams. */
function line(spans: RichText, context: RenderContext, mentions: Map<string, MentionEntity>, subtle = false): CardElement {
  const hasTeamsMention = spans.some((s) => typeof s !== 'string' && 'mention' in s && context.people.get(s.mention)?.aadObjectId);
  if (!hasTeamsMention) return richText(spans, context, subtle);
  return {
    type: 'TextBlock',
    text: markdown(spans, context, mentions),
    wrap: true,
    ...(subtle ? { isSubtle: true, size: 'Small' } : {}),
  };
}

function richText(spans: RichText, context?: RenderContext, subtle = false): CardElement {
  return {
    type: 'RichTextBlock',
    inlines: spans.map((span) => ({ type: 'TextRun', ...textRun(span, context), ...(subtle ? { isSubtle: true, size: 'Small' } : {}) })),
  };
}

function textRun(span: Span, context: RenderContext | undefined): Record<string, unknown> {
  if (typeof span === 'string') return { text: defuse(span) };
  if ('bold' in span) return { text: defuse(span.bold), weight: 'Bolder' };
  if ('italic' in span) return { text: defuse(span.italic), italic: true };
  if ('mention' in span) return { text: defuse(`@${context?.people.get(span.mention)?.name ?? fallbackName(span.mention)}`), weight: 'Bolder' };
  return { text: defuse(`#${channelLabel(span.channel, context)}`), weight: 'Bolder' };
}

/** Markdown text for TextBlocks and facts: user text escaped, mentions as '<at>' with an entity. */
function markdown(spans: RichText, context: RenderContext, mentions: Map<string, MentionEntity>): string {
  return spans
    .map((span) => {
      if (typeof span === 'string') return escapeMarkdown(span);
      if ('bold' in span) return span.bold.trim() ? `**${escapeMarkdown(span.bold)}**` : escapeMarkdown(span.bold);
      if ('italic' in span) return span.italic.trim() ? `_${escapeMarkdown(span.italic)}_` : escapeMarkdown(span.italic);
      if ('channel' in span) return `**#${escapeMarkdown(channelLabel(span.channel, context))}**`;
      const person = context.people.get(span.mention);
      if (!person?.aadObjectId) return `**@${escapeMarkdown(person?.name ?? fallbackName(span.mention))}**`;
      const text = `<at>${mentionName(person.name)}</at>`;
      if (!mentions.has(text)) {
        mentions.set(text, { type: 'mention', text, mentioned: { id: person.aadObjectId, name: mentionName(person.name) } });
      }
      return text;
    })
    .join('');
}

export function buttonAction(button: Button): Record<string, unknown> {
  if (button.url) return { type: 'Action.OpenUrl', title: clip(defuse(button.label), BUTTON_TITLE_MAX), url: button.url };
  const data: ButtonData = { c5: { t: 'a', v: button.value } };
  return {
    type: 'Action.Execute',
    title: clip(defuse(button.label), BUTTON_TITLE_MAX),
    verb: button.action,
    data,
    ...(button.style === 'primary' ? { style: 'positive' } : button.style === 'danger' ? { style: 'destructive' } : {}),
  };
}

function rows<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BUTTONS_PER_ROW) out.push(items.slice(i, i + BUTTONS_PER_ROW));
  return out;
}

/** A file (the scorecard CSV) shown inline behind a toggle: Teams bots cannot attach files in chat without a consent flow. */
function renderAttachment(attachment: Attachment): CardElement[] {
  if (attachment.mimeType === SVG_MIME) {
    // Teams does not count base64 images against the message size limit.
    const url = `data:image/png;base64,${svgToPng(attachment.content).toString('base64')}`;
    return [{ type: 'Image', url, altText: defuse(pngName(attachment.filename)), size: 'Stretch' }];
  }
  const content = clip(attachment.content, ATTACHMENT_PREVIEW_MAX);
  return [
    {
      type: 'ActionSet',
      separator: true,
      actions: [
        { type: 'Action.ToggleVisibility', title: attachment.mimeType === 'text/csv' ? 'Show the CSV' : 'Show the file', targetElements: ['c5-attachment'] },
      ],
    },
    {
      type: 'Container',
      id: 'c5-attachment',
      isVisible: false,
      items: [
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: defuse(attachment.filename), weight: 'Bolder', size: 'Small' }] },
        {
          type: 'RichTextBlock',
          inlines: [{ type: 'TextRun', text: defuse(content), fontType: 'Monospace', size: 'Small' }],
        },
      ],
    },
  ];
}

function channelLabel(channel: string, context: RenderContext | undefined): string {
  const id = channel.replace(/^#/, '');
  return context?.channelName?.(id) ?? id;
}

function fallbackName(personId: string): string {
  return personId.split(':').pop() || personId;
}
