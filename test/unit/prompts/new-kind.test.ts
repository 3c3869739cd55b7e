// The measure of issue 11: a new prompt kind in code touches only its own module. A monthly
// "gemba walk" question is written here, in the test, as a CoreModule (trigger source, composer,
// a job at the month's end, a button) and run by the real scheduler on real SQLite: nothing shared
// (DeliveryKind, PromptKind, the schema, the scheduler) needed to learn its name.
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreModule } from '../../../src/core/commands/types';
import type { Trigger } from '../../../src/core/deliveries';
import { message, note } from '../../../src/core/model';
import { periodKeyOf, periodRange } from '../../../src/core/prompts/cadence';
import { addDays, localDateOf, zonedInstant } from '../../../src/core/time';
import { createScheduler } from '../../../src/scheduler/scheduler';
import { ensureOrg, LEADER, ORG, seedCast } from '../../support/cast';
import { makeTestCore, type TestCore } from '../../support/core';
import { button, press } from '../../support/messages';

const ZONE = 'America/Chicago';
let core: TestCore;
afterEach(() => core?.cleanup());

/** The whole new kind: asked at 08:00 on the 1st of each month, "done" by a button, missed at the month's end. */
const gembaModule: CoreModule = {
  name: 'gemba',
  actions: [
    {
      id: 'gemba.done',
      async run({ deps, actor, value }) {
        const prompt = await deps.store.prompts.find(actor.org.id, actor.person.id, 'gemba', `gemba:${value}`);
        const answered = prompt && (await deps.store.prompts.answer(actor.org.id, prompt.id, 'done', deps.clock.now()));
        return { message: note(answered ? `Gemba walk for ${value}: done.` : 'Nothing to answer.') };
      },
    },
  ],
  sources: () => [
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
        for (let date = localDateOf(from, ZONE); date <= localDateOf(to, ZONE); date = addDays(date, 1)) {
          const at = zonedInstant(date, '00:00', ZONE);
          if (!date.endsWith('-01') || at <= from || at > to) continue;
          const month = periodKeyOf('month', addDays(date, -1));
          out.push({ orgId: ORG, key: `gemba_end:${LEADER}:${month}`, kind: 'gemba_end', personId: LEADER, subject: { month }, dueAt: at });
        }
        return out;
      },
    },
  ],
  composers: (deps) => [
    {
      kind: 'gemba',
      async compose(d) {
        const month = String(d.subject.month);
        return {
          to: { personId: d.personId! },
          message: message('Gemba walk this month?', [
            { type: 'text', text: [`Did you do your gemba walk in ${month} (${periodRange(month).from} – ${periodRange(month).to})?`] },
            { type: 'buttons', buttons: [{ label: 'Done', action: 'gemba.done', value: month, style: 'primary' }] },
          ]),
        };
      },
      async afterSend(d, ref, sentAt) {
        await deps.store.prompts.open({ orgId: d.orgId, personId: d.personId!, kind: 'gemba', subject: `gemba:${d.subject.month}`, sentAt, messageRef: ref });
      },
    },
  ],
  jobs: (deps) => [
    {
      kind: 'gemba_end',
      async run(d) {
        const prompt = await deps.store.prompts.find(d.orgId, d.personId!, 'gemba', `gemba:${d.subject.month}`);
        return prompt && (await deps.store.prompts.markMissed(d.orgId, prompt.id, null)) ? 'missed' : 'nothing open';
      },
    },
  ],
};

describe('a new prompt kind written in one module', () => {
  it('is asked, answered and closed by the real scheduler without touching any shared list', async () => {
    core = makeTestCore('2026-11-30T12:00:00Z', { defaultTimeZone: ZONE, extraModules: [gembaModule] });
    await ensureOrg(core);
    await seedCast(core);
    const scheduler = createScheduler({ deps: core.deps, modules: [gembaModule], owner: 'test' });
    await scheduler.tick(core.clock.now());
    const tickAt = async (iso: string) => {
      core.clock.set(Date.parse(iso));
      await scheduler.tick(Date.parse(iso));
    };
    await tickAt('2026-12-01T14:00:00Z'); // 08:00 in Chicago
    const asked = core.local.inbox(LEADER).at(-1)!.message;
    expect(asked.summary).toBe('Gemba walk this month?');
    const reply = await press(core, LEADER, button(asked, 'Done'));
    expect(reply.message?.summary).toBe('Gemba walk for 2026-12: done.');
    expect(await core.store.prompts.find(ORG, LEADER, 'gemba', 'gemba:2026-12')).toMatchObject({ status: 'answered', answer: 'done' });

    await tickAt('2027-01-01T06:00:00Z'); // midnight in Chicago: the job closes December (answered: nothing open)
    await tickAt('2027-01-01T14:00:00Z'); // January's question
    expect(await core.store.deliveries.getByKey(`gemba_end:${LEADER}:2026-12`)).toMatchObject({ status: 'done', lastError: 'nothing open' });
    await tickAt('2027-02-01T06:00:00Z'); // January never answered: missed at the month's end
    expect(await core.store.prompts.find(ORG, LEADER, 'gemba', 'gemba:2027-01')).toMatchObject({ status: 'missed' });
  });
});
