// The tamper-evident record: a record written through Clause5 verifies; each change made with plain
// SQL behind Clause5's back (a walk's text, a win's date, a deleted, reordered or edited log entry,
// an inserted row) is caught and named; `clause5 verify` exits 1 on it and 0 with the head hash.
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/core/people/demo';
import { openSqliteStore } from '../../../src/store/sqlite';
import { UNCHAINED_SQL } from '../../../src/store/sqlite/audit-chain';
import { makeTestCore, type TestCore } from '../../support/core';
import { runCliInProcess } from '../cli/support';

let tc: TestCore;
let clean: string;
let copies = 0;

beforeAll(async () => {
  tc = makeTestCore('2026-11-23T15:00:00Z');
  await seedDemo(tc.deps);
  const maria = (await tc.store.people.findByHandle('local', 'maria'))!;
  const priya = (await tc.store.people.findByHandle('local', 'priya'))!;
  const walk = await tc.store.walks.create(
    {
      orgId: 'local',
      personId: maria.id,
      area: 'Line 2',
      walkDate: '2026-11-23',
      weekKey: '2026-W48',
      wentWell: '5S good',
      concerns: 'Guard loose',
      tags: [],
      source: 'adhoc',
    },
    [{ raisedBy: maria.id, ownerId: priya.id, text: 'Fix the guard', dueDate: '2026-11-27' }],
    maria.id,
  );
  await tc.store.followUps.close('local', walk.followUps[0]!.id, '2026-11-25', priya.id);
  await tc.store.wins.create(
    {
      orgId: 'local',
      siteId: null,
      teamId: null,
      postedBy: maria.id,
      text: 'Scrap down 20 %',
      tags: [],
      metric: null,
      postedAt: tc.clock.now(),
      people: [priya.id],
    },
    maria.id,
  );
  const asked = await tc.store.prompts.open({
    orgId: 'local',
    personId: maria.id,
    kind: 'custom',
    subject: 'custom:1:2026-11',
    sentAt: tc.clock.now(),
    messageRef: null,
  });
  await tc.store.customPrompts.answer('local', {
    promptId: asked.id,
    answer: 'yes',
    items: [],
    note: 'complaints reviewed',
    outcome: 'done',
    answeredBy: maria.id,
    answeredAt: tc.clock.now(),
  });
  tc.store.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  clean = join(tc.dir, 'clean.db');
  await tc.store.database.sqlite.backup(clean);
});
afterAll(() => tc?.cleanup());

/** A copy of the clean record, changed by `tamper` with plain SQL, then verified as Clause5 opens it. */
async function verifyAfter(tamper: (db: Database.Database) => void) {
  const path = join(tc.dir, `copy-${++copies}.db`);
  copyFileSync(clean, path);
  const raw = new Database(path);
  tamper(raw);
  raw.close();
  const store = openSqliteStore(path, () => tc.clock.now());
  try {
    return { path, result: await store.verify('local') };
  } finally {
    store.close();
  }
}

const id = (db: Database.Database, sql: string) => (db.prepare(sql).get() as { id: number }).id;

describe('verify', () => {
  it('passes on a record written through Clause5 and names the chain head', async () => {
    const { result } = await verifyAfter(() => {});
    expect(result.problem).toBeUndefined();
    expect(result.ok).toBe(true);
    const raw = new Database(clean, { readonly: true });
    const last = raw.prepare("SELECT hash FROM audit_log WHERE org_id = 'local' ORDER BY id DESC LIMIT 1").get() as { hash: string };
    const count = raw.prepare("SELECT count(*) AS n FROM audit_log WHERE org_id = 'local'").get() as { n: number };
    raw.close();
    expect(result.chains).toEqual([{ orgId: 'local', entries: count.n, head: last.hash }]);
    expect(count.n).toBeGreaterThan(10);
  });

  it('catches a walk whose text was changed', async () => {
    const { result } = await verifyAfter((db) => db.prepare("UPDATE floor_walks SET concerns = 'None' WHERE area = 'Line 2'").run());
    expect(result.ok).toBe(false);
    expect(result.problem?.where).toMatch(/^floor_walk \d+$/);
    expect(result.problem?.reason).toContain('changed behind');
  });

  it('catches a win whose date was changed', async () => {
    const { result } = await verifyAfter((db) => db.prepare('UPDATE wins SET posted_at = posted_at - 86400000').run());
    expect(result.problem?.where).toMatch(/^win \d+$/);
  });

  it('catches a custom prompt answer or definition changed behind Clause5’s back', async () => {
    const answer = await verifyAfter((db) => db.prepare("UPDATE custom_answers SET answer = 'no', outcome = 'not_done'").run());
    expect(answer.result.problem).toMatchObject({
      where: expect.stringMatching(/^custom_answer \d+$/),
      reason: expect.stringContaining('differs from its last recorded version'),
    });
    const definition = await verifyAfter((db) => db.prepare('UPDATE custom_prompts SET weight = 50 WHERE id = 1').run());
    expect(definition.result.problem).toMatchObject({ where: 'custom_prompt 1' });
  });

  it('catches a deleted log entry', async () => {
    const { result } = await verifyAfter((db) => {
      const victim = id(db, "SELECT id FROM audit_log WHERE entity = 'follow_up' AND action = 'update'");
      db.prepare('DELETE FROM audit_log WHERE id = ?').run(victim);
    });
    expect(result.problem?.where).toMatch(/^audit entry \d+$/);
    expect(result.problem?.reason).toContain('does not follow');
  });

  it('catches two log entries swapped', async () => {
    const { result } = await verifyAfter((db) => {
      const [a, b] = db.prepare("SELECT * FROM audit_log WHERE org_id = 'local' ORDER BY id DESC LIMIT 2").all() as Array<Record<string, unknown>>;
      const cols = Object.keys(a!).filter((c) => c !== 'id');
      const set = db.prepare(`UPDATE audit_log SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
      db.transaction(() => {
        set.run({ ...b, id: a!.id });
        set.run({ ...a, id: b!.id });
      })();
    });
    expect(result.ok).toBe(false);
    expect(result.problem?.where).toMatch(/^audit entry \d+$/);
  });

  it('catches an edited log entry (content and who)', async () => {
    const content = await verifyAfter((db) =>
      db.prepare("UPDATE audit_log SET after = replace(after, 'Guard loose', 'All fine') WHERE entity = 'floor_walk'").run(),
    );
    expect(content.result.problem?.reason).toContain('content was changed');
    const who = await verifyAfter((db) => db.prepare("UPDATE audit_log SET actor_id = 'local:quinn' WHERE entity = 'win'").run());
    expect(who.result.problem?.reason).toContain('who, what, when');
  });

  it('catches a row inserted behind Clause5’s back, and a row deleted', async () => {
    const inserted = await verifyAfter((db) =>
      db.prepare("INSERT INTO wins (org_id, posted_by, text, tags, posted_at) SELECT org_id, posted_by, 'Fake win', tags, posted_at FROM wins LIMIT 1").run(),
    );
    expect(inserted.result.problem?.reason).toContain('not in the audit record');
    const deleted = await verifyAfter((db) => {
      db.prepare('DELETE FROM win_people').run();
      db.prepare('DELETE FROM wins').run();
    });
    expect(deleted.result.problem?.reason).toContain('deleted behind');
  });

  it('chains entries written before the chain existed, when the database is opened', async () => {
    const { result } = await verifyAfter((db) =>
      db.prepare('UPDATE audit_log SET salt = NULL, before_digest = NULL, after_digest = NULL, prev_hash = NULL, hash = NULL').run(),
    );
    expect(result.ok).toBe(true);
  });

  it('finds those entries at start-up through an index, not by reading the whole log', () => {
    const db = new Database(tc.dbPath, { readonly: true });
    try {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${UNCHAINED_SQL}`).all() as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail)).toEqual(['SCAN audit_log USING INDEX audit_unchained']);
    } finally {
      db.close();
    }
  });

  it('clause5 verify exits 1 naming the problem, and 0 with the head hash', async () => {
    const bad = await verifyAfter((db) => db.prepare("UPDATE floor_walks SET went_well = 'x'").run());
    const failed = await runCliInProcess(['verify'], { CLAUSE5_DB: bad.path });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/The record is NOT intact \(local\): floor_walk \d+:/);
    const good = await verifyAfter(() => {});
    const passed = await runCliInProcess(['verify'], { CLAUSE5_DB: good.path });
    expect(passed.code).toBe(0);
    expect(passed.stdout).toMatch(/^local: \d+ entries checked, head [0-9a-f]{64}\nThe record is intact\.\n$/);
  });
});
