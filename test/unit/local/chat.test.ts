// LocalChat driven line by line on a real core (real SQLite, real migrations), the real meetings
// area and the real scheduler. A small extra module gives the chat a form whose submission the
// core refuses once, to show the terminal re-asking the field the core named.
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreModule } from '../../../src/core/commands/types';
import { UserError } from '../../../src/core/errors';
import { meetingsModule } from '../../../src/core/meetings/module';
import { note } from '../../../src/core/model';
import type { Role } from '../../../src/core/people/types';
import { createCore } from '../../../src/core/create';
import { silentLogger } from '../../../src/core/ports';
import { LocalChat } from '../../../src/platforms/local/chat';
import { PlatformRouter } from '../../../src/platforms/router';
import { createScheduler } from '../../../src/scheduler/scheduler';
import { makeTestCore, type TestCore } from '../../support/core';

// Monday 2 March 2026, 06:00 in Chicago.
const START = '2026-03-02T12:00:00Z';
const ZONE = 'America/Chicago';

const surveyModule: CoreModule = {
  name: 'survey',
  commands: [
    {
      path: ['pick'],
      usage: 'pick',
      summary: 'a reply with buttons',
      group: 'Test',
      async run() {
        return {
          message: {
            summary: 'Pick a colour',
            blocks: [
              {
                type: 'buttons',
                buttons: [
                  { label: 'Red', action: 'pick.colour', value: 'red' },
                  { label: 'Blue', action: 'pick.colour', value: 'blue' },
                ],
              },
            ],
          },
        };
      },
    },
    {
      path: ['pick1'],
      usage: 'pick1',
      summary: 'a reply with one button',
      group: 'Test',
      async run() {
        return { message: { summary: 'One choice', blocks: [{ type: 'buttons', buttons: [{ label: 'Red', action: 'pick.colour', value: 'red' }] }] } };
      },
    },
    {
      path: ['plan'],
      usage: 'plan',
      summary: 'a form whose owner and due date are asked only with an action',
      group: 'Test',
      async run() {
        return {
          openForm: {
            id: 'survey',
            title: 'Plan',
            submitLabel: 'Send',
            state: '{"n":2}',
            fields: [
              { id: 'area', label: 'Area', kind: 'text', maxLength: 10 },
              { id: 'action', label: 'Action', kind: 'text', optional: true },
              { id: 'owner', label: 'Owner', kind: 'person', optional: true, askIf: 'action' },
              { id: 'due', label: 'Due', kind: 'date', optional: true, askIf: 'action', earliest: '2026-03-02' },
              { id: 'note', label: 'Note', kind: 'textarea', optional: true },
            ],
          },
        };
      },
    },
    {
      path: ['survey'],
      usage: 'survey',
      summary: 'a test form',
      group: 'Test',
      async run() {
        return {
          openForm: {
            id: 'survey',
            title: 'Survey',
            submitLabel: 'Send',
            state: '{"n":1}',
            fields: [
              { id: 'area', label: 'Area', kind: 'text', maxLength: 10 },
              { id: 'on', label: 'Date', kind: 'date' },
              {
                id: 'size',
                label: 'Size',
                kind: 'select',
                options: [
                  { value: 's', label: 'Small' },
                  { value: 'l', label: 'Large' },
                ],
              },
              { id: 'who', label: 'Who', kind: 'people', optional: true },
              { id: 'note', label: 'Note', kind: 'textarea', optional: true },
            ],
          },
        };
      },
    },
  ],
  actions: [
    {
      id: 'pick.colour',
      async run({ deps, actor, value }) {
        await deps.store.setState('picked', `${actor.person.id}:${value}`);
        return { replaceOriginal: note(`Picked ${value}.`) };
      },
    },
  ],
  forms: [
    {
      id: 'survey',
      async submit({ deps, values, state }) {
        if (values.area === 'Paint') throw new UserError('Paint is closed this week; pick another area.', 'area');
        await deps.store.setState('survey', JSON.stringify({ values, state }));
        return { message: note('Thanks, saved.') };
      },
    },
  ],
};

let core: TestCore;
afterEach(() => core?.cleanup());

async function setUp(streamArrivals = false) {
  core = makeTestCore(START, { defaultTimeZone: ZONE });
  const modules = [meetingsModule, surveyModule];
  // The same store, clock and mailbox as makeTestCore's core, with the extra module.
  const full = createCore({
    store: core.store,
    clock: core.clock,
    log: silentLogger,
    platform: new PlatformRouter([core.local]),
    settings: core.deps.settings,
    modules,
  });
  await core.store.orgs.ensure({ id: 'local', platform: 'local', name: 'Demo plant' });
  const cast: Array<[string, string, Role]> = [
    ['local:ann', 'Ann Admin', 'admin'],
    ['local:maria', 'Maria Lopez', 'leader'],
    ['local:max', 'Max Member', 'member'],
  ];
  for (const [id, displayName, role] of cast) {
    await core.store.people.ensure({ id, orgId: 'local', displayName, handle: id.slice(6), timeZone: ZONE, role, joinedOn: '2025-01-01' }, null);
  }
  const scheduler = createScheduler({ deps: full.deps, modules, owner: 'test' });
  const quits: string[] = [];
  const chat = new LocalChat({
    bot: full.bot,
    store: core.store,
    local: core.local,
    clock: core.clock,
    tick: (now) => scheduler.tick(now),
    drain: (now) => scheduler.drain(now),
    onQuit: () => quits.push('quit'),
    streamArrivals,
  });
  return { chat, full, quits, greeting: await chat.start() };
}

const joined = (lines: string[]) => lines.join('\n');

describe('local terminal chat', () => {
  it('shows a message sent while the chat was starting once, in the person’s zone', async () => {
    core = makeTestCore(START, { defaultTimeZone: ZONE });
    await core.store.orgs.ensure({ id: 'local', platform: 'local', name: 'Demo plant' });
    await core.store.people.ensure(
      { id: 'local:ann', orgId: 'local', displayName: 'Ann Admin', handle: 'ann', timeZone: ZONE, role: 'admin', joinedOn: '2025-01-01' },
      null,
    );
    const scheduler = createScheduler({ deps: core.deps, modules: [], owner: 'test' });
    const chat = new LocalChat({
      bot: core.bot,
      store: core.store,
      local: core.local,
      clock: core.clock,
      tick: (now) => scheduler.tick(now),
      drain: (now) => scheduler.drain(now),
      onQuit: () => {},
    });
    const async: string[] = [];
    chat.onAsyncOutput((lines) => async.push(...lines));
    const starting = chat.start();
    await core.local.postToChannel('local', 'riverside-wins', note('A win while starting'));
    const greeting = await starting;
    const everything = [...async, ...greeting].join('\n');
    expect(everything.match(/A win while starting/g)).toHaveLength(1);
    expect(everything).toContain('#1 in #riverside-wins · Mon 2026-03-02 06:00 America/Chicago');
  });

  it('starts as the admin, lists people and switches person', async () => {
    const { chat, greeting, quits } = await setUp();
    expect(greeting[0]).toContain('You are Ann Admin (@ann, admin)');
    expect(greeting[1]).toBe('Simulated time: Mon 2026-03-02 06:00 America/Chicago.');
    expect(chat.prompt()).toBe('ann> ');
    const people = await chat.input('/people');
    expect(people).toHaveLength(3);
    expect(people.find((l) => l.includes('@maria'))).toMatch(/^ {2}@maria\s+Maria Lopez\s+leader/);
    expect(people.find((l) => l.includes('@ann'))).toMatch(/^\* @ann/);
    expect(await chat.input('/as @maria')).toEqual(['You are now Maria Lopez (@maria, leader).']);
    expect(chat.actingAs).toBe('local:maria');
    expect(chat.prompt()).toBe('maria> ');
    expect(await chat.input('/as @nobody')).toEqual(["I don't know anyone called “@nobody” here. Type /people to see the handles."]);
    expect(joined(await chat.input('/frobnicate'))).toContain("I don't know “/frobnicate”");
    expect(await chat.input('/quit')).toEqual(['Bye.']);
    expect(quits).toEqual(['quit']);
  });

  it('runs commands as the current person, moves the clock, shows prompts in order and records a button press', async () => {
    const { chat } = await setUp();
    await chat.input('/as maria');
    const added = joined(await chat.input('meeting add "Line 3 daily" weekdays 07:30'));
    expect(added).toContain('Line 3 daily');
    const meetings = await core.store.meetings.list('local', 'local:maria');
    expect(meetings.map((m) => m.title)).toEqual(['Line 3 daily']);

    const moved = await chat.input('/clock +2h');
    const text = joined(moved);
    const reminderAt = text.indexOf('Open Line 3 daily with a quality update');
    const checkAt = text.indexOf('Did you open Line 3 daily with a quality update?');
    expect(reminderAt).toBeGreaterThan(-1);
    expect(checkAt).toBeGreaterThan(reminderAt);
    expect(text).toContain('#1 to Maria Lopez (DM) · Mon 2026-03-02 07:20 America/Chicago');
    expect(text).toContain('#2 to Maria Lopez (DM) · Mon 2026-03-02 08:00 America/Chicago');
    expect(text).toContain('[2.1 Yes] [2.2 No] [2.3 Meeting cancelled]');
    expect(moved[moved.length - 1]).toBe('Clock moved to Mon 2026-03-02 08:00 America/Chicago; 2 messages on the way.');
    expect(core.clock.now()).toBe(Date.parse('2026-03-02T14:00:00Z'));

    // Someone else cannot answer Maria's DM.
    await chat.input('/as max');
    expect(await chat.input('2.1')).toEqual(['#2 was sent to Maria Lopez. Switch with /as @maria to answer it.']);
    await chat.input('/as maria');
    expect(await chat.input('2.9')).toEqual(['#2 has buttons 2.1 to 2.3.']);
    expect(await chat.input('99.1')).toEqual(['There is no message #99.']);

    const pressed = joined(await chat.input('2.1'));
    expect(pressed).toContain('(you pressed “Yes”)');
    expect(pressed).toContain('#2 to Maria Lopez (DM)');
    expect(pressed).toContain('(updated)');
    expect(pressed).toContain('Recorded: Yes');
    expect(pressed).not.toContain('[2.1 Yes]');
    const occurrence = await core.store.meetings.findOccurrence('local', meetings[0]!.id, '2026-03-02T07:30');
    expect(occurrence).toMatchObject({ answer: 'yes', answeredBy: 'local:maria' });

    expect(joined(await chat.input('/inbox'))).toContain('#1 to Maria Lopez (DM)');
    expect(await chat.input('/inbox @max')).toEqual(['Max Member has no messages yet.']);
    expect(await chat.input('/clock +1s')).toEqual([expect.stringContaining("I can't read “+1s”")]);
    expect(await chat.input('/clock 2026-03-01T08:00')).toEqual(['The clock only moves forward; it is already Mon 2026-03-02 08:00 America/Chicago.']);
    expect(await chat.input('/clock +36d')).toEqual(['That is more than 35 days ahead. Move in steps of at most +35d.']);
  });

  it('asks a form field by field, re-asks bad answers and fields the core refused, then submits', async () => {
    const { chat } = await setUp();
    const opened = await chat.input('/clause5 survey');
    expect(opened).toContain('== Survey ==');
    expect(opened).toContain('[1/5] Area (required, text)');
    expect(chat.prompt()).toBe('Area> ');
    expect(await chat.input('')).toEqual(['“Area” is required.', '[1/5] Area (required, text)']);
    expect((await chat.input('Far too long an area'))[0]).toBe('That is 20 characters; “Area” takes at most 10.');
    expect(await chat.input('Paint')).toEqual(['[2/5] Date (required, date YYYY-MM-DD)']);
    expect((await chat.input('2026-02-30'))[0]).toContain('is not a date');
    expect((await chat.input('today'))[0]).toBe('[3/5] Size (required, pick one: number or name)');
    expect((await chat.input('huge'))[0]).toBe("“huge” is not one of the options. Type a number from 1 to 2 or an option's name.");
    await chat.input('2');
    expect((await chat.input('@maria, @ghost'))[0]).toContain("I don't know anyone called “@ghost”");
    await chat.input('@maria @max');
    // The last field answered: the core refuses the area and only that field is asked again.
    const refused = await chat.input('line one\\nline two');
    expect(refused).toEqual([
      'Area: Paint is closed this week; pick another area.',
      'Please answer again:',
      '[1/5] Area (required, text)',
      '  Enter keeps: Paint',
    ]);
    expect(await core.store.getState('survey')).toBeUndefined();
    const done = await chat.input('Assembly');
    expect(done).toEqual(['Thanks, saved.']);
    expect(chat.prompt()).toBe('ann> ');
    const saved = JSON.parse((await core.store.getState('survey'))!);
    expect(saved).toEqual({
      state: '{"n":1}',
      values: { area: 'Assembly', on: '2026-03-02', size: 'l', who: ['local:maria', 'local:max'], note: 'line one\nline two' },
    });
  });

  it('cancels a form without saving, and prints messages that arrive between inputs', async () => {
    const { chat } = await setUp();
    await chat.input('survey');
    expect(await chat.input('/people')).toEqual(['You are filling in “Survey”: answer the question, or type /cancel to stop.', '[1/5] Area (required, text)']);
    expect(await chat.input('/cancel')).toEqual(['Cancelled “Survey”. Nothing was saved.']);
    expect(await core.store.getState('survey')).toBeUndefined();

    const async: string[][] = [];
    chat.onAsyncOutput((lines) => async.push(lines));
    await core.local.postToChannel('local', 'wins', note('Line 3: scrap down 12 %'));
    expect(async).toEqual([[expect.stringMatching(/^#1 in #wins · Mon 2026-03-02 06:00/), '  Line 3: scrap down 12 %']]);
    expect(joined(await chat.input('/channel wins'))).toContain('Line 3: scrap down 12 %');
    expect(await chat.input('/channels')).toEqual(['Channels with posts: #wins']);
    expect(await chat.input('/channel #nowhere')).toEqual(['Nothing has been posted in #nowhere yet.']);
  });

  it('numbers the buttons of a reply only its person saw, and lets only that person press them', async () => {
    const { chat } = await setUp();
    expect(await chat.input('pick')).toEqual(['[r1.1 Red] [r1.2 Blue]']);
    await chat.input('/as max');
    expect(await chat.input('r1.2')).toEqual(['r1 was a reply to Ann Admin; only they can press its buttons.']);
    await chat.input('/as ann');
    expect(await chat.input('r1.3')).toEqual(['r1 has buttons r1.1 to r1.2.']);
    expect(await chat.input('r2.1')).toEqual(['There is no reply r2.']);
    expect(await chat.input('r1.2')).toEqual(['(you pressed “Blue”)', 'r1 (updated)', '  Picked blue.']);
    expect(await core.store.getState('picked')).toBe('local:ann:blue');
  });

  it('refuses to move the clock when the process also serves real users', async () => {
    core = makeTestCore(START, { defaultTimeZone: ZONE });
    const chat = new LocalChat({ bot: core.bot, store: core.store, local: core.local, clock: core.clock, tick: async () => undefined, canMoveClock: false });
    await chat.start();
    expect(await chat.input('/clock +1d')).toEqual(['The clock can only be moved in local mode; this process also serves Slack or Teams, where time is real.']);
    expect(core.clock.now()).toBe(Date.parse(START));
    expect((await chat.input('/clock'))[0]).toContain('Simulated time: Mon 2026-03-02 06:00');
  });

  it('streams messages during a long clock move, in order with the rest of the output', async () => {
    const { chat } = await setUp(true);
    await chat.input('/as maria');
    await chat.input('meeting add "Line 3 daily" weekdays 07:30');
    const streamed: string[][] = [];
    chat.onAsyncOutput((lines) => streamed.push(lines));
    const returned = await chat.input('/clock +2h');
    expect(streamed).toHaveLength(2);
    expect(streamed[0]![0]).toMatch(/^#1 to Maria Lopez \(DM\) · Mon 2026-03-02 07:20/);
    expect(streamed[1]![0]).toMatch(/^#2 to Maria Lopez \(DM\) · Mon 2026-03-02 08:00/);
    expect(returned).toEqual(['Clock moved to Mon 2026-03-02 08:00 America/Chicago; 2 messages on the way.']);
    const pressed = await chat.input('2.1');
    expect(streamed[2]![0]).toBe('(you pressed “Yes”)');
    expect(streamed[2]![1]).toMatch(/^#2 .*\(updated\)$/);
    expect(pressed).toEqual([]);
  });
});

describe('small texts in the terminal (issue 10 item 16)', () => {
  it('says “one button” and “1 message”, not “5.1 to 5.1” and “message(s)”', async () => {
    const { chat } = await setUp();
    await chat.input('/as maria');
    const reply = joined(await chat.input('pick1'));
    const ref = /\[(r\d+)\.1 Red\]/.exec(reply)![1]!;
    expect(await chat.input(`${ref}.2`)).toEqual([`${ref} has one button, ${ref}.1.`]);
    await chat.input('meeting add "Line 3 daily" weekdays 07:30');
    const moved = await chat.input('/clock +90m');
    expect(moved[moved.length - 1]).toBe('Clock moved to Mon 2026-03-02 07:30 America/Chicago; 1 message on the way.');
  });

  it('skips the owner and due date of a blank action, and checks a date as soon as it is typed', async () => {
    const { chat } = await setUp();
    await chat.input('/as maria');
    await chat.input('plan');
    await chat.input('Line 2');
    const afterBlank = joined(await chat.input(''));
    expect(afterBlank).toContain('Note');
    expect(afterBlank).not.toContain('Owner');
    await chat.input('');
    await chat.input('plan');
    await chat.input('Line 2');
    expect(joined(await chat.input('Fix the guard'))).toContain('Owner');
    await chat.input('@max');
    expect(joined(await chat.input('2026-03-01'))).toContain('2026-03-01 is too early for “Due”: 2026-03-02 or later.');
  });
});
