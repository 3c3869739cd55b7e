// The custom prompt tests' plant: one Chicago site (Mon–Fri) with the shared cast, the real
// scheduler running the custom prompts module, and a clock moved by tickAt.
import { customPromptsModule } from '../../../src/core/prompts/module';
import { createScheduler, type Scheduler } from '../../../src/scheduler/scheduler';
import { ensureOrg, ORG, seedCast } from '../../support/cast';
import { makeTestCore, type TestCore } from '../../support/core';

export const ZONE = 'America/Chicago';

export interface PromptsPlant {
  core: TestCore;
  scheduler: Scheduler;
  siteId: number;
  /** Sets the clock and runs one scheduler pass at that instant. */
  tickAt(iso: string): Promise<void>;
}

/** The plant at `startIso`, with `extraLeaders` more leaders named Zed 01, Zed 02 … (local:z01 …). */
export async function promptsPlant(startIso: string, extraLeaders = 0): Promise<PromptsPlant> {
  const core = makeTestCore(startIso, { defaultTimeZone: ZONE });
  await ensureOrg(core);
  const site = await core.store.sites.create({ orgId: ORG, name: 'Riverside Plant', timeZone: ZONE, workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
  await seedCast(core, { siteId: site.id });
  for (let i = 1; i <= extraLeaders; i++) {
    const n = String(i).padStart(2, '0');
    await core.store.people.ensure(
      { id: `local:z${n}`, orgId: ORG, displayName: `Zed ${n}`, handle: `z${n}`, role: 'leader', joinedOn: '2025-01-01', siteId: site.id },
      null,
    );
  }
  const scheduler = createScheduler({ deps: core.deps, modules: [customPromptsModule], owner: 'test' });
  await scheduler.tick(core.clock.now());
  const tickAt = async (iso: string) => {
    core.clock.set(Date.parse(iso));
    await scheduler.tick(Date.parse(iso));
  };
  return { core, scheduler, siteId: site.id, tickAt };
}
