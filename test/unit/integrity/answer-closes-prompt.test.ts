// Answering a prompt and closing it are one unit of work: the answer (a meeting check's Yes/No, a
// walk logged from the weekly prompt) and the prompt's "answered" commit together or not at all.
// A failure between the two is made real with a trigger that refuses to close the prompt.
import { afterEach, describe, expect, it } from 'vitest';
import { meetingsModule } from '../../../src/core/meetings/module';
import type { Button, Message } from '../../../src/core/model';
import { createScheduler } from '../../../src/scheduler/scheduler';
import type { TestCore } from '../../support/core';
import { LEADER, meetingsCore, ORG, say } from '../meetings/support';
import { walksCore } from '../floor-walks/support';

let core: TestCore;
afterEach(() => core?.cleanup());

/** From now on, closing any prompt fails inside the database. */
function refuseClosingPrompts(): void {
  core.store.database.sqlite.exec(`
    CREATE TRIGGER test_refuse_close BEFORE UPDATE OF status ON prompts
    WHEN NEW.status = 'answered' BEGIN SELECT RAISE(ABORT, 'closing the prompt failed'); END;`);
}

function button(message: Message, label: string): Button {
  return message.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])).find((b) => b.label === label)!;
}

describe('answering a prompt closes it in the same transaction', () => {
  it('a meeting check: a failed close leaves the occurrence unanswered and the prompt open', async () => {
    core = await meetingsCore('2026-03-02T12:00:00Z');
    const scheduler = createScheduler({ deps: core.deps, modules: [meetingsModule], owner: 'test' });
    await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    for (const iso of ['2026-03-02T12:00:00Z', '2026-03-02T13:20:00Z', '2026-03-02T14:00:00Z']) {
      core.clock.set(Date.parse(iso));
      await scheduler.tick(core.clock.now());
    }
    const inbox = core.local.inbox(LEADER);
    const check = inbox[inbox.length - 1]!.message;
    const occurrence = (await core.store.meetings.findOccurrence(ORG, 1, '2026-03-02T07:30'))!;
    const subject = `occurrence:${occurrence.id}`;
    expect((await core.store.prompts.find(ORG, LEADER, 'meeting_check', subject))?.status).toBe('open');

    refuseClosingPrompts();
    const yes = button(check, 'Yes');
    await core.bot.handleAction(core.as(LEADER), yes.action, yes.value).catch(() => undefined);
    expect((await core.store.meetings.findOccurrence(ORG, 1, '2026-03-02T07:30'))?.answer).toBeNull();
    await core.bot.handleCommand(core.as(LEADER), 'meeting answer 1 no').catch(() => undefined);
    expect((await core.store.meetings.findOccurrence(ORG, 1, '2026-03-02T07:30'))?.answer).toBeNull();
    expect((await core.store.prompts.find(ORG, LEADER, 'meeting_check', subject))?.status).toBe('open');
    expect(await core.store.audit.history(ORG, 'meeting_occurrence', String(occurrence.id))).toEqual([]);
  });

  it('a floor walk from the weekly prompt: a failed close leaves no walk and the prompt open', async () => {
    ({ core } = await walksCore('2026-11-24T15:00:00Z'));
    const prompt = await core.store.prompts.open({ orgId: ORG, personId: LEADER, kind: 'floorwalk', subject: 'week:2026-W48', sentAt: 1, messageRef: null });
    refuseClosingPrompts();
    const values = { area: 'Dock', date: '2026-11-24', followUps: '' };
    await core.bot.handleFormSubmit(core.as(LEADER), 'floorwalk.log', values, JSON.stringify({ p: prompt.id })).catch(() => undefined);
    expect(await core.store.walks.list(ORG, LEADER, '2026-W48', '2026-W48')).toEqual([]);
    expect((await core.store.prompts.get(ORG, prompt.id))?.status).toBe('open');
  });
});
