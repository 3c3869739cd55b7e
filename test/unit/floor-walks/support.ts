// Shared set-up for the floor-walks tests: a real core on real SQLite, a site in Chicago with a
// Monday–Friday week, a small cast, and the real scheduler over the floor-walks module.
import type { Composed, Delivery, Trigger } from '../../../src/core/deliveries';
import { floorWalksModule } from '../../../src/core/floor-walks/module';
import { plainText, type Block, type Button, type Message, type Reply } from '../../../src/core/model';
import type { Role } from '../../../src/core/people/types';
import { createScheduler, type Scheduler } from '../../../src/scheduler/scheduler';
import { makeTestCore, type TestCore } from '../../support/core';

export const ORG = 'local';
export const ZONE = 'America/Chicago';
export const ADMIN = 'local:ann';
export const LEADER = 'local:lee';
export const OTHER_LEADER = 'local:lou';
export const QM = 'local:quinn';
export const MEMBER = 'local:max';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface WalksCore {
  core: TestCore;
  siteId: number;
  scheduler: Scheduler;
}

export async function walksCore(startIso: string): Promise<WalksCore> {
  const core = makeTestCore(startIso, { defaultTimeZone: ZONE });
  await core.store.orgs.ensure({ id: ORG, platform: 'local', name: 'Demo plant' });
  const site = await core.store.sites.create({ orgId: ORG, name: 'Plant 1', timeZone: ZONE, workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
  const cast: Array<[string, string, Role]> = [
    [ADMIN, 'Ann', 'admin'],
    [LEADER, 'Lee', 'leader'],
    [OTHER_LEADER, 'Lou', 'leader'],
    [QM, 'Quinn', 'quality_manager'],
    [MEMBER, 'Max', 'member'],
  ];
  for (const [id, name, role] of cast) {
    await core.store.people.ensure(
      { id, orgId: ORG, displayName: name, handle: name.toLowerCase(), role, siteId: site.id, joinedOn: '2025-01-01' },
      null,
    );
  }
  const scheduler = createScheduler({ deps: core.deps, modules: [floorWalksModule], owner: 'test' });
  return { core, siteId: site.id, scheduler };
}

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

export function messageText(message: Message | undefined): string {
  if (!message) return '';
  return [message.heading ?? '', ...message.blocks.map(blockText)].filter(Boolean).join('\n');
}

export function replyText(reply: Reply): string {
  return messageText(reply.message);
}

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

export function source(core: TestCore, name: string) {
  const found = floorWalksModule.sources!(core.deps).find((s) => s.name === name);
  if (!found) throw new Error(`no source ${name}`);
  return found;
}

export function composer(core: TestCore, kind: string) {
  const found = floorWalksModule.composers!(core.deps).find((c) => c.kind === kind);
  if (!found) throw new Error(`no composer ${kind}`);
  return found;
}

export function sentMessage(composed: Composed): { personId: string; message: Message } {
  if (!('to' in composed) || !('personId' in composed.to)) throw new Error(`not a direct message: ${JSON.stringify(composed)}`);
  return { personId: composed.to.personId, message: composed.message };
}

/** Moves the clock to `iso` and runs one scheduler pass and drain there. */
export async function tickAt(w: WalksCore, iso: string | number) {
  const at = typeof iso === 'number' ? iso : Date.parse(iso);
  w.core.clock.set(at);
  return w.scheduler.tick(at);
}
