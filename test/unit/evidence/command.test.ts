// "/clause5 evidence" in chat (the core, as every platform calls it) and `clause5 evidence` on the
// command line: who may ask, what comes back, and bad input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/core/people/demo';
import { makeTestCore, type TestCore } from '../../support/core';
import { runCliInProcess } from '../cli/support';

let tc: TestCore;
beforeAll(async () => {
  tc = makeTestCore('2026-11-30T15:00:00Z');
  await seedDemo(tc.deps);
});
afterAll(() => tc?.cleanup());

describe('evidence in chat', () => {
  it('gives a quality manager the pack as a Markdown file for the period asked', async () => {
    const reply = await tc.bot.handleCommand(tc.as('local:quinn'), 'evidence site "Riverside Plant" last-week');
    expect(reply.message?.attachment?.filename).toBe('evidence-2026-11-23-2026-11-29.md');
    expect(reply.message?.attachment?.content).toMatch(/^# Leadership evidence — .+ — Riverside Plant\n/);
    expect(reply.message?.attachment?.content).toContain('## Integrity of the record');
  });

  it('refuses a leader, and names an unknown site', async () => {
    const leader = await tc.bot.handleCommand(tc.as('local:maria'), 'evidence');
    expect(leader.message?.attachment).toBeUndefined();
    expect(leader.message?.summary).toMatch(/^Only a quality manager or an admin can/);
    const unknown = await tc.bot.handleCommand(tc.as('local:quinn'), 'evidence site Nowhere');
    expect(unknown.message?.summary).toBe("I don't know the site “Nowhere”. Sites: Riverside Plant.");
  });
});

// Two CLI processes (tsx start-up each): on a loaded machine that is more than the default 20 s.
describe('clause5 evidence', { timeout: 90_000 }, () => {
  it('writes the pack in the format asked, and refuses a bad date', async () => {
    tc.store.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const out = join(tc.dir, 'pack.html');
    const ok = await runCliInProcess(['evidence', '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'html', '--out', out], { CLAUSE5_DB: tc.dbPath });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<h2>Evidence by clause (ISO 9001:2015)</h2>');
    const bad = await runCliInProcess(['evidence', '--from', '2026-13-01', '--to', '2026-11-30', '--out', out], { CLAUSE5_DB: tc.dbPath });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('2026-13-01');
  });
});
