// Which organisation a command works on: --org, else the only one in the database, else 'local'.
import type { Store } from '../core/ports';
import { LOCAL_ORG } from '../main';
import { CliFailure } from './io';

export async function chooseOrg(store: Store, requested: string | undefined, options: { createLocal?: boolean } = {}): Promise<string> {
  const orgs = await store.orgs.list();
  if (requested) {
    if (orgs.some((o) => o.id === requested)) return requested;
    if (requested === LOCAL_ORG && options.createLocal) return ensureLocal(store);
    const known = orgs.map((o) => o.id).join(', ') || 'none yet';
    throw new CliFailure(`There is no organisation “${requested}” in this database (known: ${known}).`);
  }
  if (orgs.length === 1) return orgs[0]!.id;
  if (orgs.some((o) => o.id === LOCAL_ORG)) return LOCAL_ORG;
  if (orgs.length === 0) {
    if (options.createLocal) return ensureLocal(store);
    throw new CliFailure('This database has no organisation yet. Run seed-demo, import a roster, or use the bot first.');
  }
  throw new CliFailure(`This database has several organisations; choose one with --org (${orgs.map((o) => o.id).join(', ')}).`);
}

async function ensureLocal(store: Store): Promise<string> {
  await store.orgs.ensure({ id: LOCAL_ORG, platform: 'local', name: 'Local plant' });
  return LOCAL_ORG;
}
