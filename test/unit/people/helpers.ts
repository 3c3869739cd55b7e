import type { InboundActor } from '../../../src/core/bot';
import { plainText, type Message, type RichText } from '../../../src/core/model';
import type { TestCore } from '../../support/core';

export function textOf(message: Message | undefined): string {
  const spans: RichText = [];
  for (const b of message?.blocks ?? []) {
    if (b.type === 'text' || b.type === 'context') spans.push(...b.text);
    if (b.type === 'list') for (const item of b.items) spans.push(...item, '\n');
    if (b.type === 'facts') for (const f of b.facts) spans.push(`${f.label}: `, ...f.value, '\n');
  }
  return plainText(spans);
}

/** An admin (first person), a quality manager, a leader and a member; a site 'Riverside Plant'. */
export async function smallOrg(core: TestCore) {
  await core.bot.handleCommand(core.as('local:ada'), 'help');
  const site = await core.store.sites.create(
    { orgId: 'local', name: 'Riverside Plant', timeZone: 'America/Chicago', workDays: [1, 2, 3, 4, 5], winsChannel: null },
    null,
  );
  for (const [handle, name, role] of [
    ['quinn', 'Quinn Murphy', 'quality_manager'],
    ['maria', 'Maria Lopez', 'leader'],
    ['jo', 'Jo Rivera', 'member'],
  ] as const) {
    await core.store.people.ensure({ id: `local:${handle}`, orgId: 'local', displayName: name, handle, role, siteId: site.id, joinedOn: '2026-01-01' }, null);
  }
  const say = async (who: string, text: string) => textOf((await core.bot.handleCommand(core.as(`local:${who}`), text)).message);
  return { site, say, as: (who: string): InboundActor => core.as(`local:${who}`) };
}
