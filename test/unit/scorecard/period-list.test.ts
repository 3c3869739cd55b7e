// One list of period words: what the parser reads is what chat help, the command line's help and
// the README show; and the scorecard says which period it compares with.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { USAGE } from '../../../src/cli/usage';
import { PERIOD_HELP, PERIOD_WORDS } from '../../../src/core/scorecard/period';
import { makeTestCore, type TestCore } from '../../support/core';
import { smallOrg } from '../people/helpers';

let core: TestCore;
afterEach(() => core?.cleanup());

const shown = (word: string) => (word.includes('..') ? '<from>..<to>' : word);

describe('the period list', () => {
  it('chat help, CLI help and the README show every period word the parser reads', async () => {
    core = makeTestCore('2026-11-25T15:00:00Z');
    const { say } = await smallOrg(core);
    const chatHelp = await say('quinn', 'help scorecard');
    const readme = readFileSync('README.md', 'utf8').replace(/`/g, '');
    expect(chatHelp).toContain(`Periods: ${PERIOD_HELP}`);
    expect(readme).toContain(PERIOD_HELP);
    for (const word of PERIOD_WORDS) {
      expect(USAGE, word).toContain(shown(word));
      expect(chatHelp, word).toContain(shown(word));
    }
    // Every word of the list gives a scorecard (none is refused as unknown).
    for (const word of PERIOD_WORDS.filter((w) => w !== '2026-W53')) {
      expect(await say('quinn', `scorecard ${word}`), word).toContain('compared with');
    }
  });

  it('says which period last-month and last-quarter compare with: the calendar one before', async () => {
    core = makeTestCore('2026-12-02T15:00:00Z');
    const { say } = await smallOrg(core);
    expect(await say('quinn', 'scorecard last-month')).toContain(
      'November 2026 (2026-11-01 – 2026-11-30), compared with the month before, October 2026 (2026-10-01 – 2026-10-31).',
    );
    expect(await say('quinn', 'scorecard last-quarter')).toContain(
      'Q3 2026 (2026-07-01 – 2026-09-30), compared with the quarter before, Q2 2026 (2026-04-01 – 2026-06-30).',
    );
    expect(await say('quinn', 'scorecard 2026-11-01..2026-11-10')).toContain('compared with the 10 days before, 2026-10-22 – 2026-10-31.');
  });
});
