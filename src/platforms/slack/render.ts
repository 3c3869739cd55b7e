// Renders the core's neutral Message into Block Kit. Every plain span is escaped (see mrkdwn.ts),
// mentions and channels are the only live tokens, and every text is cut below Slack's limits so
// that Slack never answers invalid_blocks.
import type { types } from '@slack/bolt';
import type { Block, Button, Fact, Message, RichText } from '../../core/model';
import { cut, escapeMrkdwn, slackUserId } from './mrkdwn';

type KnownBlock = types.KnownBlock;

/** Slack's Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  summary: 3000,
} as const;

/** Separates a core action id from the button's position, so that action ids stay unique. */
export const ACTION_SEPARATOR = '::';

export function actionIdOf(action: string, index: number): string {
  return `${action}${ACTION_SEPARATOR}${index}`;
}

/** The core action id of a Slack action_id made by actionIdOf. */
export function coreActionOf(actionId: string): string {
  const at = actionId.lastIndexOf(ACTION_SEPARATOR);
  return at < 0 ? actionId : actionId.slice(0, at);
}

/** Rich text as mrkdwn: plain spans escaped, bold/italic wrapped, mentions live only for Slack people. */
export function mrkdwn(spans: RichText): string {
  return spans
    .map((span) => {
      if (typeof span === 'string') return escapeMrkdwn(span);
      if ('bold' in span) return span.bold.trim() ? `*${escapeMrkdwn(span.bold)}*` : escapeMrkdwn(span.bold);
      if ('italic' in span) return span.italic.trim() ? `_${escapeMrkdwn(span.italic)}_` : escapeMrkdwn(span.italic);
      if ('mention' in span) {
        const user = slackUserId(span.mention);
        return user && /^[UW][A-Z0-9]+$/.test(user) ? `<@${user}>` : escapeMrkdwn(`@${span.mention.split(':').pop()}`);
      }
      const channel = span.channel.replace(/^#/, '');
      return /^[CGD][A-Z0-9]+$/.test(channel) ? `<#${channel}>` : escapeMrkdwn(`#${channel}`);
    })
    .join('');
}

/**
 * The notification / fallback text of a message: its heading, else its first paragraph rendered like
 * the blocks (so mentions read as names, not as Clause5's internal ids), else the core's summary.
 */
export function summaryText(message: Message): string {
  const heading = message.heading?.trim();
  if (heading) return cut(escapeMrkdwn(heading), LIMITS.summary);
  const first = message.blocks.find((b) => b.type === 'text');
  const paragraph = first?.type === 'text' ? mrkdwn(first.text).trim() : '';
  if (paragraph) return cut(paragraph, LIMITS.summary);
  return cut(escapeMrkdwn(message.summary.trim() || 'Clause5'), LIMITS.summary);
}

/** Block Kit blocks for a message (at most `maxBlocks`, the last one saying what was left out). */
export function renderBlocks(message: Message, maxBlocks: number = LIMITS.messageBlocks): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (message.heading?.trim()) {
    blocks.push({ type: 'header', text: { type: 'plain_text', text: cut(message.heading.trim(), LIMITS.headerText), emoji: true } });
  }
  let buttonIndex = 0;
  for (const block of message.blocks) {
    const rendered = renderBlock(block, () => buttonIndex++);
    blocks.push(...rendered);
  }
  if (blocks.length === 0) blocks.push(section(summaryText(message)));
  const numbered = blocks.map((b, i) => ({ ...b, block_id: `b${i}` }) as KnownBlock);
  if (numbered.length <= maxBlocks) return numbered;
  const kept = numbered.slice(0, maxBlocks - 1);
  kept.push({
    type: 'context',
    block_id: 'cut',
    elements: [{ type: 'mrkdwn', text: `…${numbered.length - kept.length} more parts were left out to fit Slack.` }],
  });
  return kept;
}

function renderBlock(block: Block, nextButton: () => number): KnownBlock[] {
  switch (block.type) {
    case 'text': {
      const text = mrkdwn(block.text);
      return text.trim() ? splitSections(text) : [];
    }
    case 'facts':
      return renderFacts(block.facts);
    case 'list': {
      const lines = block.items.map((item) => `• ${mrkdwn(item)}`).filter((l) => l.trim() !== '•');
      return lines.length ? splitSections(lines.join('\n'), '\n') : [];
    }
    case 'buttons':
      return chunk(block.buttons, LIMITS.actionsElements).map((buttons) => ({
        type: 'actions',
        elements: buttons.map((b) => renderButton(b, nextButton())),
      }));
    case 'context': {
      const text = mrkdwn(block.text);
      return text.trim() ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: cut(text, LIMITS.sectionText) }] }] : [];
    }
    case 'divider':
      return [{ type: 'divider' }];
  }
}

function renderFacts(facts: Fact[]): KnownBlock[] {
  const fields = facts.map((f) => {
    const value = mrkdwn(f.value).trim() || '—';
    return { type: 'mrkdwn' as const, text: cut(`*${escapeMrkdwn(f.label)}*\n${value}`, LIMITS.fieldText) };
  });
  return chunk(fields, LIMITS.fields).map((group) => ({ type: 'section', fields: group }));
}

function renderButton(button: Button, index: number): types.Button {
  const rendered: types.Button = {
    type: 'button',
    text: { type: 'plain_text', text: cut(button.label.trim() || 'OK', LIMITS.buttonText), emoji: true },
    action_id: cut(actionIdOf(button.action, index), LIMITS.actionId),
    value: button.value.slice(0, LIMITS.buttonValue),
  };
  if (button.style) rendered.style = button.style;
  if (button.url) rendered.url = button.url;
  return rendered;
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

/** One or more sections for a long text, split at `separator` where possible, each under the limit. */
function splitSections(text: string, separator = ' '): KnownBlock[] {
  const max = LIMITS.sectionText;
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let at = rest.lastIndexOf(separator, max - 1);
    if (at < max / 2) at = -1;
    if (at < 0) {
      // No good break: cut safely (never inside a surrogate pair, escape or token) and go on.
      let piece = cut(rest, max).slice(0, -1);
      if (!piece) piece = rest.slice(0, max - 1);
      parts.push(piece);
      rest = rest.slice(piece.length);
      continue;
    }
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + separator.length);
  }
  if (rest.trim()) parts.push(rest);
  return parts.map(section);
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
