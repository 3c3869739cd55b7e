// A custom prompt's whole life through the real core, SQLite and scheduler, with the clock moved:
// defined in chat, asked on the slot day in each leader's zone (or the next owed day), answered by
// button, typed answer or checklist, reminded once, marked missed at the period's end.
import { afterEach, describe, expect, it } from 'vitest';
import { customPromptsModule } from '../../../src/core/prompts/module';
import { createScheduler, type Scheduler } from '../../../src/scheduler/scheduler';
import { ensureOrg, LEADER, MEMBER, ORG, OTHER_LEADER, QM, seedCast } from '../../support/cast';
import { makeTestCore, type TestCore } from '../../support/core';
import { button, buttonsOf, messageText, press, say } from '../../support/messages';

const ZONE = 'America/Chicago';
let core: TestCore;
let scheduler: Scheduler;
afterEach(() => core?.cleanup());

async function setUp(startIso: string) {
  core = makeTestCore(startIso, { defaultTimeZone: ZONE });
  await ensureOrg(core);
  const site = await core.store.sites.create({ orgId: ORG, name: 'Riverside Plant', timeZone: ZONE, workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
  await seedCast(core, { siteId: site.id });
  scheduler = createScheduler({ deps: core.deps, modules: [customPromptsModule], owner: 'test' });
  await scheduler.tick(core.clock.now());
  return site;
}

async function tickAt(iso: string) {
  core.clock.set(Date.parse(iso));
  return scheduler.tick(Date.parse(iso));
}

const questions = (personId: string) => core.local.inbox(personId).filter((m) => m.message.summary.includes('complaints'));

describe('a monthly custom prompt', () => {
  it('is asked on day 3 at 09:00 local, answered by a button, reminded once when unanswered, and missed at the month end', async () => {
    await setUp('2026-12-01T12:00:00Z');
    const added = await say(
      core,
      QM,
      'prompt add "Did you review last month\'s customer complaints with your team?" monthly day 3 09:00 for leaders site "Riverside Plant" answers yes,no,"not applicable" clause 5.1.2 weight 10',
    );
    expect(added).toContain('Added.');
    expect(added).toContain('monthly, day 3 of the month, at 09:00');

    await tickAt('2026-12-03T14:59:00Z'); // 08:59 in Chicago
    expect(questions(LEADER)).toHaveLength(0);
    await tickAt('2026-12-03T15:00:00Z');
    expect(questions(LEADER)).toHaveLength(1);
    expect(questions(OTHER_LEADER)).toHaveLength(1);
    expect(questions(QM)).toHaveLength(0); // the audience is the site's leaders
    const asked = questions(LEADER)[0]!;
    expect(buttonsOf(asked.message).map((b) => b.label)).toEqual(['Yes', 'No', 'Not applicable', 'Snooze']);
    expect(messageText(asked.message)).toContain('For December 2026 · ISO 9001 5.1.2');

    const no = button(asked.message, 'No');
    const reply = await press(core, LEADER, button(asked.message, 'Yes'));
    expect(messageText(reply.replaceOriginal)).toContain('December 2026: yes');
    expect(messageText(questions(LEADER)[0]!.message)).toContain('December 2026: yes. Thank you!'); // its buttons retired
    const again = await press(core, LEADER, no);
    expect(messageText(again.message)).toContain('You already answered for December 2026 (yes) — nothing changed.');

    await tickAt('2026-12-04T15:00:00Z'); // 24 h later: only the unanswered leader is reminded
    expect(questions(LEADER)).toHaveLength(1);
    expect(questions(OTHER_LEADER).map((m) => m.message.summary)).toEqual([expect.not.stringContaining('Reminder'), expect.stringContaining('Reminder: ')]);
    await tickAt('2026-12-10T15:00:00Z'); // one reminder only
    expect(questions(OTHER_LEADER)).toHaveLength(2);

    const lateYes = button(questions(OTHER_LEADER)[0]!.message, 'Yes');
    await tickAt('2027-01-01T06:00:00Z'); // midnight in Chicago: December is over
    const prompt = await core.store.prompts.find(ORG, OTHER_LEADER, 'custom', 'custom:1:2026-12');
    expect(prompt).toMatchObject({ status: 'missed' });
    expect(messageText(questions(OTHER_LEADER)[0]!.message)).toContain('December 2026 is over; marked as missed.');
    // The reminder is retired too: no copy of the question keeps live buttons.
    expect(messageText(questions(OTHER_LEADER)[1]!.message)).toContain('December 2026 is over; marked as missed.');
    expect(buttonsOf(questions(OTHER_LEADER)[1]!.message)).toEqual([]);
    const late = await press(core, OTHER_LEADER, lateYes);
    expect(messageText(late.message)).toContain('December 2026 is over and was marked as missed');

    const answers = await core.store.customPrompts.answers(ORG, 1);
    expect(answers).toEqual([expect.objectContaining({ personId: LEADER, periodKey: '2026-12', answer: 'yes', outcome: 'done', answeredBy: LEADER })]);
  });

  it('asks on the next owed day when the slot day is a shutdown, and records a typed answer with its note', async () => {
    const site = await setUp('2026-12-01T12:00:00Z');
    await core.store.sites.addClosure(ORG, { siteId: site.id, fromDate: '2026-12-03', toDate: '2026-12-04', reason: 'maintenance' }, null);
    await say(core, QM, 'prompt add "Did you review customer complaints?" monthly day 3 09:00');
    await tickAt('2026-12-03T15:00:00Z');
    expect(questions(LEADER)).toHaveLength(0);
    await tickAt('2026-12-07T15:00:00Z'); // Monday 7th: the first owed day after the 3rd
    expect(questions(LEADER)).toHaveLength(1);
    expect(await say(core, LEADER, 'prompt answer 1 maybe')).toContain('“maybe” is not an answer to prompt 1. Answers: yes, no.');
    expect(await say(core, LEADER, 'prompt answer 1 no "customer visit moved to next week"')).toContain('Saved');
    expect(messageText(questions(LEADER)[0]!.message)).toContain('Raise a follow-up: /clause5 followup add @owner');
    expect(await core.store.customPrompts.answers(ORG, 1)).toEqual([
      expect.objectContaining({ answer: 'no', outcome: 'not_done', note: 'customer visit moved to next week' }),
    ]);
  });
});

describe('a weekly custom prompt across the end of daylight saving time', () => {
  it("keeps 10:00 on the leader's wall clock (15:00 UTC in CDT, 16:00 UTC in CST)", async () => {
    await setUp('2026-10-26T12:00:00Z');
    await say(core, QM, 'prompt add "Quality policy discussed with the team?" weekly thu 10:00 for @lee');
    const askedAt = async (iso: string) => {
      const before = core.local.inbox(LEADER).length;
      await tickAt(iso);
      return core.local.inbox(LEADER).length - before;
    };
    expect(await askedAt('2026-10-29T14:59:00Z')).toBe(0);
    expect(await askedAt('2026-10-29T15:00:00Z')).toBe(1);
    expect(await askedAt('2026-11-05T15:00:00Z')).toBe(0); // 09:00 CST
    expect(await askedAt('2026-11-05T16:00:00Z')).toBe(1);
  });
});

describe('managing custom prompts', () => {
  it('refuses members, names an empty audience, and keeps answers when a prompt is retired', async () => {
    await setUp('2026-12-01T12:00:00Z');
    expect(await say(core, MEMBER, 'prompt add "Did you review complaints?" monthly day 3 09:00')).toMatch(/quality manager|admin/i);
    await core.store.sites.create({ orgId: ORG, name: 'Empty Plant', timeZone: ZONE, workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
    expect(await say(core, QM, 'prompt add "Did you review complaints?" weekly mon 09:00 for site "Empty Plant"')).toContain('Audience: nobody would be asked');
    expect(await core.store.customPrompts.list(ORG)).toEqual([]);

    await say(core, QM, 'prompt add "Quality policy discussed with the team?" weekly thu 10:00 for @lee');
    await tickAt('2026-12-03T16:00:00Z');
    await press(core, LEADER, button(core.local.inbox(LEADER).at(-1)!.message, 'Yes'));
    expect(await say(core, QM, 'prompt pause 1')).toContain('Prompt 1 is paused');
    await tickAt('2026-12-10T16:00:00Z');
    expect(core.local.inbox(LEADER).filter((m) => m.message.summary.includes('policy'))).toHaveLength(1);
    expect(await say(core, QM, 'prompt retire 1')).toContain('its answers stay on record');
    expect(await say(core, QM, 'prompt resume 1')).toContain('is retired');
    expect(await say(core, QM, 'prompt list')).toContain('No custom prompts yet');
    expect(await say(core, QM, 'prompt list all')).toContain('(retired)');
    const shown = await say(core, QM, 'prompt show 1');
    expect(shown).toContain('week 49 (2026-11-30 – 2026-12-06) — Lee');
  });
});

describe('a checklist prompt', () => {
  it('opens a form with one choice per item, checks every item, and counts "no" as not done', async () => {
    await setUp('2026-12-01T12:00:00Z');
    await say(core, QM, 'prompt add "Quarterly risk review" quarterly day 1 09:00 for @lee checklist "Risks reviewed","Actions have owners" clause 6.1');
    await tickAt('2027-01-01T15:00:00Z');
    const asked = core.local.inbox(LEADER).at(-1)!;
    const opened = await press(core, LEADER, button(asked.message, 'Answer the checklist'));
    const form = opened.openForm!;
    expect(form.fields.map((f) => f.label)).toEqual(['Risks reviewed', 'Actions have owners', 'Note']);
    const missing = await core.bot.handleFormSubmit(core.as(LEADER), form.id, { item0: 'yes' }, form.state);
    expect(missing.formErrors).toEqual({ item1: 'Choose yes, no or not applicable.' });
    const saved = await core.bot.handleFormSubmit(core.as(LEADER), form.id, { item0: 'yes', item1: 'no', note: 'two actions unowned' }, form.state);
    expect(messageText(saved.message)).toContain('1 of 2 yes');
    expect(await core.store.customPrompts.answers(ORG, 1)).toEqual([
      expect.objectContaining({ periodKey: '2027-Q1', items: ['yes', 'no'], outcome: 'not_done', note: 'two actions unowned' }),
    ]);
  });
});
