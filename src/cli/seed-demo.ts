// `clause5 seed-demo`: the demo plant in the local organisation, once.
import { resolve } from 'node:path';
import type { Config } from '../config';
import { LOCAL_ORG, seedDemoIfEmpty } from '../main';
import { renderPeople } from '../platforms/local/views';
import { withRuntime } from './context';
import type { CliIO } from './io';

export async function seedDemoCommand(config: Readonly<Config>, io: CliIO): Promise<number> {
  return withRuntime(config, { io }, async (runtime) => {
    const { store } = runtime;
    const seeded = await seedDemoIfEmpty(runtime);
    const [people, sites, teams] = await Promise.all([store.people.list(LOCAL_ORG), store.sites.list(LOCAL_ORG), store.teams.list(LOCAL_ORG)]);
    io.out(
      seeded
        ? `Seeded the demo plant into ${resolve(config.CLAUSE5_DB)}:`
        : `The local organisation already has ${people.length} people; nothing was changed. They are:`,
    );
    for (const line of renderPeople(people, sites, teams, '')) io.out(line);
    for (const note of seeded?.notes ?? []) io.out(`Note: ${note}`);
    return 0;
  });
}
