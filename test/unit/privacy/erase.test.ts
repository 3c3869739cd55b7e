// Erasing a person: their name becomes "Erased person N" and their free text "(erased)" in the live
// rows and in every version the audit log keeps; counts and dates stay, so a past scorecard is the
// same; `verify` passes afterwards and still catches a change made behind Clause5's back.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { scorecardReport } from '../../../src/core/scorecard/report';
import type { TestCore } from '../../support/core';
import { button, messageText, press, say } from '../../support/messages';
import { ADA, everyText, MARIA, MARIAS_TEXT, mariasWeek, ORG, PRIYA, QUINN } from './fixture';

let tc: TestCore;
afterEach(() => tc?.cleanup());

const pastWeek = (core: TestCore) => scorecardReport(core.deps, { orgId: ORG, target: 'all', period: '2026-11-23..2026-11-29', format: 'json' });

/** The scorecard's JSON with every list of records sorted by id. */
function byId(json: string): unknown {
  return JSON.parse(json, (_key, value: unknown) =>
    Array.isArray(value) && value.every((v) => v && typeof v === 'object' && 'id' in v)
      ? [...(value as Array<{ id: string }>)].sort((a, b) => String(a.id).localeCompare(String(b.id)))
      : value,
  );
}

async function tamper(core: TestCore, sql: string) {
  const raw = new Database(core.dbPath);
  raw.prepare(sql).run();
  raw.close();
  return core.store.verify(ORG);
}

describe('person erase', () => {
  it('replaces the name and the free text everywhere, the audit log included', async () => {
    tc = await mariasWeek();
    for (const text of MARIAS_TEXT) expect(everyText(tc.dbPath)).toContain(text);
    const summary = await tc.store.privacy.erase(ORG, MARIA, ADA);
    expect(summary.pseudonym).toBe('Erased person 1');
    expect(summary.entries).toBeGreaterThan(5);

    const all = everyText(tc.dbPath);
    for (const text of MARIAS_TEXT) expect(all, text).not.toContain(text);
    expect(all).not.toContain('@maria');
    const maria = (await tc.store.people.get(ORG, MARIA))!;
    expect(maria).toMatchObject({ displayName: 'Erased person 1', handle: null, role: 'leader' });
    // Her own text is erased; her name in others' text becomes the pseudonym; their own words stay.
    const [mine] = await tc.store.walks.list(ORG, MARIA, '2026-W48', '2026-W48');
    expect(mine).toMatchObject({ area: 'Line 2', wentWell: '(erased)', concerns: '(erased)', walkDate: '2026-11-23' });
    const [priyas] = await tc.store.walks.list(ORG, PRIYA, '2026-W48', '2026-W48');
    expect(priyas).toMatchObject({ wentWell: 'Talked with Erased person 1 about torque' });
    const followUps = tc.store.database.sqlite.prepare('SELECT text FROM follow_ups ORDER BY text').all();
    expect(followUps).toEqual([{ text: '(erased)' }, { text: 'Erased person 1 to check the torque tool' }]);
    const wins = await tc.store.wins.recent(ORG, 0, { limit: 10 });
    expect(wins.find((w) => w.postedBy === MARIA)).toMatchObject({ text: '(erased)', metric: '(erased)', people: [PRIYA] });
    expect(wins.find((w) => w.postedBy === PRIYA)).toMatchObject({ text: 'Thanks Erased person 1 and Erased person 1 for the kaizen', people: [MARIA] });
    expect((await tc.store.away.list(ORG, MARIA))[0]).toMatchObject({ reason: '(erased)', fromDate: '2026-12-07' });

    await expect(tc.store.privacy.erase(ORG, MARIA, ADA)).rejects.toThrow('was erased already');
    expect((await tc.store.privacy.erase(ORG, PRIYA, ADA)).pseudonym).toBe('Erased person 2');
  });

  it('leaves a past scorecard as it was, but for the name', async () => {
    tc = await mariasWeek();
    tc.clock.set(Date.parse('2026-12-02T15:00:00Z'));
    const before = await pastWeek(tc);
    expect(before).toContain('Maria Lopez');
    await tc.store.privacy.erase(ORG, MARIA, ADA);
    // Leaders are listed by name, so the pseudonym moves Maria's line: compare in id order.
    expect(byId(await pastWeek(tc))).toEqual(byId(before.replaceAll('Maria Lopez', 'Erased person 1').replace(/"handle": ?"maria"/, '"handle": null')));
  });

  it('keeps the record verifiable, and verify still catches changes made after the erasure', async () => {
    tc = await mariasWeek();
    await tc.store.privacy.erase(ORG, MARIA, ADA);
    const clean = await tc.store.verify(ORG);
    expect(clean.problem).toBeUndefined();
    expect(clean.ok).toBe(true);
    const erasure = tc.store.database.sqlite.prepare("SELECT id, actor_id, after FROM audit_log WHERE entity = 'erasure'").get() as {
      id: number;
      actor_id: string;
      after: string;
    };
    expect(erasure.actor_id).toBe(ADA);
    expect(erasure.after).toContain('"floor_walk":["wentWell","concerns"]');

    const walkText = await tamper(tc, "UPDATE floor_walks SET concerns = 'All fine' WHERE person_id = 'local:maria'");
    expect(walkText.problem).toMatchObject({ where: expect.stringMatching(/^floor_walk \d+$/), reason: expect.stringContaining('changed behind') });
    await tamper(tc, "UPDATE floor_walks SET concerns = '(erased)' WHERE person_id = 'local:maria'");
    expect((await tc.store.verify(ORG)).ok).toBe(true);

    // The erased text put back into the log: the rewritten entry no longer matches the erasure's digests.
    const restored = await tamper(
      tc,
      'UPDATE audit_log SET after = replace(after, \'"concerns":"(erased)"\', \'"concerns":"Guard loose"\') WHERE entity = \'floor_walk\'',
    );
    expect(restored.problem?.reason).toContain(`since the erasure in audit entry ${erasure.id}`);
  });

  it('catches a forged erasure entry and a dropped salt', async () => {
    tc = await mariasWeek();
    await tc.store.privacy.erase(ORG, MARIA, ADA);
    tc.store.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const copy = `${tc.dbPath}.copy`;
    await tc.store.database.sqlite.backup(copy);
    const forged = await tamper(tc, "UPDATE audit_log SET after = replace(after, 'Erased person 1', 'Erased person 9') WHERE entity = 'erasure'");
    expect(forged.ok).toBe(false);
    tc.store.database.sqlite.exec(
      `ATTACH '${copy}' AS good; UPDATE audit_log SET after = (SELECT after FROM good.audit_log g WHERE g.id = audit_log.id) WHERE entity = 'erasure'; DETACH good;`,
    );
    expect((await tc.store.verify(ORG)).ok).toBe(true);
    const noSalt = await tamper(tc, "UPDATE audit_log SET salt = NULL WHERE entity = 'win'");
    expect(noSalt.problem?.reason).toContain('salt is missing');
  });

  it('in chat: admins only, after a confirmation; a quality manager is refused, command and button', async () => {
    tc = await mariasWeek();
    expect(await say(tc, QUINN, 'admin person erase @maria')).toContain('Only an admin can use /clause5 admin person erase');
    const ask = await tc.bot.handleCommand(tc.as(ADA), 'admin person erase @maria');
    expect(messageText(ask.message)).toContain('Erase Maria Lopez?');
    const cancelled = await press(tc, ADA, button(ask.message, 'Cancel'));
    expect(messageText(cancelled.replaceOriginal)).toContain('Not erased');
    const byQuinn = await press(tc, QUINN, button(ask.message, 'Erase'));
    expect(messageText(byQuinn.message)).toContain('Only an admin can use that button');
    expect((await tc.store.people.get(ORG, MARIA))!.displayName).toBe('Maria Lopez');
    const done = await press(tc, ADA, button(ask.message, 'Erase'));
    expect(messageText(done.replaceOriginal)).toContain('Maria Lopez is now “Erased person 1”');
    expect((await tc.store.people.get(ORG, MARIA))!.displayName).toBe('Erased person 1');
    expect(await say(tc, ADA, 'admin person erase @local:maria')).toContain('was erased already');
  });
});
