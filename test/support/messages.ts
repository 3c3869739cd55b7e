// Reading what the core said, as plain text, and pressing its buttons: shared by the area tests.
import type { Delivery, Trigger } from '../../src/core/deliveries';
import { plainText, type Block, type Button, type Message, type Reply } from '../../src/core/model';
import type { TestCore } from './core';

export function blockText(block: Block): string {
  switch (block.type) {
    case 'text':
    case 'context':
      return plainText(block.text);
    case 'list':
      return block.items.map((i) => `- ${plainText(i)}`).join('\n');
    case 'facts':
      return block.facts.map((f) => `${f.label}: ${plainText(f.value)}`).join('\n');
    case 'buttons':
      return block.buttons.map((b) => `[${b.label}]`).join(' ');
    default:
      return '';
  }
}

/** The heading and every block of a message, one per line. */
export function messageText(message: Message | undefined): string {
  if (!message) return '';
  return [message.heading ?? '', ...message.blocks.map(blockText)].filter(Boolean).join('\n');
}

export function replyText(reply: Reply): string {
  return messageText(reply.message);
}

/** Types a command as a person and returns the reply's text. */
export async function say(core: TestCore, personId: string, text: string): Promise<string> {
  return replyText(await core.bot.handleCommand(core.as(personId), text));
}

export function buttonsOf(message: Message | undefined): Button[] {
  return message?.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])) ?? [];
}

export function button(message: Message | undefined, label: string): Button {
  const found = buttonsOf(message).find((b) => b.label === label);
  if (!found) throw new Error(`no “${label}” button in ${JSON.stringify(message)}`);
  return found;
}

export function press(core: TestCore, personId: string, b: Button): Promise<Reply> {
  return core.bot.handleAction(core.as(personId), b.action, b.value);
}

/** A trigger as the sender hands it to a composer: claimed, first attempt. */
export function asDelivery(t: Trigger, id = 1): Delivery {
  return {
    id,
    orgId: t.orgId,
    key: t.key,
    kind: t.kind,
    personId: t.personId ?? null,
    channel: t.channel ?? null,
    subject: t.subject,
    dueAt: t.dueAt,
    status: 'sending',
    attempts: 0,
    nextAttemptAt: t.dueAt,
    lastError: null,
    sentAt: null,
    messageRef: null,
  };
}
