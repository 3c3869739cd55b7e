// Export, erasure, retention and `verify` at the repository level, on both engines
// (test/support/engines.ts). erase.test.ts and retention.test.ts go through the whole core on
// SQLite; here the records the PostgreSQL store cannot write yet (walks, wins) are seeded with plain
// SQL, their audit entries chained exactly as writeAudit chains them (shared/audit-hash.ts).
import { expect, it } from 'vitest';
import { type AuditInput, auditRowValues, GENESIS } from '../../../src/store/shared/audit-hash';
import { describeEngines, type Engine, type EngineStore } from '../../support/engines';

const ORG = 'local';
const MARIA = 'local:maria';
const PRIYA = 'local:priya';
const ADA = 'local:ada';
const T0 = Date.parse('2026-11-23T15:00:00Z');
const DAY = 86_400_000;

const lit = (v: unknown) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);

/** Inserts a row with literal values (the same SQL on both engines). */
async function insert(engine: Engine, table: string, row: Record<string, unknown>): Promise<void> {
  await engine.execute(`INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.values(row).map(lit).join(', ')})`);
}

/** Appends an audit entry chained to the organisation's head, as writeAudit does. */
async function appendAudit(engine: Engine, entry: AuditInput): Promise<void> {
  const [head] = await engine.execute(`SELECT hash FROM audit_log WHERE org_id = ${lit(entry.orgId)} ORDER BY id DESC LIMIT 1`);
  const v = auditRowValues(entry, (head?.hash as string | undefined) ?? GENESIS);
  await insert(engine, 'audit_log', {
    org_id: v.orgId,
    actor_id: v.actorId,
    entity: v.entity,
    entity_id: v.entityId,
    action: v.action,
    before: v.before,
    after: v.after,
    at: v.at,
    salt: v.salt,
    before_digest: v.beforeDigest,
    after_digest: v.afterDigest,
    prev_hash: v.prevHash,
    hash: v.hash,
  });
}

/** Every text value in the tables erasure and retention touch. */
async function everyText(engine: Engine): Promise<string> {
  const tables = ['people', 'away_periods', 'floor_walks', 'wins', 'audit_log'];
  return (await Promise.all(tables.map(async (t) => JSON.stringify(await engine.rows(t))))).join('\n');
}

describeEngines('privacy and verify', (engine) => {
  let clock = T0;
  const now = () => clock;

  /** Maria's records and others' that name her; walks and wins audited, one of each old enough for retention. */
  async function mariasWeek(): Promise<EngineStore> {
    clock = T0;
    const store = await engine.open(now);
    await store.orgs.ensure({ id: ORG, platform: 'local', name: 'Demo plant' });
    for (const [id, displayName, handle] of [
      [ADA, 'Ada Admin', 'ada'],
      [MARIA, 'Maria Lopez', 'maria'],
      [PRIYA, 'Priya Nair', 'priya'],
    ] as const) {
      await store.people.ensure({ id, orgId: ORG, displayName, handle, role: id === ADA ? 'admin' : 'leader', joinedOn: '2026-01-05' }, ADA);
    }
    await store.away.add(ORG, { personId: MARIA, fromDate: '2026-12-07', toDate: '2026-12-09', reason: 'Training in Berlin', recordedBy: MARIA }, MARIA);
    await store.away.add(ORG, { personId: PRIYA, fromDate: '2026-12-14', toDate: '2026-12-15', reason: 'Covering for Maria Lopez', recordedBy: PRIYA }, PRIYA);
    const walks = [
      { id: 1, person_id: MARIA, area: 'Line 2', walk_date: '2026-11-23', went_well: '5S on Line 2 is tidy', concerns: 'Guard loose' },
      { id: 2, person_id: PRIYA, area: 'Machining', walk_date: '2026-11-24', went_well: 'Talked with Maria Lopez about torque', concerns: null },
    ];
    for (const w of walks) {
      await insert(engine, 'floor_walks', { ...w, org_id: ORG, week_key: '2026-W48', source: 'adhoc', created_at: T0, updated_at: T0 });
      const after = { area: w.area, wentWell: w.went_well, concerns: w.concerns, personId: w.person_id };
      await appendAudit(engine, { orgId: ORG, actor: w.person_id, entity: 'floor_walk', entityId: w.id, action: 'create', after, at: T0 });
    }
    const wins = [
      { id: 1, posted_by: MARIA, text: 'Scrap down 20 % thanks to Priya Nair', metric: 'scrap −20 %', posted_at: T0 - 400 * DAY },
      { id: 2, posted_by: PRIYA, text: 'Thanks @maria and Maria Lopez for the kaizen', metric: null, posted_at: T0 },
    ];
    for (const w of wins) {
      await insert(engine, 'wins', { ...w, org_id: ORG });
      await insert(engine, 'win_people', { win_id: w.id, person_id: w.posted_by === MARIA ? PRIYA : MARIA });
      const after = { text: w.text, metric: w.metric, postedBy: w.posted_by };
      await appendAudit(engine, { orgId: ORG, actor: w.posted_by, entity: 'win', entityId: w.id, action: 'create', after, at: w.posted_at });
    }
    return store;
  }

  it('erases a name and free text in the live rows and every audited version, and says what it did', async () => {
    const store = await mariasWeek();
    expect(await everyText(engine)).toContain('Guard loose');
    const summary = await store.privacy.erase(ORG, MARIA, ADA);
    expect(summary).toEqual({ pseudonym: 'Erased person 1', records: { floor_walk: [1, 2].length, win: 2, away: 2 }, entries: 7 });
    const all = await everyText(engine);
    for (const text of ['Maria Lopez', '@maria', 'Guard loose', '5S on Line 2', 'Scrap down', 'scrap −20', 'Training in Berlin'])
      expect(all, text).not.toContain(text);
    expect(await store.people.get(ORG, MARIA)).toMatchObject({ displayName: 'Erased person 1', handle: null, role: 'leader' });
    expect(await engine.execute('SELECT id, went_well, concerns FROM floor_walks ORDER BY id')).toEqual([
      { id: 1, went_well: '(erased)', concerns: '(erased)' },
      { id: 2, went_well: 'Talked with Erased person 1 about torque', concerns: null },
    ]);
    expect(await engine.execute('SELECT text, metric FROM wins ORDER BY id')).toEqual([
      { text: '(erased)', metric: '(erased)' },
      { text: 'Thanks Erased person 1 and Erased person 1 for the kaizen', metric: null },
    ]);
    expect((await store.away.list(ORG, PRIYA))[0]).toMatchObject({ reason: 'Covering for Erased person 1' });
    expect(await store.privacy.isErased(ORG, MARIA)).toBe(true);
    expect(await store.privacy.isErased(ORG, PRIYA)).toBe(false);
    await expect(store.privacy.erase(ORG, MARIA, ADA)).rejects.toThrow('Erased person 1 was erased already.');
    await expect(store.privacy.erase(ORG, 'local:nobody', ADA)).rejects.toThrow('There is no person local:nobody in local.');
    expect((await store.privacy.erase(ORG, PRIYA, ADA)).pseudonym).toBe('Erased person 2');
  });

  // verify loads live records through their repositories, which the PostgreSQL store does not have
  // yet: these checks run once retention has removed the seeded walks and wins (legitimately).
  async function withoutLiveRecords(store: EngineStore): Promise<void> {
    expect(await store.retention.apply(ORG, 'walks', T0 + 2 * DAY, 'walks: 1 year')).toEqual({ removed: { floor_walk: 2 } });
    expect(await store.retention.apply(ORG, 'wins', T0 + 2 * DAY, 'wins: 1 year')).toEqual({ removed: { win: 2 } });
  }

  it('keeps the record verifiable after an erasure and retention runs, and catches changes behind its back', async () => {
    const store = await mariasWeek();
    await store.privacy.erase(ORG, MARIA, ADA);
    await withoutLiveRecords(store);
    const clean = await store.verify();
    expect(clean.problem).toBeUndefined();
    expect(clean.chains).toMatchObject([{ orgId: ORG, entries: 12 }]);
    // Nothing older than the cutoff is left: a second run writes nothing.
    expect(await store.retention.apply(ORG, 'wins', T0 + 2 * DAY, 'wins: 1 year')).toEqual({ removed: {} });
    expect((await store.verify()).chains[0]!.entries).toBe(12);

    // Her name put back into her person entry, which the erasure rewrote.
    const [personEntry] = await engine.execute(`SELECT id, after FROM audit_log WHERE entity = 'person' AND entity_id = ${lit(MARIA)}`);
    const erased = String(personEntry!.after);
    await engine.execute(`UPDATE audit_log SET after = ${lit(erased.replace('Erased person 1', 'Maria Lopez'))} WHERE id = ${personEntry!.id}`);
    expect((await store.verify(ORG)).problem).toEqual({
      orgId: ORG,
      where: `audit entry ${personEntry!.id}`,
      reason: expect.stringMatching(/^its content was changed after it was written since the erasure in audit entry \d+ \(person local:maria, create\)$/),
    });
    await engine.execute(`UPDATE audit_log SET after = ${lit(erased)} WHERE id = ${personEntry!.id}`);
    expect((await store.verify(ORG)).ok).toBe(true);
    // Text put back into an entry a retention run blanked.
    await engine.execute(`UPDATE audit_log SET after = '{"text":"Scrap"}' WHERE entity = 'win' AND entity_id = '1'`);
    expect((await store.verify(ORG)).problem?.reason).toMatch(/^its content should have been blanked by the retention run in audit entry \d+ \(win 1\)$/);
  });

  it('finds an entry whose who, what or when was changed', async () => {
    const store = await mariasWeek();
    await withoutLiveRecords(store);
    await engine.execute("UPDATE audit_log SET actor_id = 'local:priya' WHERE entity = 'away' AND actor_id = 'local:maria'");
    expect((await store.verify(ORG)).problem?.reason).toMatch(/^its fields \(who, what, when\) were changed after it was written \(away \d+\)$/);
  });

  it('finds a removed entry', async () => {
    const store = await mariasWeek();
    await withoutLiveRecords(store);
    const [first] = await engine.execute("SELECT id FROM audit_log WHERE entity = 'away' ORDER BY id LIMIT 1");
    await engine.execute(`DELETE FROM audit_log WHERE id = ${first!.id}`);
    expect((await store.verify(ORG)).problem).toMatchObject({
      where: `audit entry ${Number(first!.id) + 1}`,
      reason: expect.stringContaining('does not follow'),
    });
  });

  it('finds a record inserted or deleted behind its back', async () => {
    const store = await mariasWeek();
    await withoutLiveRecords(store);
    await appendAudit(engine, { orgId: ORG, actor: PRIYA, entity: 'follow_up', entityId: 7, action: 'create', after: { text: 'x' }, at: T0 });
    expect((await store.verify(ORG)).problem).toMatchObject({ where: 'follow_up 7', reason: expect.stringContaining('deleted behind Clause5’s back') });
    await engine.execute("DELETE FROM audit_log WHERE entity = 'follow_up'");
    expect((await store.verify(ORG)).ok).toBe(true);
    await insert(engine, 'wins', { id: 3, org_id: ORG, posted_by: PRIYA, text: 'A win nobody recorded', posted_at: T0 });
    expect((await store.verify(ORG)).problem).toMatchObject({ where: 'win 3', reason: expect.stringContaining('not in the audit record') });
  });

  it('removes old records kind by kind, lists them in a chained entry and blanks what the log kept of them', async () => {
    const store = await mariasWeek();
    expect(await store.retention.apply(ORG, 'followups', T0, 'follow-ups: 1 year')).toEqual({ removed: {} });
    expect(await store.retention.apply(ORG, 'wins', T0 - 365 * DAY, 'wins: 1 year')).toEqual({ removed: { win: 1 } });
    expect(await engine.execute('SELECT id FROM wins')).toEqual([{ id: 2 }]);
    expect(await engine.execute('SELECT win_id FROM win_people')).toEqual([{ win_id: 2 }]);
    expect(await engine.execute("SELECT before, after FROM audit_log WHERE entity = 'win' ORDER BY id")).toEqual([
      { before: null, after: null },
      { before: null, after: expect.stringContaining('kaizen') },
    ]);
    expect(await store.retention.apply(ORG, 'walks', T0 + 2 * DAY, 'walks: 1 year')).toEqual({ removed: { floor_walk: 2 } });
    expect(await engine.execute('SELECT id FROM floor_walks')).toEqual([]);
    const entries = await engine.execute("SELECT actor_id, entity_id, action, after FROM audit_log WHERE entity = 'retention' ORDER BY id");
    expect(entries.map((e) => [e.actor_id, e.entity_id, e.action])).toEqual([
      [null, 'wins', 'delete'],
      [null, 'walks', 'delete'],
    ]);
    expect(JSON.parse(String(entries[1]!.after))).toEqual({
      kind: 'walks',
      setting: 'walks: 1 year',
      cutoff: new Date(T0 + 2 * DAY).toISOString(),
      removed: { floor_walk: [1, 2] },
      counts: {},
    });
  });

  it('gives two people erased at once by two instances different pseudonyms, and keeps the chain whole', async () => {
    const store = await mariasWeek();
    const other = await engine.openAnother(now);
    const done = await Promise.all([store.privacy.erase(ORG, MARIA, ADA), other.privacy.erase(ORG, PRIYA, ADA)]);
    expect(done.map((d) => d.pseudonym).sort()).toEqual(['Erased person 1', 'Erased person 2']);
    expect(await everyText(engine)).not.toMatch(/Maria Lopez|Priya Nair/);
    await withoutLiveRecords(store);
    expect((await store.verify(ORG)).problem).toBeUndefined();
  });

  it('exports everything about one person, the same on both engines', async () => {
    const store = await mariasWeek();
    const file = await store.privacy.export(ORG, MARIA, T0);
    expect(file).toMatchObject({
      exportedAt: new Date(T0).toISOString(),
      organisation: { id: ORG, name: 'Demo plant' },
      role: 'leader',
      profile: { id: MARIA, displayName: 'Maria Lopez', guest: 0 },
      digestRecipient: false,
      floorWalks: [{ id: 1, wentWell: '5S on Line 2 is tidy', tags: [] }],
      winsGiven: [{ id: 1, people: [PRIYA] }],
      winsNamed: [{ id: 2, people: [MARIA] }],
      awayPeriods: [{ reason: 'Training in Berlin', fromDate: '2026-12-07' }],
    });
    expect(file.auditEntries.map((e) => [e.entity, e.entityId])).toEqual([
      ['person', MARIA],
      ['away', '1'],
      ['floor_walk', '1'],
      ['win', '1'],
    ]);
    await expect(store.privacy.export(ORG, 'local:nobody', T0)).rejects.toThrow('There is no person local:nobody in local.');
  });
});
