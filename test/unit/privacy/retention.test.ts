// Retention: an admin sets how long each kind of record is kept; the first scheduler pass of a day
// removes the older rows of that kind only, blanks what the audit log kept of them and appends one
// chained entry listing them — after which `verify` passes and still catches tampering.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { coreModules } from '../../../src/core/modules';
import { createScheduler } from '../../../src/scheduler/scheduler';
import type { TestCore } from '../../support/core';
import { replyText } from '../../support/messages';
import { ADA, everyText, MARIA, mariasWeek, ORG, PRIYA, QUINN } from './fixture';

let tc: TestCore;
afterEach(() => tc?.cleanup());

const say = async (who: string, text: string) => replyText(await tc.bot.handleCommand(tc.as(who), text));
const count = (sql: string) => (tc.store.database.sqlite.prepare(sql).get() as { n: number }).n;

/** Maria's week of 2026, plus a walk and a win in June 2027 and a 2026 walk whose follow-up is still open. */
async function twoYears() {
  tc = await mariasWeek();
  await tc.store.walks.create(
    {
      orgId: ORG,
      personId: PRIYA,
      area: 'Paint shop',
      walkDate: '2026-11-25',
      weekKey: '2026-W48',
      wentWell: null,
      concerns: 'Fumes',
      tags: [],
      source: 'adhoc',
    },
    [{ raisedBy: PRIYA, ownerId: MARIA, text: 'Check the extraction', dueDate: '2026-12-04' }],
    PRIYA,
  );
  tc.clock.set(Date.parse('2027-06-01T15:00:00Z'));
  await tc.store.walks.create(
    {
      orgId: ORG,
      personId: MARIA,
      area: 'Line 4',
      walkDate: '2027-06-01',
      weekKey: '2027-W22',
      wentWell: 'Kept walk',
      concerns: null,
      tags: [],
      source: 'adhoc',
    },
    [],
    MARIA,
  );
  await tc.store.wins.create(
    { orgId: ORG, siteId: null, teamId: null, postedBy: PRIYA, text: 'A win of 2027 that stays', tags: [], metric: null, postedAt: tc.clock.now(), people: [] },
    PRIYA,
  );
}

async function passAt(iso: string) {
  tc.clock.set(Date.parse(iso));
  await createScheduler({ deps: tc.deps, modules: coreModules, owner: 'test' }).runPass(tc.clock.now());
}

describe('retention', () => {
  it('only admins set it; admin retention shows the settings', async () => {
    await twoYears();
    expect(await say(QUINN, 'admin retention walks 1y')).toContain('Only an admin can use /clause5 admin retention');
    expect((await tc.store.orgs.get(ORG))!.settings.retention).toBeUndefined();
    expect(await say(ADA, 'admin retention walks 3d')).toContain('too short');
    expect(await say(ADA, 'admin retention audit 3y')).toContain('not a kind of record');
    expect(await say(ADA, 'admin retention walks 1y')).toContain('older than 1y, will be removed');
    const shown = await say(ADA, 'admin retention');
    expect(shown).toContain('walks: removed after 1y');
    expect(shown).toContain('wins: kept');
    expect(await say(ADA, 'admin retention walks keep')).toContain('kept');
    expect((await tc.store.orgs.get(ORG))!.settings.retention).toEqual({});
  });

  it('removes only the older rows of that kind, once a day, and verify passes afterwards', async () => {
    await twoYears();
    await say(ADA, 'admin retention walks 1y');
    const winsBefore = count('SELECT count(*) AS n FROM wins');
    await passAt('2027-12-01T10:00:00Z');

    const walks = tc.store.database.sqlite.prepare('SELECT area FROM floor_walks ORDER BY walk_date').all();
    // 2026's walks go with their follow-ups; the one with an open follow-up stays, as does 2027's.
    expect(walks).toEqual([{ area: 'Paint shop' }, { area: 'Line 4' }]);
    expect(tc.store.database.sqlite.prepare('SELECT text FROM follow_ups').all()).toEqual([{ text: 'Check the extraction' }]);
    expect(count('SELECT count(*) AS n FROM wins')).toBe(winsBefore);
    // What the log kept of the removed walks is gone too; the entry lists them.
    const text = everyText(tc.dbPath);
    for (const gone of ['Guard loose', 'Talked with Maria Lopez about torque', 'Fix the guard']) expect(text).not.toContain(gone);
    const entry = tc.store.database.sqlite.prepare("SELECT entity_id, action, after FROM audit_log WHERE entity = 'retention'").all() as Array<{
      entity_id: string;
      after: string;
    }>;
    expect(entry).toHaveLength(1);
    expect(JSON.parse(entry[0]!.after)).toMatchObject({
      kind: 'walks',
      setting: '1y',
      removed: { floor_walk: expect.any(Array), follow_up: expect.any(Array) },
    });
    expect(JSON.parse(entry[0]!.after).removed.floor_walk).toHaveLength(2);

    const verified = await tc.store.verify(ORG);
    expect(verified.problem).toBeUndefined();
    await passAt('2027-12-01T18:00:00Z');
    expect(count("SELECT count(*) AS n FROM audit_log WHERE entity = 'retention'")).toBe(1);
  });

  it('each kind removes its own rows; verify passes; tampering after the run is still caught', async () => {
    await twoYears();
    for (const kind of ['prompts', 'followups', 'wins', 'answers']) await say(ADA, `admin retention ${kind} 1y`);
    const walksBefore = count('SELECT count(*) AS n FROM floor_walks');
    await passAt('2027-12-01T10:00:00Z');
    expect(count('SELECT count(*) AS n FROM floor_walks')).toBe(walksBefore);
    expect(tc.store.database.sqlite.prepare('SELECT text FROM wins').all()).toEqual([{ text: 'A win of 2027 that stays' }]);
    expect(tc.store.database.sqlite.prepare('SELECT text FROM follow_ups').all()).toEqual([{ text: 'Check the extraction' }]);
    expect(count('SELECT count(*) AS n FROM meeting_occurrences WHERE starts_at < 1764547200000')).toBe(0);
    expect(count('SELECT count(*) AS n FROM prompts WHERE sent_at < 1764547200000')).toBe(0);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE entity = 'retention'")).toBe(4);
    expect((await tc.store.verify(ORG)).ok).toBe(true);

    const raw = new Database(tc.dbPath);
    raw
      .prepare(
        "UPDATE audit_log SET after = '{\"text\":\"Scrap down 20 %\"}' WHERE entity = 'win' AND after IS NULL AND id = (SELECT min(id) FROM audit_log WHERE entity = 'win')",
      )
      .run();
    raw.close();
    expect((await tc.store.verify(ORG)).problem?.reason).toContain('should have been blanked by the retention run');
  });

  it('a walk removed behind Clause5’s back is still caught after a retention run', async () => {
    await twoYears();
    await say(ADA, 'admin retention walks 1y');
    await passAt('2027-12-01T10:00:00Z');
    const raw = new Database(tc.dbPath);
    raw.prepare("DELETE FROM floor_walks WHERE area = 'Line 4'").run();
    raw.close();
    const result = await tc.store.verify(ORG);
    expect(result.problem).toMatchObject({ where: expect.stringMatching(/^floor_walk \d+$/), reason: expect.stringContaining('deleted behind') });
  });

  it('an erasure before and after a retention run: verify passes each time', async () => {
    await twoYears();
    await tc.store.privacy.erase(ORG, MARIA, ADA);
    for (const kind of ['walks', 'wins']) await say(ADA, `admin retention ${kind} 1y`);
    await passAt('2027-12-01T10:00:00Z');
    expect((await tc.store.verify(ORG)).problem).toBeUndefined();
    await tc.store.privacy.erase(ORG, PRIYA, ADA);
    expect((await tc.store.verify(ORG)).problem).toBeUndefined();
    expect(tc.store.database.sqlite.prepare('SELECT text FROM follow_ups').all()).toEqual([{ text: '(erased)' }]);
  });
});
