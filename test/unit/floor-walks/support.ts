// Shared set-up for the floor-walks tests: a real core on real SQLite, a site in Chicago with a
// Monday–Friday week, a small cast, and the real scheduler over the floor-walks module.
import type { Composed } from '../../../src/core/deliveries';
import { floorWalksModule } from '../../../src/core/floor-walks/module';
import type { Message } from '../../../src/core/model';
import { createScheduler, type Scheduler } from '../../../src/scheduler/scheduler';
import { ensureOrg, ORG, seedCast } from '../../support/cast';
import { makeTestCore, type TestCore } from '../../support/core';

export { ADMIN, LEADER, MEMBER, ORG, OTHER_LEADER, QM } from '../../support/cast';
export { asDelivery, blockText, button, buttonsOf, messageText, press, replyText, say } from '../../support/messages';
export const ZONE = 'America/Chicago';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface WalksCore {
  core: TestCore;
  siteId: number;
  scheduler: Scheduler;
}

export async function walksCore(startIso: string): Promise<WalksCore> {
  const core = makeTestCore(startIso, { defaultTimeZone: ZONE });
  await ensureOrg(core);
  const site = await core.store.sites.create({ orgId: ORG, name: 'Plant 1', timeZone: ZONE, workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
  await seedCast(core, { siteId: site.id });
  const scheduler = createScheduler({ deps: core.deps, modules: [floorWalksModule], owner: 'test' });
  return { core, siteId: site.id, scheduler };
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
