// `clause5 person export` holds every kind of data about the person; `clause5 person erase` is for
// admins (named with --by), asks for --yes, and leaves a record that `clause5 verify` accepts.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/core';
import { runCliInProcess } from '../cli/support';
import { MARIA, mariasWeek, ORG } from './fixture';

let tc: TestCore;
let env: Record<string, string>;
beforeAll(async () => {
  tc = await mariasWeek();
  tc.store.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  env = { CLAUSE5_DB: tc.dbPath };
});
afterAll(() => tc?.cleanup());

describe('person export', () => {
  it('holds every kind of data about the person', async () => {
    const data = await tc.store.privacy.export(ORG, MARIA, tc.clock.now());
    expect(data.profile).toMatchObject({ id: MARIA, displayName: 'Maria Lopez', handle: 'maria' });
    expect(data.role).toBe('leader');
    expect(data.site).toMatchObject({ name: 'Riverside Plant' });
    expect(data.floorWalkSchedule).toMatchObject({ weekday: 5, time: '14:00' });
    expect(data.meetings).toEqual([expect.objectContaining({ title: 'Plant morning meeting' })]);
    expect(data.meetingAnswers).toEqual([expect.objectContaining({ answer: 'yes', topic: 'Scrap on Line 2 with Priya Nair' })]);
    expect(data.prompts).toEqual([
      expect.objectContaining({ kind: 'floorwalk', answer: 'logged' }),
      expect.objectContaining({ kind: 'custom', answer: '3 of 3 yes' }),
    ]);
    expect(data.customAnswers).toEqual([expect.objectContaining({ note: 'Risk register walked through', items: '["yes","yes","yes"]' })]);
    expect(data.floorWalks).toEqual([expect.objectContaining({ area: 'Line 2', concerns: 'Guard loose', tags: [] })]);
    expect(data.followUpsRaised).toEqual([expect.objectContaining({ text: 'Fix the guard' })]);
    expect(data.followUpsOwned).toEqual([expect.objectContaining({ text: 'Maria Lopez to check the torque tool' })]);
    expect(data.winsGiven).toEqual([expect.objectContaining({ text: 'Scrap down 20 % thanks to Priya Nair', people: ['local:priya'] })]);
    expect(data.winsNamed).toEqual([expect.objectContaining({ text: 'Thanks @maria and Maria Lopez for the kaizen' })]);
    expect(data.awayPeriods).toEqual([expect.objectContaining({ reason: 'Training in Berlin' })]);
    expect(data.auditEntries.length).toBeGreaterThan(5);
    for (const [key, value] of Object.entries(data)) {
      if (Array.isArray(value) && key !== 'teamsLed') expect(value.length, key).toBeGreaterThan(0);
    }
  });

  it('the command line writes it to a private file', async () => {
    const out = join(tc.dir, 'maria.json');
    const run = await runCliInProcess(['person', 'export', '@maria', '--out', out], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ profile: { displayName: 'Maria Lopez' }, floorWalks: [{ concerns: 'Guard loose' }] });
    expect(statSync(out).mode & 0o777).toBe(0o600);
  }, 60_000);
});

describe('person erase on the command line', () => {
  it('is refused for a non-admin, asks for --yes, then erases; verify passes', async () => {
    const byQm = await runCliInProcess(['person', 'erase', '@maria', '--by', '@quinn', '--yes'], env);
    expect(byQm.code).toBe(1);
    expect(byQm.stderr).toContain('Quinn Murphy is not an admin');
    const ask = await runCliInProcess(['person', 'erase', '@maria', '--by', '@ada'], env);
    expect(ask.code).toBe(2);
    expect(ask.stdout).toContain('Run again with --yes');
    expect((await tc.store.people.get(ORG, MARIA))!.displayName).toBe('Maria Lopez');
    const done = await runCliInProcess(['person', 'erase', '@maria', '--by', '@ada', '--yes'], env);
    expect(done.stderr).toBe('');
    expect(done.stdout).toContain('Maria Lopez is now “Erased person 1”');
    expect((await tc.store.people.get(ORG, MARIA))!.displayName).toBe('Erased person 1');
    const verified = await runCliInProcess(['verify'], env);
    expect(verified.stdout).toContain('The record is intact.');
    expect(verified.code).toBe(0);
  }, 180_000);
});
