// Reading floor walks and follow-ups back (issue 12 §1): "floorwalk show <id>", "floorwalk list all"
// and "followups all" — what they show, who may see them, and bad input.
import { afterEach, describe, expect, it } from 'vitest';
import { writeAudit } from '../../../src/store/sqlite/audit';
import type { TestCore } from '../../support/core';
import { ADMIN, LEADER, MEMBER, ORG, OTHER_LEADER, QM, say, walksCore, ZONE } from './support';

let core: TestCore;
let plant2: number;
afterEach(() => core?.cleanup());

// Tuesday 24 November 2026, 09:00 in Chicago (ISO week 2026-W48).
const START = '2026-11-24T15:00:00Z';

async function setUp() {
  ({ core } = await walksCore(START));
  plant2 = (await core.store.sites.create({ orgId: ORG, name: 'Plant 2', timeZone: ZONE, workDays: [1, 2, 3, 4, 5], winsChannel: null }, null)).id;
  await core.store.people.update(ORG, OTHER_LEADER, { siteId: plant2 }, null);
}

function walk(personId: string, walkDate: string, weekKey: string, area: string, notes: { wentWell?: string; concerns?: string; tags?: string[] } = {}) {
  return {
    orgId: ORG,
    personId,
    area,
    walkDate,
    weekKey,
    wentWell: notes.wentWell ?? null,
    concerns: notes.concerns ?? null,
    tags: notes.tags ?? [],
    source: 'adhoc' as const,
  };
}

async function leeWalkWithActions() {
  return core.store.walks.create(
    walk(LEADER, '2026-11-23', '2026-W48', 'Line 3 assembly', {
      wentWell: 'Aisles clear, 5S boards up to date.',
      concerns: 'Guard on press 4 is loose.\nScrap bin overflowing.',
      tags: ['safety', '5S'],
    }),
    [
      { raisedBy: LEADER, ownerId: MEMBER, text: 'Tighten the press 4 guard', dueDate: '2026-11-30' },
      { raisedBy: LEADER, ownerId: LEADER, text: 'Order a bigger scrap bin', dueDate: '2026-11-23' },
    ],
    LEADER,
  );
}

describe('floorwalk show', () => {
  it('shows the leader everything they wrote: area, date, notes, tags, follow-ups with status, owner and due date, who recorded it', async () => {
    await setUp();
    const { walk: w, followUps } = await leeWalkWithActions();
    await core.store.followUps.close(ORG, followUps[1]!.id, '2026-11-24', LEADER);
    const text = await say(core, LEADER, `floorwalk show ${w.id}`);
    expect(text).toContain(`Floor walk #${w.id} — 2026-11-23`);
    expect(text).toContain('Leader: @local:lee');
    expect(text).toContain('Date: 2026-11-23 (week 2026-W48)');
    expect(text).toContain('Area: Line 3 assembly');
    expect(text).toContain('Tags: #safety #5S');
    expect(text).toContain('What went well\nAisles clear, 5S boards up to date.');
    expect(text).toContain('Concerns\nGuard on press 4 is loose.\nScrap bin overflowing.');
    expect(text).toContain('Follow-up actions (2)');
    expect(text).toContain(`#${followUps[0]!.id} Tighten the press 4 guard — @local:max · due 2026-11-30 · open`);
    expect(text).toContain(`#${followUps[1]!.id} Order a bigger scrap bin — @local:lee · due 2026-11-23 · done 2026-11-24`);
    expect(text).toContain('Recorded by @local:lee on 2026-11-24 09:00 (America/Chicago) · logged without a prompt.');
    expect(text).toContain('Not changed since it was recorded.');
    expect(await say(core, LEADER, `floorwalk show #${w.id}`)).toBe(text);
  });

  it('says who recorded a walk for someone else, and marks an overdue action', async () => {
    await setUp();
    const { walk: w } = await core.store.walks.create(
      walk(LEADER, '2026-11-20', '2026-W47', 'Warehouse'),
      [{ raisedBy: LEADER, ownerId: MEMBER, text: 'Label racks', dueDate: '2026-11-23' }],
      QM,
    );
    const text = await say(core, QM, `floorwalk show ${w.id}`);
    expect(text).toContain('Recorded by @local:quinn for @local:lee');
    expect(text).toContain('What went well\n(nothing written)');
    expect(text).toContain('Tags: none');
    expect(text).toContain('due 2026-11-23 · OVERDUE 1 day');
    expect(text).not.toContain('· open');
  });

  it('says how often the walk was changed since, and who changed it last', async () => {
    await setUp();
    const { walk: w } = await leeWalkWithActions();
    // Correcting a walk is another area's command; its audit rows are what this view reads.
    for (const [actor, at] of [
      [LEADER, '2026-11-24T16:00:00Z'],
      [QM, '2026-11-25T14:30:00Z'],
    ] as const) {
      writeAudit(core.store.database.db, {
        orgId: ORG,
        actor,
        entity: 'floor_walk',
        entityId: w.id,
        action: 'update',
        before: { area: 'x' },
        after: { area: 'y' },
        at: Date.parse(at),
      });
    }
    const text = await say(core, LEADER, `floorwalk show ${w.id}`);
    expect(text).toContain('Changed 2 times since; last by @local:quinn on 2026-11-25 08:30 (America/Chicago).');
    expect(text).not.toContain('Not changed since');
  });

  it('is for the leader, quality managers and admins; other leaders and members are refused', async () => {
    await setUp();
    const { walk: w } = await leeWalkWithActions();
    expect(await say(core, QM, `floorwalk show ${w.id}`)).toContain('Area: Line 3 assembly');
    expect(await say(core, ADMIN, `floorwalk show ${w.id}`)).toContain('Area: Line 3 assembly');
    for (const other of [OTHER_LEADER, MEMBER]) {
      const refused = await say(core, other, `floorwalk show ${w.id}`);
      expect(refused).toBe(`Floor walk #${w.id} is not yours. You can read your own walks; quality managers and admins can read everyone’s.`);
    }
  });

  it('names an unknown or malformed number', async () => {
    await setUp();
    expect(await say(core, LEADER, 'floorwalk show 99')).toBe('There is no floor walk #99. Your walks and their numbers: /clause5 floorwalk list.');
    expect(await say(core, LEADER, 'floorwalk show abc')).toContain('“abc” is not a floor-walk number. Usage: floorwalk show <id>');
    expect(await say(core, LEADER, 'floorwalk show')).toContain('Which floor walk?');
    expect(await say(core, LEADER, 'floorwalk show 1 2')).toContain("I didn't understand “2”");
  });
});

describe('floorwalk list (own)', () => {
  it('shows each walk’s number and the start of its notes', async () => {
    await setUp();
    const long = 'x'.repeat(300);
    const { walk: w } = await core.store.walks.create(
      walk(LEADER, '2026-11-23', '2026-W48', 'Line 3', { wentWell: 'Clean floor', concerns: long }),
      [],
      LEADER,
    );
    const text = await say(core, LEADER, 'floorwalk list');
    expect(text).toContain(`#${w.id} 2026-11-23 (2026-W48) · Line 3 — Went well: Clean floor · Concerns: xxx`);
    const line = text.split('\n').find((l) => l.includes('Line 3'))!;
    expect(line.endsWith('…')).toBe(true);
    expect(line.length).toBeLessThan(180);
    expect(text).toContain('Read one in full with /clause5 floorwalk show <id>.');
  });
});

describe('floorwalk list all', () => {
  async function seed() {
    await core.store.walks.create(walk(LEADER, '2026-11-23', '2026-W48', 'Line 3', { wentWell: 'Tidy' }), [], LEADER);
    await core.store.walks.create(walk(OTHER_LEADER, '2026-11-10', '2026-W46', 'Paint shop', { concerns: 'Fumes' }), [], OTHER_LEADER);
    await core.store.walks.create(walk(LEADER, '2026-10-15', '2026-W42', 'Warehouse'), [], LEADER);
  }

  it('lists every leader’s walks this month, newest first, with who walked and a preview', async () => {
    await setUp();
    await seed();
    const text = await say(core, QM, 'floorwalk list all');
    expect(text).toContain('Floor walks, November 2026');
    expect(text).toContain('2 floor walks between 2026-11-01 and 2026-11-30, newest first:');
    expect(text).toContain('2026-11-23 (2026-W48) · @local:lee · Line 3 — Went well: Tidy');
    expect(text).toContain('2026-11-10 (2026-W46) · @local:lou · Paint shop — Concerns: Fumes');
    expect(text.indexOf('Line 3')).toBeLessThan(text.indexOf('Paint shop'));
    expect(text).not.toContain('Warehouse');
    expect(text).toContain('Showing 1–2 of 2 floor walks.');
  });

  it('narrows to a site and takes the scorecard’s periods', async () => {
    await setUp();
    await seed();
    const site = await say(core, ADMIN, 'floorwalk list all site "plant 2" 2026-11');
    expect(site).toContain('Floor walks at Plant 2, November 2026');
    expect(site).toContain('Paint shop');
    expect(site).not.toContain('Line 3');
    const quarter = await say(core, QM, 'floorwalk list all 2026-10-01..2026-11-30');
    expect(quarter).toContain('3 floor walks between 2026-10-01 and 2026-11-30');
    expect(await say(core, QM, 'floorwalk list all last-week')).toBe('Floor walks, week 2026-W47: none logged between 2026-11-16 and 2026-11-22.');
  });

  it('refuses leaders and members, and names a bad period or an unknown site', async () => {
    await setUp();
    expect(await say(core, LEADER, 'floorwalk list all')).toBe('Only a quality manager or an admin can use /clause5 floorwalk list all. Your role is leader.');
    expect(await say(core, MEMBER, 'floorwalk list all')).toContain('Your role is member.');
    expect(await say(core, QM, 'floorwalk list all fortnight')).toContain("I don't understand the period “fortnight”");
    expect(await say(core, QM, 'floorwalk list all 2026-12-30..2026-12-01')).toContain('ends before it starts');
    expect(await say(core, QM, 'floorwalk list all site Nowhere')).toBe("I don't know the site “Nowhere”. Sites: Plant 1, Plant 2.");
    expect(await say(core, QM, 'floorwalk list all site')).toContain('Name the site after “site”');
  });
});

describe('followups all', () => {
  async function seed() {
    await say(core, LEADER, 'followup add @max 2026-11-30 Fix guard'); // #1, Plant 1
    await say(core, OTHER_LEADER, 'followup add @lou 2026-11-24 Sweep aisle'); // #2, Plant 2
    await say(core, QM, 'followup add @quinn 2026-12-10 Audit gauges'); // #3, Plant 1
    await say(core, LEADER, 'followup add @lee 2026-11-25 Check gauges'); // #4, closed below
    await say(core, LEADER, 'followup done 4');
    core.clock.set(Date.parse('2026-11-26T15:00:00Z')); // #2 is two days overdue
  }

  it('lists open ones by default, overdue and closed on request, with owner, due date and who raised them', async () => {
    await setUp();
    await seed();
    const open = await say(core, QM, 'followups all');
    expect(open).toContain('Open follow-ups');
    expect(open).toContain('#2 Sweep aisle — @local:lou · due 2026-11-24 · OVERDUE 2 days · raised by @local:lou');
    expect(open).toContain('Showing 1–3 of 3 follow-ups.');
    const overdue = await say(core, QM, 'followups all overdue');
    expect(overdue).toContain('Overdue follow-ups');
    expect(overdue).toContain('#2 Sweep aisle');
    expect(overdue).not.toContain('#1 ');
    const closed = await say(core, ADMIN, 'followups all closed');
    expect(closed).toContain('Closed follow-ups');
    expect(closed).toContain('#4 Check gauges — @local:lee · due 2026-11-25 · done 2026-11-24 · raised by @local:lee');
    expect(closed).toContain('Showing 1–1 of 1 follow-up.');
  });

  it('narrows to a site (owner or raiser there) and to the period the actions were raised in', async () => {
    await setUp();
    await seed();
    const plant2Open = await say(core, QM, 'followups all site "Plant 2" open');
    expect(plant2Open).toContain('Open follow-ups at Plant 2');
    expect(plant2Open).toContain('#2 Sweep aisle');
    expect(plant2Open).not.toContain('#1 ');
    await say(core, QM, 'followup add @max 2026-12-04 Label racks'); // #5, raised on the 26th
    const raised = await say(core, QM, 'followups all 2026-11-26..2026-11-26');
    expect(raised).toContain('Open follow-ups, raised 2026-11-26..2026-11-26');
    expect(raised).toContain('#5 Label racks');
    expect(raised).not.toContain('#1 ');
    expect(await say(core, QM, 'followups all closed last-month')).toBe('Closed follow-ups, raised October 2026: none.');
  });

  it('judges overdue in each owner’s zone', async () => {
    await setUp();
    await core.store.people.update(ORG, MEMBER, { timeZone: 'Asia/Tokyo' }, null);
    await say(core, LEADER, 'followup add @max 2026-11-24 Fix guard');
    await say(core, LEADER, 'followup add @lou 2026-11-24 Sweep aisle');
    core.clock.set(Date.parse('2026-11-25T04:00:00Z')); // still the 24th in Chicago, already the 25th in Tokyo
    const overdue = await say(core, QM, 'followups all overdue');
    expect(overdue).toContain('#1 Fix guard — @local:max · due 2026-11-24 · OVERDUE 1 day');
    expect(overdue).not.toContain('Sweep aisle');
    core.clock.set(Date.parse('2026-11-30T04:00:00Z')); // long overdue for both: counted in SQL
    expect(await say(core, QM, 'followups all overdue')).toContain('Showing 1–2 of 2 follow-ups.');
  });

  it('refuses leaders and members, and names bad words', async () => {
    await setUp();
    expect(await say(core, LEADER, 'followups all')).toBe('Only a quality manager or an admin can use /clause5 followups all. Your role is leader.');
    expect(await say(core, QM, 'followups all open closed')).toContain('Pick one of open, overdue or closed.');
    expect(await say(core, QM, 'followups all later')).toContain("I don't understand the period “later”");
    expect(await say(core, QM, 'followups all site Atlantis')).toBe("I don't know the site “Atlantis”. Sites: Plant 1, Plant 2.");
    expect(await say(core, QM, 'followups all page 0')).toBe('“0” is not a page number — use 1, 2, 3 …');
  });
});

describe('help', () => {
  it('lists the read-back commands each role may use', async () => {
    await setUp();
    const manager = await say(core, QM, 'help');
    expect(manager).toContain('/clause5 floorwalk show <id>');
    expect(manager).toContain('/clause5 floorwalk list all [site "<name>"] [period] [page <n>]');
    expect(manager).toContain('/clause5 followups all [site "<name>"] [open|overdue|closed] [period] [page <n>]');
    expect(manager).toContain('/clause5 wins [site "<name>"] [period] [page <n>]');
    const leader = await say(core, LEADER, 'help floorwalk');
    expect(leader).toContain('/clause5 floorwalk show <id>');
    expect(leader).not.toContain('floorwalk list all');
    expect(await say(core, LEADER, 'help')).not.toContain('followups all');
  });
});
