// Bidi overrides/isolates and NULs are stripped where text enters the core: typed commands, form
// fields, the roster, and a person's profile name on first sight. What is stored (and so shown)
// no longer carries them.
import { afterEach, describe, expect, it } from 'vitest';
import { importRoster } from '../../../src/core/people/roster';
import { safeText } from '../../../src/core/safe-text';
import type { TestCore } from '../../support/core';
import { LEADER, ORG, replyText, say, walksCore } from '../floor-walks/support';

let core: TestCore;
afterEach(() => core?.cleanup());

const START = '2026-11-24T15:00:00Z';
/** Every character that must go: LRE RLE PDF LRO RLO, LRI RLI FSI PDI, NUL. */
const UNSAFE = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u0000'];
const HIDDEN = /[\u0000\u202a-\u202e\u2066-\u2069]/;

describe('safe text', () => {
  it('removes exactly the bidi controls and NUL', () => {
    expect(safeText(`a${UNSAFE.join('')}b`)).toBe('ab');
    expect(safeText('Invoice \u202Egpj.exe')).toBe('Invoice gpj.exe');
    expect(safeText('Zoë — שלום ‎مرحبا 👍')).toBe('Zoë — שלום ‎مرحبا 👍'); // other text (and the LRM mark) untouched
  });

  it('from typed commands and form fields: meeting titles, wins, walk notes', async () => {
    ({ core } = await walksCore(START));
    expect(await say(core, LEADER, 'meeting add "Line\u202E 3 daily\u0000" weekdays 07:30')).toContain('Meeting added');
    expect((await core.store.meetings.list(ORG, LEADER))[0]!.title).toBe('Line 3 daily');
    await say(core, LEADER, 'win cut scrap on \u2066line 3\u2069 by 12 %');
    const [win] = await core.store.wins.recent(ORG, 0);
    expect(win!.text).toBe('cut scrap on line 3 by 12 %');
    const walk = await core.bot.handleFormSubmit(
      core.as(LEADER),
      'floorwalk.log',
      { area: 'Dock\u202D 4', date: '2026-11-24', wentWell: 'tidy\u0000 floor' },
      '{}',
    );
    expect(replyText(walk)).toContain('Area: Dock 4');
    const [stored] = await core.store.walks.list(ORG, LEADER, '2026-W48', '2026-W48');
    expect(stored).toMatchObject({ area: 'Dock 4', wentWell: 'tidy floor' });
    expect(await say(core, LEADER, 'me')).not.toMatch(HIDDEN);
  });

  it('from the roster and from a profile name on first sight', async () => {
    ({ core } = await walksCore(START));
    const csv = ['id_or_handle,name,role,site,team,time_zone,walk_day,walk_time,joined_on', 'eve,"Eve \u202Egnp.exe",leader,Plant 1,,,,,'].join('\r\n');
    expect((await importRoster(core.deps, ORG, csv, null)).errors).toEqual([]);
    expect((await core.store.people.get(ORG, 'local:eve'))!.displayName).toBe('Eve gnp.exe');
    const inbound = { ...core.as('local:zed'), profile: async () => ({ displayName: 'Zed\u2067 Admin\u2069\u0000', handle: 'z\u202Eed' }) };
    await core.bot.handleCommand(inbound, 'help');
    expect(await core.store.people.get(ORG, 'local:zed')).toMatchObject({ displayName: 'Zed Admin', handle: 'zed' });
  });
});
