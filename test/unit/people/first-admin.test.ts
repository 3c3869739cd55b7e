// "The first person to talk becomes admin" must hold under concurrency: ten people arriving at once
// in a new organisation, each through its own connection to the same SQLite file (as separate
// processes would), leave exactly one admin. The claim is one conditional statement on the
// organisation's row, so it holds on any engine with row locks, not only by SQLite's single writer.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/core/create';
import { silentLogger } from '../../../src/core/ports';
import { LocalPlatform } from '../../../src/platforms/local/platform';
import { PlatformRouter } from '../../../src/platforms/router';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite';
import { makeTestCore, type TestCore } from '../../support/core';

const PEOPLE = Array.from({ length: 10 }, (_, i) => `local:p${i}`);

let core: TestCore;
const extra: SqliteStore[] = [];
afterEach(() => {
  for (const store of extra.splice(0)) store.close();
  core?.cleanup();
});

/** Another core on the same database file, through its own connection. */
function sameFile(): Core {
  const store = openSqliteStore(core.dbPath, () => core.clock.now());
  extra.push(store);
  return createCore({
    store,
    clock: core.clock,
    log: silentLogger,
    platform: new PlatformRouter([new LocalPlatform(core.clock)]),
    settings: core.deps.settings,
  });
}

async function admins(): Promise<string[]> {
  return (await core.store.people.list('local', { role: 'admin' })).map((p) => p.id);
}

describe('the first admin', () => {
  it('ten first commands at once on ten connections leave exactly one admin', async () => {
    core = makeTestCore();
    const cores = PEOPLE.map(() => sameFile());
    const replies = await Promise.all(PEOPLE.map((id, i) => cores[i]!.bot.handleCommand(core.as(id), 'admin weights 30 30 15 15 10')));
    expect(await admins()).toHaveLength(1);
    expect(await core.store.people.count('local')).toBe(10);
    // The one admin's command ran; the nine others were told it is for admins.
    const texts = replies.map((r) => JSON.stringify(r.message));
    expect(texts.filter((t) => t.includes('Scorecard weights'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Only a quality manager or an admin'))).toHaveLength(9);
  });

  it('ten first commands at once on one connection leave exactly one admin', async () => {
    core = makeTestCore();
    await Promise.all(PEOPLE.map((id) => core.bot.handleCommand(core.as(id), 'help')));
    expect(await admins()).toHaveLength(1);
  });

  it('nobody else becomes admin later, and an organisation that has an admin never gets another by arrival', async () => {
    core = makeTestCore();
    await core.bot.handleCommand(core.as('local:first'), 'help');
    await core.bot.handleCommand(core.as('local:second'), 'help');
    expect(await admins()).toEqual(['local:first']);
  });

  it('an organisation that already has an admin (its installer, say) gives nobody the claim', async () => {
    core = makeTestCore();
    await core.store.orgs.ensure({ id: 'local', platform: 'local', name: 'Local plant' });
    await core.store.people.ensure({ id: 'local:installer', orgId: 'local', displayName: 'Installer', role: 'admin', joinedOn: '2026-11-23' }, null);
    const person = await core.store.people.arrive({ id: 'local:next', orgId: 'local', displayName: 'Next', joinedOn: '2026-11-23' }, true);
    expect(person.role).toBe('member');
    expect(await admins()).toEqual(['local:installer']);
  });

  it('the first-admin slot is taken once: an organisation later left without an admin gets none by arrival', async () => {
    core = makeTestCore();
    await core.bot.handleCommand(core.as('local:first'), 'help');
    // Not something the product does (the last admin cannot step down); a direct database edit here.
    core.store.database.sqlite.prepare(`UPDATE people SET role = 'member' WHERE org_id = 'local'`).run();
    await core.bot.handleCommand(core.as('local:late'), 'help');
    expect(await admins()).toEqual([]);
  });
});
