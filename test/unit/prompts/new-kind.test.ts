// The measure of issue 11: a new prompt kind in code touches only its own module. A monthly
// "gemba walk" question is written here, in the test, as a prompt-lifecycle definition (what asks,
// the month it is about, its reminder rule, what "missed" turns the message into) plus the source
// that says when it is asked and a button — and run by the real scheduler on real SQLite. Nothing
// shared (the scheduler, the schema, the store, the other kinds) needed to learn its name: the
// lifecycle reminds it, retires its buttons and marks it missed like the floor walk.
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreModule } from '../../../src/core/commands/types';
import type { Trigger } from '../../../src/core/deliveries';
import { message, note } from '../../../src/core/model';
import { periodKeyOf, periodRange } from '../../../src/core/prompts/cadence';
import type { PromptKindDefinition } from '../../../src/core/prompts/kind';
import { promptLifecycle, retirePrompt } from '../../../src/core/prompts/lifecycle-deliveries';
import { addDays, localDateOf, zonedInstant } from '../../../src/core/time';
import { createScheduler } from '../../../src/scheduler/scheduler';
import { ensureOrg, LEADER, ORG, seedCast } from '../../support/cast';
import { makeTestCore, type TestCore } from '../../support/core';
import { button, messageText, press } from '../../support/messages';

const ZONE = 'America/Chicago';
let core: TestCore;
afterEach(() => core?.cleanup());

const gembaMessage = (month: string, reminder: boolean) =>
  message(reminder ? 'Reminder: gemba walk this month?' : 'Gemba walk this month?', [
    { type: 'text', text: [`Did you do your gemba walk in ${month} (${periodRange(month).from} – ${periodRange(month).to})?`] },
    { type: 'buttons', buttons: [{ label: 'Done', action: 'gemba.done', value: month, style: 'primary' }] },
  ]);

/** The kind: asked on the 1st, reminded on the next owed day (or 2 h later), missed at the month's end. */
const gembaKind: PromptKindDefinition = {
  kind: 'gemba',
  ask: {
    deliveryKind: 'gemba',
    compose: async (d) => ({ to: { personId: d.personId! }, message: gembaMessage(String(d.subject.month), false) }),
    subjectOf: async (d) => `gemba:${d.subject.month}`,
  },
  periodOf: (subject) => {
    const month = subject.slice('gemba:'.length);
    return { key: month, ...periodRange(month) };
  },
  reminder: {
    deliveryKind: 'gemba_reminder',
    rule: { afterMs: 24 * 3_600_000, owedDays: { morning: '08:00', lastResortMs: 2 * 3_600_000 } },
    keyPrefix: (p, month) => `gemba_reminder:${p.personId}:${month.key}:`,
    subject: (p) => ({ promptId: p.id }),
    compose: async (p, month) => ({ to: { personId: p.personId }, message: gembaMessage(month.key, true) }),
  },
  missed: {
    deliveryKind: 'gemba_end',
    key: (p, month) => `gemba_end:${p.personId}:${month.key}`,
    subject: (p) => ({ promptId: p.id }),
    message: async (_p, month) => note(`Gemba walk, ${month.key}: the month is over — marked as missed.`),
    notes: { closed: 'missed', notOpen: 'nothing open' },
  },
};

const gembaModule: CoreModule = {
  name: 'gemba',
  actions: [
    {
      id: 'gemba.done',
      async run({ deps, actor, value }) {
        const prompt = await deps.store.prompts.find(actor.org.id, actor.person.id, 'gemba', `gemba:${value}`);
        const answered = prompt && (await deps.store.prompts.answer(actor.org.id, prompt.id, 'done', deps.clock.now()));
        if (!answered) return { message: note('Nothing to answer.') };
        await retirePrompt(deps, gembaKind, answered, note(`Gemba walk for ${value}: done.`));
        return { replaceOriginal: note(`Gemba walk for ${value}: done.`) };
      },
    },
  ],
  sources: (deps) => [
    {
      name: 'gemba',
      suppressible: true,
      async triggers(from, to) {
        const out: Trigger[] = [];
        for (let date = localDateOf(from, ZONE); date <= localDateOf(to, ZONE); date = addDays(date, 1)) {
          const at = zonedInstant(date, '08:00', ZONE);
          if (!date.endsWith('-01') || at <= from || at > to) continue;
          const month = periodKeyOf('month', date);
          out.push({ orgId: ORG, key: `gemba:${LEADER}:${month}`, kind: 'gemba', personId: LEADER, subject: { month }, dueAt: at });
        }
        return out;
      },
    },
    ...promptLifecycle(deps, gembaKind).sources,
  ],
  composers: (deps) => promptLifecycle(deps, gembaKind).composers,
  jobs: (deps) => promptLifecycle(deps, gembaKind).jobs,
};

describe('a new prompt kind written in one module', () => {
  it('is asked, reminded, answered and closed by the real scheduler without touching any shared list', async () => {
    core = makeTestCore('2026-11-30T12:00:00Z', { defaultTimeZone: ZONE, extraModules: [gembaModule] });
    await ensureOrg(core);
    await seedCast(core);
    const scheduler = createScheduler({ deps: core.deps, modules: [gembaModule], owner: 'test' });
    await scheduler.tick(core.clock.now());
    const tickAt = async (iso: string) => {
      core.clock.set(Date.parse(iso));
      await scheduler.tick(Date.parse(iso));
    };
    const inbox = () => core.local.inbox(LEADER);
    await tickAt('2026-12-01T14:00:00Z'); // Tuesday 08:00 in Chicago
    expect(inbox().at(-1)!.message.summary).toBe('Gemba walk this month?');
    await tickAt('2026-12-02T13:59:00Z');
    expect(inbox()).toHaveLength(1);
    await tickAt('2026-12-02T14:00:00Z'); // 24 h later, an owed day: the one reminder
    expect(inbox()).toHaveLength(2);
    expect(inbox()[1]!.message.summary).toBe('Reminder: gemba walk this month?');

    const reply = await press(core, LEADER, button(inbox()[1]!.message, 'Done'));
    expect(messageText(reply.replaceOriginal)).toBe('Gemba walk for 2026-12: done.');
    expect(messageText(inbox()[0]!.message)).toBe('Gemba walk for 2026-12: done.'); // the question's buttons retired too
    expect(await core.store.prompts.find(ORG, LEADER, 'gemba', 'gemba:2026-12')).toMatchObject({ status: 'answered', answer: 'done' });

    await tickAt('2027-01-01T06:00:00Z'); // midnight in Chicago: December was answered, no job
    expect(await core.store.deliveries.getByKey(`gemba_end:${LEADER}:2026-12`)).toBeUndefined();
    await tickAt('2027-01-01T14:00:00Z'); // January's question, never answered
    await tickAt('2027-02-01T06:00:00Z'); // missed at the month's end, and its buttons retire
    expect(await core.store.prompts.find(ORG, LEADER, 'gemba', 'gemba:2027-01')).toMatchObject({ status: 'missed' });
    expect(await core.store.deliveries.getByKey(`gemba_end:${LEADER}:2027-01`)).toMatchObject({ status: 'done', lastError: 'missed' });
    expect(messageText(inbox()[2]!.message)).toBe('Gemba walk, 2027-01: the month is over — marked as missed.');
  });
});
