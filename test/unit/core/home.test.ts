// The home page the core composes for a person (Slack shows it as the App Home tab).
import { afterEach, describe, expect, it } from 'vitest';
import { homeMessage } from '../../../src/core/home';
import { makeTestCore, type TestCore } from '../../support/core';
import { smallOrg, textOf } from '../people/helpers';

let core: TestCore;
afterEach(() => core?.cleanup());

async function homeOf(handle: string) {
  const actor = await core.bot.resolveActor(core.as(`local:${handle}`));
  return homeMessage(core.deps, actor, 'run-command');
}

describe('the home page', () => {
  it('shows a leader’s week, upcoming reminders, open follow-ups and command buttons, without the site summary', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z'); // Monday 09:00 in Chicago
    const { say } = await smallOrg(core);
    await say('ada', 'admin role @jo leader');
    await say('jo', 'meeting add "Line 3 stand-up" weekdays 07:30');
    const home = await homeOf('jo');
    expect(home.heading).toBe('Clause5 — Jo Rivera');
    const text = textOf(home);
    expect(text).toContain('This week (2026-W48)');
    expect(text).toContain('Floor walk: not logged yet — I ask on Friday at 14:00');
    expect(text).toContain('Floor-walk streak: 0 weeks (best 0)');
    expect(text).toContain('Line 3 stand-up — ');
    expect(text).toContain('Nothing open. Nice.');
    expect(text).not.toContain('Riverside Plant this week');
    const buttons = home.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
    expect(buttons.map((b) => [b.label, b.action, b.value])).toEqual([
      ['Log a floor walk', 'run-command', 'floorwalk'],
      ['Post a win', 'run-command', 'win'],
      ['My scorecard', 'run-command', 'scorecard'],
      ['Help', 'run-command', 'help'],
    ]);
  });

  it('adds the site summary for a quality manager, with a button for the full scorecard', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const { say } = await smallOrg(core);
    await say('maria', 'floorwalk log "Line 2" today');
    const text = textOf(await homeOf('quinn'));
    expect(text).toContain('Riverside Plant this week (1 leaders)');
    expect(text).toContain('Index: ');
    expect(text).toContain('Floor walks: ');
    const buttons = (await homeOf('quinn')).blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
    expect(buttons.at(-1)).toMatchObject({ label: 'Full scorecard', action: 'run-command', value: 'scorecard site "Riverside Plant"' });
  });
});
