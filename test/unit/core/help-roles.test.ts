// Help, the home page and refusals speak to the person's actual role (member, leader, quality
// manager, admin): nobody is shown a command they may not use, or told about another role's limits.
import { afterEach, describe, expect, it } from 'vitest';
import { homeMessage } from '../../../src/core/home';
import { makeTestCore, type TestCore } from '../../support/core';
import { smallOrg, textOf } from '../people/helpers';

let core: TestCore;
afterEach(() => core?.cleanup());

async function helpOf(who: string): Promise<string> {
  const reply = await core.bot.handleCommand(core.as(`local:${who}`), 'help');
  return `${reply.message?.heading}\n${textOf(reply.message)}`;
}

describe('help by role', () => {
  it('a member is not shown meeting, floor-walk schedule or scorecard commands', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const { say } = await smallOrg(core);
    const help = await helpOf('jo');
    expect(help).toContain('As a member you can post wins');
    expect(help).toContain('/clause5 win');
    expect(help).toContain('/clause5 floorwalk —');
    expect(help).toContain('/clause5 followup done');
    expect(help).not.toContain('meeting add');
    expect(help).not.toContain('floorwalk schedule');
    expect(help).not.toContain('/clause5 scorecard');
    expect(help).not.toContain('/clause5 admin');
    // Asking for a topic that is not theirs says so, instead of "no such command".
    expect(await say('jo', 'help scorecard')).toContain('“scorecard” is not for your role (member).');
  });

  it('a leader sees their own forms of the commands; a quality manager the forms for anyone', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    await smallOrg(core);
    const leader = await helpOf('maria');
    expect(leader).toContain('As a leader you get meeting reminders');
    expect(leader).toContain('/clause5 scorecard [period] [csv | chart [trend | grid]] — Your leadership scorecard');
    expect(leader).toContain('/clause5 floorwalk schedule <day> <HH:MM> —');
    expect(leader).not.toContain('[@leader]');
    expect(leader).not.toContain('admin site');
    const manager = await helpOf('quinn');
    expect(manager).toContain('As a quality manager you see every scorecard');
    expect(manager).toContain('/clause5 scorecard [@leader | site "<name>" | all] [period]');
    expect(manager).toContain('floorwalk schedule <day> <HH:MM> [@leader]');
    expect(manager).not.toContain('admin role');
    expect(await helpOf('ada')).toContain('admin role');
  });

  it('refusals name who may, not another role’s rule', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const { say } = await smallOrg(core);
    const refused = await say('jo', 'scorecard @maria');
    expect(refused).not.toContain('Leaders can see only their own');
    expect(refused).toBe(
      'Only a leader, a quality manager or an admin can use /clause5 scorecard. Your role is member. Type /clause5 help for what you can do.',
    );
    expect(await say('jo', 'meeting add "Stand-up" weekdays 07:30')).toContain('Only a leader, a quality manager or an admin can use /clause5 meeting add.');
    expect(await say('jo', 'floorwalk schedule fri 14:00')).toContain('Your role is member.');
    // A leader still hears the leader's rule.
    expect(await say('maria', 'scorecard @quinn')).toContain('Leaders can see only their own scorecard');
  });
});

describe('the home page by role', () => {
  it('a member sees their follow-ups and a member’s buttons, no leader’s week and no scorecard', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const { say } = await smallOrg(core);
    await say('maria', 'followup add @jo 2026-11-27 Fix the guard on press 4');
    const actor = await core.bot.resolveActor(core.as('local:jo'));
    const home = await homeMessage(core.deps, actor, 'run-command');
    const text = textOf(home);
    expect(text).toContain('Fix the guard on press 4');
    expect(text).not.toContain('Floor-walk streak');
    expect(text).not.toContain('meeting add');
    const labels = home.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons.map((x) => x.label) : []));
    expect(labels).toEqual(['Post a win', 'Log a floor walk', 'My follow-ups', 'Help']);
  });

  it('a quality manager’s button shows all scorecards, not “My scorecard”', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    await smallOrg(core);
    const actor = await core.bot.resolveActor(core.as('local:quinn'));
    const home = await homeMessage(core.deps, actor, 'run-command');
    const buttons = home.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
    expect(buttons.map((b) => b.label)).toContain('All scorecards');
    expect(buttons.map((b) => b.label)).not.toContain('My scorecard');
  });
});
