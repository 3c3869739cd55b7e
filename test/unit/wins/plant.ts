// A small plant for the wins tests, built through the store: an admin (the org's first person),
// a quality manager, a leader, two operators, one site with a wins channel, one team.
import type { InboundActor } from '../../../src/core/bot';
import type { Message, RichText } from '../../../src/core/model';
import { plainText } from '../../../src/core/model';
import type { TestCore } from '../../support/core';
import { rowsOf } from '../../support/sql';

export interface Plant {
  siteId: number;
  teamId: number;
  ada: InboundActor;
  quinn: InboundActor;
  maria: InboundActor;
  jo: InboundActor;
  kim: InboundActor;
}

export async function buildPlant(core: TestCore, winsChannel: string | null = 'riverside-wins'): Promise<Plant> {
  const { store } = core;
  await core.bot.handleCommand(core.as('local:ada'), 'help'); // first person: admin
  const site = await store.sites.create({ orgId: 'local', name: 'Riverside Plant', timeZone: 'America/Chicago', workDays: [1, 2, 3, 4, 5], winsChannel }, null);
  const team = await store.teams.create({ orgId: 'local', siteId: site.id, name: 'Assembly', leaderId: null, channel: null }, null);
  const add = (handle: string, name: string, role: 'leader' | 'quality_manager' | 'member', teamId: number | null) =>
    store.people.ensure({ id: `local:${handle}`, orgId: 'local', displayName: name, handle, role, siteId: site.id, teamId, joinedOn: '2026-01-01' }, null);
  await add('quinn', 'Quinn Murphy', 'quality_manager', null);
  await add('maria', 'Maria Lopez', 'leader', team.id);
  await add('jo', 'Jo Rivera', 'member', team.id);
  await add('kim', 'Kim Novak', 'member', team.id);
  await store.people.update('local', 'local:ada', { siteId: site.id }, null);
  await store.teams.update('local', team.id, { leaderId: 'local:maria' }, null);
  return {
    siteId: site.id,
    teamId: team.id,
    ada: core.as('local:ada'),
    quinn: core.as('local:quinn'),
    maria: core.as('local:maria'),
    jo: core.as('local:jo'),
    kim: core.as('local:kim'),
  };
}

/** Every span of a message, in order. */
export function spansOf(message: Message | undefined): RichText {
  const out: RichText = [];
  for (const b of message?.blocks ?? []) {
    if (b.type === 'text' || b.type === 'context') out.push(...b.text);
    if (b.type === 'list') for (const item of b.items) out.push(...item);
    if (b.type === 'facts') for (const f of b.facts) out.push(f.label, ...f.value);
  }
  return out;
}

export function textOf(message: Message | undefined): string {
  return plainText(spansOf(message));
}

/** A deliveries row as stored (the fields these tests read). */
export interface DeliveryRow {
  id: number;
  key: string;
  kind: string;
  personId: string | null;
  channel: string | null;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  messageRef: string | null;
}

/** The deliveries table as stored. */
export async function deliveryRows(core: TestCore): Promise<DeliveryRow[]> {
  return (await rowsOf(core, 'deliveries')) as unknown as DeliveryRow[];
}
