// Issue 10 item 3: corrections with history. A win, a floor walk, a meeting answer and a follow-up
// can be corrected or withdrawn by their author/subject, a quality manager or an admin; nothing is
// overwritten (history <kind> <id> shows every version with who/when/why), the scorecard counts the
// current version, a withdrawn win's channel post is updated (not deleted), the evidence pack lists
// the corrections, and `verify` passes after them and still catches tampering.
import { afterEach, describe, expect, it } from 'vitest';
import { buildEvidencePack } from '../../../src/core/evidence/pack';
import { packSections } from '../../../src/core/evidence/sections';
import { coreModules } from '../../../src/core/modules';
import { parsePeriod } from '../../../src/core/scorecard/period';
import { createScheduler } from '../../../src/scheduler/scheduler';
import { writeAudit } from '../../../src/store/sqlite/audit';
import { ADMIN, LEADER, MEMBER, ORG, OTHER_LEADER, QM, seedCast } from '../../support/cast';
import { makeTestCore, type TestCore } from '../../support/core';
import { messageText, replyText } from '../../support/messages';

const ZONE = 'America/Chicago';
// Week 2026-W48: Monday 23 – Sunday 29 November 2026 (Chicago is UTC−6). The next Monday is the 30th.
const MONDAY_0900 = '2026-11-23T15:00:00Z';
const NEXT_MONDAY = Date.parse('2026-11-30T15:00:00Z');
let core: TestCore;
afterEach(() => core?.cleanup());

async function plant() {
  core = makeTestCore(MONDAY_0900, { defaultTimeZone: ZONE });
  await seedCast(core);
  const site = await core.store.sites.create({ orgId: ORG, name: 'Plant 1', timeZone: ZONE, workDays: [1, 2, 3, 4, 5], winsChannel: '#wins' }, null);
  await seedCast(core, { siteId: site.id });
  const scheduler = createScheduler({ deps: core.deps, modules: coreModules, owner: 'test' });
  const say = async (who: string, text: string) => replyText(await core.bot.handleCommand(core.as(who), text));
  const lastWeek = () => say(QM, 'scorecard @lee last-week');
  return { say, drain: () => scheduler.drain(core.clock.now()), lastWeek };
}

/** Lee logs a walk through the form, as from the floor. */
async function logWalk(area: string, date: string) {
  const opened = await core.bot.handleCommand(core.as(LEADER), 'floorwalk');
  return replyText(await core.bot.handleFormSubmit(core.as(LEADER), 'floorwalk.log', { area, date, concerns: 'Guard loose' }, opened.openForm!.state));
}

describe('corrections with history', () => {
  it('a win is edited and withdrawn: history keeps every version, the scorecard stops counting it, the channel post is updated', async () => {
    const { say, drain, lastWeek } = await plant();
    await say(LEADER, 'win @lou cut scrap by twelve percent on line three');
    await drain();
    expect(core.local.inbox('#wins')).toHaveLength(1);
    core.clock.set(NEXT_MONDAY);
    expect(await lastWeek()).toContain('Wins recognised: 1');

    expect(await say(QM, 'win edit 1 cut scrap by 12 % on line 3')).toContain('Win #1 now reads: cut scrap by 12 % on line 3');
    expect(messageText(core.local.inbox('#wins')[0]!.message)).toContain('cut scrap by 12 % on line 3');
    expect(await say(LEADER, 'win withdraw 1')).toContain('Say why');
    expect(await say(LEADER, 'win withdraw 1 posted for the wrong team')).toContain('Win #1 is withdrawn (“posted for the wrong team”)');

    const posts = core.local.inbox('#wins');
    expect(posts).toHaveLength(1); // updated in place, not deleted and not posted again
    expect(posts[0]!.updatedAt).toBe(NEXT_MONDAY);
    expect(messageText(posts[0]!.message)).toContain('Withdrawn by Lee: posted for the wrong team');
    expect(await lastWeek()).toContain('Wins recognised: 0');
    expect(await say(QM, 'wins month')).not.toContain('scrap');
    expect(await say(QM, 'win edit 1 something else entirely')).toContain('Win #1 was already withdrawn (“posted for the wrong team”)');

    const history = await say(QM, 'history win 1');
    expect(history).toContain('v1 · Mon 23 Nov 09:00 · recorded by @local:lee — “cut scrap by twelve percent on line three”');
    expect(history).toContain(
      'v2 · Mon 30 Nov 09:00 · edited by @local:quinn — text: “cut scrap by twelve percent on line three” → “cut scrap by 12 % on line 3”',
    );
    expect(history).toContain('v3 · Mon 30 Nov 09:00 · withdrawn by @local:lee — why: posted for the wrong team (current)');
    expect((await core.store.wins.get(ORG, 1))!.text).toBe('cut scrap by 12 % on line 3');
  });

  it('a win withdrawn before its celebration went out is never posted', async () => {
    const { say, drain } = await plant();
    await say(LEADER, 'win @lou cut scrap by twelve percent on line three');
    await say(LEADER, 'win withdraw 1 posted for the wrong team');
    await drain();
    expect(core.local.inbox('#wins')).toEqual([]);
    expect(await core.store.deliveries.getByKey('win_post:1')).toMatchObject({ status: 'skipped' });
  });

  it('a floor walk is corrected through the prefilled form and withdrawn; its week stops counting it', async () => {
    const { say, lastWeek } = await plant();
    expect(await logWalk('Line 2', '2026-11-23')).toContain('Floor walk logged');
    core.clock.set(NEXT_MONDAY);
    expect(await lastWeek()).toContain('Floor walks: 1/1 weeks (100 %)');

    const opened = await core.bot.handleCommand(core.as(QM), 'floorwalk edit 1');
    const initial = Object.fromEntries(opened.openForm!.fields.map((f) => [f.id, f.initial]));
    expect(initial).toMatchObject({ area: 'Line 2', date: '2026-11-23', concerns: 'Guard loose' });
    const saved = await core.bot.handleFormSubmit(
      core.as(QM),
      opened.openForm!.id,
      { area: 'Line 4', date: '2026-11-23', concerns: 'Guard loose' },
      opened.openForm!.state,
    );
    expect(replyText(saved)).toContain('Floor walk #1 corrected: Line 4 on 2026-11-23');
    expect(await say(QM, 'history floorwalk 1')).toContain('edited by @local:quinn — area: “Line 2” → “Line 4” (current)');

    expect(await say(LEADER, 'floorwalk withdraw 1 logged the wrong week')).toContain('no longer counts for 2026-W48');
    expect(await lastWeek()).toContain('Floor walks: 0/1 weeks (0 %)');
    expect(await core.store.walks.hasWalkInWeek(ORG, LEADER, '2026-W48')).toBe(false);
    expect(await say(LEADER, 'floorwalk list quarter')).toMatch(
      /#1 2026-11-23 \(2026-W48\) · Line 4 — Concerns: Guard loose · WITHDRAWN \(logged the wrong week\)/,
    );
    const history = await say(LEADER, 'history floorwalk 1');
    expect(history).toContain('v1 · Mon 23 Nov 09:00 · recorded by @local:lee — “Line 2”');
    expect(history).toContain('v3 · Mon 30 Nov 09:00 · withdrawn by @local:lee — why: logged the wrong week (current)');
    expect(await say(QM, 'floorwalk edit 1')).toContain('Floor walk #1 was already withdrawn');
  });

  it('a meeting answer is replaced with history within 7 days of the meeting, and refused after', async () => {
    const { say } = await plant();
    await say(LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    core.clock.set(Date.parse('2026-11-25T15:00:00Z')); // Wednesday 09:00
    expect(await say(LEADER, 'meeting answer 1 no 2026-11-24')).toContain('Recorded No for Line 3 daily on Tue 24 Nov 07:30');
    expect(await say(LEADER, 'meeting answer 1 yes 2026-11-24')).toContain('Recorded Yes (was No; the earlier answer stays in history meeting answer 1)');
    const answers = await say(LEADER, 'meeting answers 1');
    expect(answers).toContain('#1 Tue 24 Nov 07:30 · Yes');
    const history = await say(LEADER, 'history meeting answer 1');
    expect(history).toContain('v1 · Wed 25 Nov 09:00 · answered by @local:lee — answer: — → “no”');
    expect(history).toContain('v2 · Wed 25 Nov 09:00 · answer corrected by @local:lee — answer: “no” → “yes” (current)');

    core.clock.set(Date.parse('2026-12-01T14:00:00Z')); // Tuesday 1 December 08:00: 7 days and 30 min after
    expect(await say(QM, 'meeting answer 1 no 2026-11-24')).toContain('is more than 7 days ago: its answer can no longer be changed');
    expect((await core.store.meetings.getOccurrence(ORG, 1))!.answer).toBe('yes');
  });

  it('only the author or subject, a quality manager or an admin may correct; others are told who may', async () => {
    const { say, drain } = await plant();
    await say(LEADER, 'win @lou cut scrap by twelve percent on line three');
    await drain();
    await logWalk('Line 2', '2026-11-23');
    for (const who of [OTHER_LEADER, MEMBER]) {
      expect(await say(who, 'win withdraw 1 not true')).toContain('Only the person who recorded win #1, a quality manager or an admin can change it');
      expect(await say(who, 'floorwalk withdraw 1 not true')).toContain(
        'Only the person who recorded floor walk #1, a quality manager or an admin can change it',
      );
      expect(await say(who, 'history floorwalk 1')).toContain('is for the people it is about, quality managers and admins');
    }
    expect(await say(ADMIN, 'floorwalk withdraw 1 duplicate of a paper record')).toContain('is withdrawn');
    expect((await core.store.wins.get(ORG, 1))!.withdrawnAt).toBeNull();
  });

  it('follow-up changes keep their history', async () => {
    const { say } = await plant();
    await say(LEADER, 'followup add @lou 2026-11-27 Fix the guard on press 4');
    await say(QM, 'followup due 1 2026-11-30');
    await say(OTHER_LEADER, 'followup done 1');
    const history = await say(LEADER, 'history followup 1');
    expect(history).toContain('v1 · Mon 23 Nov 09:00 · recorded by @local:lee — “Fix the guard on press 4” · “2026-11-27”');
    expect(history).toContain('v2 · Mon 23 Nov 09:00 · due date moved by @local:quinn — due date: “2026-11-27” → “2026-11-30”');
    expect(history).toContain('v3 · Mon 23 Nov 09:00 · closed by @local:lou — status: “open” → “done”; closed on: — → “2026-11-23” (current)');
  });

  it('the evidence pack lists each correction (what, who, when, why); verify passes after them and still catches tampering', async () => {
    const { say, drain } = await plant();
    await say(LEADER, 'win @lou cut scrap by twelve percent on line three');
    await drain();
    await logWalk('Line 2', '2026-11-23');
    await say(QM, 'win edit 1 cut scrap by 12 % on line 3');
    await say(LEADER, 'win withdraw 1 posted for the wrong team');
    await say(QM, 'floorwalk withdraw 1 logged the wrong week');
    await say(LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    core.clock.set(Date.parse('2026-11-24T15:00:00Z'));
    await say(LEADER, 'meeting answer 1 no');
    await say(QM, 'meeting answer 1 yes');

    const pack = await buildEvidencePack(core.deps, { orgId: ORG, period: parsePeriod('2026-W48', '2026-11-30'), generatedBy: 'Quinn', zone: ZONE });
    const corrections = packSections(pack).find((s) => s.title === 'Corrections in the period')!.table!;
    const row = (record: string, change: string) => corrections.rows.find((r) => r[2] === record && r[3] === change)?.slice(0, 6);
    expect(row('win 1', 'edited')).toEqual([
      '2026-11-23 15:00',
      'Quinn',
      'win 1',
      'edited',
      '',
      'text: “cut scrap by twelve percent on line three” → “cut scrap by 12 % on line 3”',
    ]);
    expect(row('win 1', 'withdrawn')).toEqual(['2026-11-23 15:00', 'Lee', 'win 1', 'withdrawn', 'posted for the wrong team', '']);
    expect(row('floor_walk 1', 'withdrawn')).toEqual(['2026-11-23 15:00', 'Quinn', 'floor_walk 1', 'withdrawn', 'logged the wrong week', '']);
    expect(row('meeting_occurrence 1', 'answer corrected')).toEqual([
      '2026-11-24 15:00',
      'Quinn',
      'meeting_occurrence 1',
      'answer corrected',
      '',
      'answer: “no” → “yes”',
    ]);
    expect(corrections.rows.map((r) => r[3])).not.toContain('answered'); // a first answer is not a correction
    expect(pack.clauses.flatMap((c) => c.examples).join('\n')).not.toMatch(/scrap|walked/); // withdrawn: no longer evidence

    expect(await core.store.verify(ORG)).toMatchObject({ ok: true });
    const sqlite = core.store.database.sqlite;
    sqlite.prepare('UPDATE wins SET withdrawn_at = NULL, withdrawn_reason = NULL WHERE id = 1').run();
    expect((await core.store.verify(ORG)).problem).toMatchObject({
      where: 'win 1',
      reason: expect.stringContaining('differs from its last recorded version'),
    });
    sqlite.prepare("UPDATE wins SET withdrawn_at = 1, withdrawn_reason = 'posted for the wrong team' WHERE id = 1").run();
    expect((await core.store.verify(ORG)).problem).toMatchObject({ where: 'win 1' });
  });

  it('a win recorded before corrections existed (its audit entry names no recorded_by or withdrawal) still verifies, and its withdrawal too', async () => {
    const { say } = await plant();
    const { db, sqlite } = core.store.database;
    // As an earlier version wrote it: the row and its audited creation, without the columns added since.
    const old = {
      id: 1,
      orgId: ORG,
      siteId: null,
      teamId: null,
      postedBy: LEADER,
      text: 'zero defects shipped this week',
      tags: [],
      metric: null,
      postedAt: core.clock.now(),
      people: [],
      sourceRef: null,
    };
    db.transaction((tx) => {
      sqlite.prepare("INSERT INTO wins (id, org_id, posted_by, text, tags, posted_at) VALUES (1, 'local', ?, ?, '[]', ?)").run(LEADER, old.text, old.postedAt);
      writeAudit(tx, { orgId: ORG, actor: LEADER, entity: 'win', entityId: 1, action: 'create', after: old, at: old.postedAt });
    });
    expect(await core.store.verify(ORG)).toMatchObject({ ok: true });
    expect(await say(LEADER, 'win withdraw 1 counted twice')).toContain('Win #1 is withdrawn');
    expect(await core.store.verify(ORG)).toMatchObject({ ok: true });
  });
});
