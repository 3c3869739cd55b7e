// The command-line report (table, CSV, JSON), CSV quoting, and the SQL's use of indexes.
import { afterEach, describe, expect, it } from 'vitest';
import { csvField } from '../../../src/core/scorecard/render-csv';
import { scorecardReport } from '../../../src/core/scorecard/report';
import { zoneWindow } from '../../../src/core/scorecard/period';
import type { SqliteScorecardRepo } from '../../../src/store/sqlite/scorecard';
import { makeTestCore, type TestCore } from '../../support/core';
import { ANN, ORG, seeder, seedPlant } from './fixture';

let core: TestCore;
afterEach(() => core?.cleanup());

/** A strict RFC 4180 reader, to prove the writer round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else (field += c), i++;
    } else if (c === '"') (quoted = true), i++;
    else if (c === ',') row.push(field), (field = ''), i++;
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), (i += 2);
    else (field += c), i++;
  }
  return rows;
}

describe('scorecardReport (command line)', () => {
  it('prints an aligned table with leaders, site totals and the organisation', async () => {
    core = makeTestCore('2026-12-02T15:00:00Z');
    seedPlant(core);
    const table = await scorecardReport(core.deps, { orgId: ORG, target: 'all', period: '2026-11-02..2026-11-29', format: 'table' });
    const lines = table.trimEnd().split('\n');
    expect(lines[0]).toBe('Scorecard for all leaders of Acme Plastics: 2026-11-02 – 2026-11-29, trend against the 28 days before, 2026-10-05 – 2026-11-01');
    const header = lines[3]!;
    const indexColumn = header.indexOf('Index');
    const ann = lines.find((l) => l.startsWith('Ann Lee'))!;
    expect(ann.slice(indexColumn, indexColumn + 2)).toBe('73');
    expect(ann).toContain('7/12 58 %');
    expect(ann).toContain('5 (best 6)');
    expect(lines.find((l) => l.startsWith('Cat Diaz (not reachable)'))).toBeDefined();
    const org = lines.find((l) => l.startsWith('All sites (3)'))!;
    expect(org.slice(indexColumn, indexColumn + 2)).toBe('62');
    expect(org).toContain('▲ +39');
  });

  it('accepts the target as words or as an object, and refuses unknown ones', async () => {
    core = makeTestCore('2026-12-02T15:00:00Z');
    seedPlant(core);
    const period = '2026-11-02..2026-11-29';
    const site = await scorecardReport(core.deps, { orgId: ORG, target: 'site "Chicago Plant"', period, format: 'csv' });
    expect(parseCsv(site).map((r) => r[0])).toEqual(['level', 'leader', 'leader', 'site']);
    const viaObject = await scorecardReport(core.deps, { orgId: ORG, target: { site: 'chicago plant' }, period, format: 'csv' });
    expect(viaObject).toBe(site);
    const json = JSON.parse(await scorecardReport(core.deps, { orgId: ORG, target: { person: '@ann' }, period, format: 'json' }));
    expect(json.leaders).toHaveLength(1);
    expect(json.leaders[0]).toMatchObject({ id: ANN, index: 73, previousIndex: 46, trend: 27, streak: 5, bestStreak: 6 });
    expect(json.leaders[0].percents).toEqual({ meetings: 58, walks: 100, wins: 100, followUps: 50, response: 25 });
    expect(json.org).toBeNull();
    await expect(scorecardReport(core.deps, { orgId: ORG, target: '@nobody', period, format: 'table' })).rejects.toThrow(
      "I don't know anyone called “@nobody”",
    );
    await expect(scorecardReport(core.deps, { orgId: 'slack:T9', period, format: 'table' })).rejects.toThrow('There is no organisation “slack:T9”');
  });

  it('writes RFC 4180 CSV: quotes every text cell and doubles quotes, CRLF, plain numbers, n/a for nothing due', async () => {
    core = makeTestCore('2026-12-02T15:00:00Z');
    const s = seeder(core);
    s.org();
    const site = s.site('Plant "North", Bay 2', 'America/Chicago');
    s.person({ id: 'local:lee', name: 'Lee, Ann', siteId: site, joinedOn: '2026-01-01' });
    s.walk('local:lee', '2026-11-24');
    const csv = await scorecardReport(core.deps, { orgId: ORG, target: 'all', period: 'last-week', format: 'csv' });
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('"leader","Plant ""North"", Bay 2","Lee, Ann","local:lee","2026-11-23","2026-11-29",5,0,0,"n/a",1,1,100,1,1,0,0,0,0,"n/a",0');
    const rows = parseCsv(csv);
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
    expect(rows[1]!.slice(1, 3)).toEqual(['Plant "North", Bay 2', 'Lee, Ann']);
    // Walks 1/1 (30) and wins 0/1 (15): 30 / 45 = 66.67 → 67.
    expect(rows[1]![rows[0]!.indexOf('index')]).toBe('67');
    expect(rows.map((r) => r[0])).toEqual(['level', 'leader', 'site', 'org']);
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(null)).toBe('"n/a"');
    expect(csvField(12.5)).toBe('12.5');
  });
});

describe('the aggregate SQL', () => {
  it('reads the event tables through their indexes, never by scanning them', async () => {
    core = makeTestCore('2026-12-02T15:00:00Z');
    seedPlant(core);
    const repo = core.store.scorecard as SqliteScorecardRepo;
    const now = core.clock.now();
    const period = { from: '2026-11-02', to: '2026-11-29' };
    const plans = repo.explain({
      orgId: ORG,
      scope: { kind: 'all' },
      defaultZone: 'America/Chicago',
      ...period,
      nowMs: now,
      zones: ['America/Chicago', 'Europe/London'].map((z) => zoneWindow(period, z, now, 'America/Chicago')),
    });
    const steps = Object.values(plans).flat();
    // Event tables are aliased mo, w, f, pr, a, c, t (and floor_walks): never a full scan.
    expect(steps.filter((step) => /^SCAN (mo|w|f|pr|a|c|t|floor_walks|wins|prompts|follow_ups|meeting_occurrences)\b/.test(step))).toEqual([]);
    const used = steps.join('\n');
    for (const index of [
      'prompts_person_sent (person_id=? AND sent_at>? AND sent_at<?)',
      'wins_poster (posted_by=? AND posted_at>? AND posted_at<?)',
      'wins_team (team_id=? AND posted_at>? AND posted_at<?)',
      'teams_leader (leader_id=?)',
      'occurrence_person_date (person_id=? AND local_date=?)',
      'walks_person_week (person_id=? AND week_key=?)',
      'followups_owner (owner_id=?)',
      'followups_raiser (raised_by=? AND due_date<?)',
      'away_person (person_id=? AND from_date<?)',
      'site_closures_site (site_id=? AND from_date<?)',
    ]) {
      expect(used).toContain(index);
    }
  });
});
