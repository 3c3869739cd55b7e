// Issue 10 item 16: the small texts a new user tripped over, each through the core.
import { afterEach, describe, expect, it } from 'vitest';
import { walkForm } from '../../../src/core/floor-walks/walk-form';
import { winFormFor } from '../../../src/core/wins/form';
import { makeTestCore, type TestCore } from '../../support/core';
import { smallOrg, textOf } from '../people/helpers';

let core: TestCore;
afterEach(() => core?.cleanup());

describe('small texts', () => {
  it('the win form’s metric field does not say “(optional)” twice', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    await smallOrg(core);
    const actor = await core.bot.resolveActor(core.as('local:maria'));
    const metric = (await winFormFor(core.deps, actor)).fields.find((f) => f.id === 'metric')!;
    expect(metric).toMatchObject({ label: 'Metric', optional: true });
  });

  it('a meeting with lead 0 is reminded “at the start time”, never “0 min before”', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const { say } = await smallOrg(core);
    await say('maria', 'meeting add "Huddle" weekdays 07:30 lead 0m');
    const list = await say('maria', 'meeting list');
    expect(list).toContain('reminder at the start time');
    expect(list).not.toContain('0 min before');
  });

  it('“me” shows the handle you type (@maria), not only the display name', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const { say } = await smallOrg(core);
    const me = await say('maria', 'me');
    expect(me).toContain('@maria (Maria Lopez) in');
    expect(me).toContain('Handle: @maria (type this to name you in commands)');
  });

  it('an unknown name tells an admin how people are added, not to “ask an admin”', async () => {
    core = makeTestCore('2026-11-23T15:00:00Z');
    const { say } = await smallOrg(core);
    const reply = await say('ada', 'admin role @nobody leader');
    expect(reply).not.toContain('ask an admin');
    expect(reply).toContain('roster import');
    expect(await say('quinn', 'scorecard @nobody')).not.toContain('ask an admin');
  });

  it('the walk form asks a follow-up’s owner and due date only when the follow-up has a text, and bounds its dates', async () => {
    core = makeTestCore('2026-11-24T15:00:00Z');
    await smallOrg(core);
    const actor = await core.bot.resolveActor(core.as('local:maria'));
    const fields = (await walkForm(core.deps, actor)).fields;
    const byId = (id: string) => fields.find((f) => f.id === id)!;
    expect(byId('followup3Owner')).toMatchObject({ optional: true, askIf: 'followup3' });
    expect(byId('followup3Due')).toMatchObject({ optional: true, askIf: 'followup3', earliest: '2026-11-24' });
    expect(byId('date')).toMatchObject({ earliest: '2026-10-25', latest: '2026-11-24' });
    // A blank third action is no error: the walk is saved with the first one.
    const reply = await core.bot.handleFormSubmit(
      core.as('local:maria'),
      'floorwalk.log',
      {
        area: 'Line 2',
        date: '2026-11-24',
        followup1: 'Fix the guard',
        followup1Owner: '@jo',
        followup1Due: '2026-11-30',
        followup3: '',
      },
      '{}',
    );
    expect(reply.formErrors).toBeUndefined();
    expect(textOf(reply.message)).toContain('Follow-up actions (1)');
  });
});
