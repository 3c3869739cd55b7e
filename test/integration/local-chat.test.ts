// Local mode end to end: the composition root's runtime (real SQLite file, every core area, the
// real scheduler), the demo plant, and the terminal chat driven line by line.
import { PNG } from 'pngjs';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { MovableClock } from '../../src/core/clock';
import { silentLogger } from '../../src/core/ports';
import { buildRuntime, seedDemoIfEmpty, type Runtime } from '../../src/main';
import { LocalChat } from '../../src/platforms/local/chat';
import type { SqliteStore } from '../../src/store/sqlite';
import { tempDir } from '../support/core';

// Monday 2 March 2026, 06:00 in Chicago (the demo plant's zone).
const START = Date.parse('2026-03-02T12:00:00Z');

let dir: string;
let runtime: Runtime | undefined;
// This runtime opens CLAUSE5_DB (no CLAUSE5_DATABASE_URL): its store is SQLite's, read here directly.
const sqliteOf = (r: Runtime | undefined) => (r!.store as SqliteStore).database.sqlite;
afterEach(async () => {
  await runtime?.scheduler.stop();
  await runtime?.close();
  runtime = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function localMode() {
  dir = tempDir('clause5-local-');
  const config = loadConfig({ NODE_ENV: 'test', CLAUSE5_DB: join(dir, 'clause5.db'), CLAUSE5_DEFAULT_TZ: 'America/Chicago', CLAUSE5_LOCAL_CHAT: 'off' });
  runtime = await buildRuntime(config, { log: silentLogger, clock: new MovableClock(START), platforms: false });
  const seeded = await seedDemoIfEmpty(runtime);
  expect(seeded?.notes).toEqual([]);
  const { core, store, local, clock, scheduler } = runtime;
  // As serve's ticker does at start: send what seeding queued (the demo wins).
  await scheduler.drain(START);
  const chat = new LocalChat({
    bot: core.bot,
    store,
    local,
    clock,
    tick: (now) => scheduler.tick(now),
    drain: (now) => scheduler.drain(now),
    attachmentsDir: join(dir, 'attachments'),
  });
  const greeting = await chat.start();
  return { chat, greeting, runtime };
}

/** The number of the message shown as '#n to <who> (DM) …' whose first line contains `heading`. */
function seqOf(lines: string[], who: string, heading: string): number {
  for (let i = 0; i < lines.length - 1; i++) {
    const m = new RegExp(`^#(\\d+) to ${who} \\(DM\\)`).exec(lines[i]!);
    if (m && lines[i + 1]!.includes(heading)) return Number(m[1]);
  }
  throw new Error(`no “${heading}” to ${who} in:\n${lines.join('\n')}`);
}

describe('local mode chat on the demo plant', () => {
  it('adds a meeting as Maria, fast-forwards a day, shows the reminder and the check, and records the answer', async () => {
    const { chat, greeting, runtime } = await localMode();
    expect(greeting.join('\n')).toContain('Sent before you joined:');
    expect(greeting.join('\n')).toContain('in #riverside-wins');
    expect(greeting.join('\n')).toContain('You are Ada Brooks (@ada, admin)');

    expect(await chat.input('/as maria')).toEqual(['You are now Maria Lopez (@maria, leader).']);
    const added = await chat.input('meeting add "Line 3 daily" weekdays 09:00');
    expect(added.join('\n')).toContain('Line 3 daily');

    const day = await chat.input('/clock +1d');
    const reminder = seqOf(day, 'Maria Lopez', 'Open Line 3 daily with a quality update');
    const check = seqOf(day, 'Maria Lopez', 'Did you open Line 3 daily with a quality update?');
    expect(check).toBeGreaterThan(reminder);
    expect(day).toContain(`#${reminder} to Maria Lopez (DM) · Mon 2026-03-02 08:50 America/Chicago`);
    expect(day).toContain(`  [${check}.1 Yes] [${check}.2 No] [${check}.3 Meeting cancelled]`);
    // Other leaders' prompts of the day arrive too, in time order.
    expect(day.join('\n')).toContain('to Dev Patel (DM)');
    expect(day[day.length - 1]).toMatch(/^Clock moved to Tue 2026-03-03 06:00 America\/Chicago; \d+ messages? on the way\.$/);

    const pressed = await chat.input(`${check}.2`);
    expect(pressed.join('\n')).toContain('(you pressed “No”)');
    expect(pressed.join('\n')).toContain(`#${check} to Maria Lopez (DM)`);
    const meeting = (await runtime.store.meetings.list('local', 'local:maria')).find((m) => m.title === 'Line 3 daily')!;
    const occurrence = await runtime.store.meetings.findOccurrence('local', meeting.id, '2026-03-02T09:00');
    expect(occurrence).toMatchObject({ answer: 'no', answeredBy: 'local:maria' });
    const prompt = await runtime.store.prompts.find('local', 'local:maria', 'meeting_check', `occurrence:${occurrence!.id}`);
    expect(prompt).toMatchObject({ status: 'answered', answer: 'no' });
  });

  it('logs a floor walk through the form, re-asking a bad date and the fields the core refused', async () => {
    const { chat, runtime } = await localMode();
    await chat.input('/as maria');
    const opened = await chat.input('floorwalk');
    expect(opened).toContain('== Log a floor walk ==');
    expect(opened.join('\n')).toContain('[1/14] Area (required, text)');
    await chat.input('Line 3 assembly');
    const badDate = await chat.input('2026-02-30');
    expect(badDate[0]).toBe('“2026-02-30” is not a date. Write it as YYYY-MM-DD (or today / yesterday).');
    expect(badDate[1]).toContain('Date of the walk');
    expect(badDate).toContain('  Enter keeps: 2026-03-02');
    await chat.input(''); // keeps today
    await chat.input('Clean cells\\nGood 5S on line 3');
    await chat.input(''); // no concerns
    await chat.input('Replace the worn guard on press 4');
    await chat.input(''); // no owner: the core will ask for one
    // The due date, then follow-ups 2 and 3 left blank: their owners and due dates are not asked.
    for (let i = 0; i < 3; i++) await chat.input('');
    const refused = await chat.input('safety, 5S');
    expect(refused).toEqual([
      'Owner of action 1: Who owns follow-up action 1? Pick an owner.',
      'Due date of action 1: When is follow-up action 1 due? Pick a date.',
      'Please answer again:',
      '[6/14] Owner of action 1 (optional, one @handle)',
      '  Needed when action 1 is filled in',
    ]);
    expect(sqliteOf(runtime).prepare('select count(*) as n from floor_walks').get()).toEqual({ n: 0 });
    await chat.input('@dev');
    const saved = await chat.input('2026-03-06');
    const text = saved.join('\n');
    expect(text).toMatch(/to Dev Patel \(DM\)/);
    expect(chat.prompt()).toBe('maria> ');

    const walks = sqliteOf(runtime).prepare('select person_id, area, walk_date, went_well, tags, source from floor_walks').all();
    expect(walks).toEqual([
      {
        person_id: 'local:maria',
        area: 'Line 3 assembly',
        walk_date: '2026-03-02',
        went_well: 'Clean cells\nGood 5S on line 3',
        tags: '["safety","5S"]',
        source: 'adhoc',
      },
    ]);
    const followUps = sqliteOf(runtime).prepare('select owner_id, raised_by, text, due_date, status from follow_ups').all();
    expect(followUps).toEqual([
      { owner_id: 'local:dev', raised_by: 'local:maria', text: 'Replace the worn guard on press 4', due_date: '2026-03-06', status: 'open' },
    ]);
  });

  it('shows only my messages when asked, and the scorecard with its CSV saved to a file', async () => {
    const { chat } = await localMode();
    await chat.input('/as quinn');
    expect(await chat.input('/show mine')).toEqual(['Showing only your messages and channel posts; others are counted.']);
    const day = await chat.input('/clock +1d');
    // Quinn's own Monday digest is shown; other people's DMs are only counted.
    expect(day.filter((l) => / to .* \(DM\)/.test(l) && /^#\d+/.test(l) && !l.includes(' to Quinn Murphy '))).toEqual([]);
    expect(day.join('\n')).toMatch(/#\d+ to Quinn Murphy \(DM\) · Mon 2026-03-02 08:00[\s\S]*Weekly digest: all leaders of /);
    expect(day[day.length - 1]).toMatch(/\(and \d+ to others: \/inbox @handle or \/show all\)\.$/);
    const card = await chat.input('scorecard all week csv');
    const saved = card.find((l) => l.startsWith('Attachment '));
    expect(saved).toMatch(/^Attachment clause5-scorecard-.*\.csv saved to .*attachments/);
    const path = saved!.split(' saved to ')[1]!;
    expect(readFileSync(path, 'utf8')).toContain('"leader","Riverside Plant","Maria Lopez","local:maria"');
    expect(card).toContain(`  | ${readFileSync(path, 'utf8').split(/\r?\n/)[0]}`);
    const chart = await chat.input('scorecard all month chart grid');
    const png = chart.find((l) => l.startsWith('Attachment '));
    expect(png).toMatch(/^Attachment chart-grid-.*\.png saved to .*attachments.*\.png$/);
    expect(PNG.sync.read(readFileSync(png!.split(' saved to ')[1]!)).width).toBeGreaterThanOrEqual(800);
  });
});
