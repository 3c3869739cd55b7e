// A PostgreSQL database holding audit entries written before the chain existed (by an older
// version, or copied in by hand): the next start chains them after each organisation's head, oldest
// first, once; verify then passes and still catches an edit. On PGlite always, on the server when
// one answers.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPortedStore } from '../../../src/store/pg';
import { chainUnchainedEntries } from '../../../src/store/pg/audit-chain';
import { type OpenPgDatabase, openPgDatabase } from '../../../src/store/pg/db';
import { openPgliteDatabase } from '../../../src/store/pg/pglite';
import { PG_ADMIN_URL, POSTGRES } from '../../support/engines';

const T0 = Date.parse('2026-03-02T12:00:00Z');

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function unchainedThenReopened(open: () => Promise<OpenPgDatabase>, restart: (db: OpenPgDatabase) => Promise<OpenPgDatabase>): Promise<void> {
  const first = await open();
  const store = createPgPortedStore(first, () => T0);
  await store.orgs.ensure({ id: 'local', platform: 'local', name: 'local' });
  await store.orgs.ensure({ id: 'slack:T1', platform: 'slack', name: 'T1' });
  await store.orgs.updateSettings('local', { digestChannel: 'C1' } as never, 'local:ada'); // chained as it is written
  for (const [org, id] of [
    ['local', 'a'],
    ['slack:T1', 'b'],
    ['local', 'c'],
  ])
    await first.query(`INSERT INTO audit_log (org_id, actor_id, entity, entity_id, action, after, at) VALUES ($1, NULL, 'note', $2, 'create', '{"n":1}', $3)`, [
      org,
      id,
      T0,
    ]);
  expect(await store.verify('local')).toMatchObject({ ok: false, problem: { where: 'audit entry 2' } });
  const again = await restart(first);
  try {
    const rows = await again.query<{ id: number; prev_hash: string; hash: string }>('SELECT id, prev_hash, hash FROM audit_log ORDER BY id');
    expect(rows.every((r) => r.hash !== null)).toBe(true);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash); // after local's head
    expect(rows[3]!.prev_hash).toBe(rows[1]!.hash); // local's entries in order
    const reopened = createPgPortedStore(again, () => T0);
    expect(await reopened.verify()).toMatchObject({
      ok: true,
      chains: [
        { orgId: 'local', entries: 3 },
        { orgId: 'slack:T1', entries: 1 },
      ],
    });
    await again.query(`UPDATE audit_log SET after = '{"n":2}' WHERE entity_id = 'c'`);
    expect((await reopened.verify()).problem).toMatchObject({ orgId: 'local', where: 'audit entry 4' });
  } finally {
    await again.close();
  }
}

describe('audit entries from before the chain, on PostgreSQL', () => {
  // A PGlite kept on disk takes ~15 s to create: in memory, the start-up step is called as opening runs it.
  it('are chained by the start-up step (PGlite)', async () => {
    await unchainedThenReopened(
      () => openPgliteDatabase(),
      async (db) => {
        await chainUnchainedEntries(db.query);
        return db;
      },
    );
  }, 90_000); // starting PGlite takes seconds, tens of them on a loaded machine

  describe.skipIf(POSTGRES !== 'postgres')('on the server', () => {
    const name = `clause5_test_chain_${randomBytes(4).toString('hex')}`;
    const url = Object.assign(new URL(PG_ADMIN_URL), { pathname: `/${name}` }).toString();
    beforeAll(() => admin(`CREATE DATABASE ${name}`));
    afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

    it('are chained at the next start', async () => {
      const open = () => openPgDatabase(url, { poolSize: 2 });
      await unchainedThenReopened(open, async (first) => {
        await first.close();
        return open();
      });
    });
  });
});
