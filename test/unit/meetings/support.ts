// Shared set-up for the meetings tests: a real core on real SQLite with a small cast of people.
import { plainText, type Block, type Message, type Reply, type RichText } from '../../../src/core/model';
import type { Role } from '../../../src/core/people/types';
import { makeTestCore, type TestCore } from '../../support/core';

export const ORG = 'local';
export const ADMIN = 'local:ann';
export const LEADER = 'local:lee';
export const OTHER_LEADER = 'local:lou';
export const QM = 'local:quinn';
export const MEMBER = 'local:max';

export async function meetingsCore(startIso: string, zone = 'America/Chicago'): Promise<TestCore> {
  const core = makeTestCore(startIso, { defaultTimeZone: zone });
  await core.store.orgs.ensure({ id: ORG, platform: 'local', name: 'Demo plant' });
  const cast: Array<[string, string, Role]> = [
    [ADMIN, 'Ann', 'admin'],
    [LEADER, 'Lee', 'leader'],
    [OTHER_LEADER, 'Lou', 'leader'],
    [QM, 'Quinn', 'quality_manager'],
    [MEMBER, 'Max', 'member'],
  ];
  for (const [id, name, role] of cast) {
    await core.store.people.ensure(
      { id, orgId: ORG, displayName: name, handle: name.toLowerCase(), timeZone: zone, role, joinedOn: '2025-01-01' },
      null,
    );
  }
  return core;
}

function richText(spans: RichText): string {
  return plainText(spans);
}

export function blockText(block: Block): string {
  switch (block.type) {
    case 'text':
    case 'context':
      return richText(block.text);
    case 'list':
      return block.items.map((i) => `- ${richText(i)}`).join('\n');
    case 'facts':
      return block.facts.map((f) => `${f.label}: ${richText(f.value)}`).join('\n');
    case 'buttons':
      return block.buttons.map((b) => `[${b.label}]`).join(' ');
    default:
      return '';
  }
}

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
