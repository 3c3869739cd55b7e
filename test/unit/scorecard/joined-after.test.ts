// A scorecard of a period before a leader joined says why its figures are n/a, instead of a wall of n/a.
import { afterEach, describe, expect, it } from 'vitest';
import { plainText, type Block, type Message } from '../../../src/core/model';
import { makeTestCore, type TestCore } from '../../support/core';
import { ANN, QUINN, seedPlant } from './fixture';

let core: TestCore;
afterEach(() => core?.cleanup());

function textOf(message: Message | undefined): string {
  const block = (b: Block): string => (b.type === 'text' || b.type === 'context' ? plainText(b.text) : '');
  return (message?.blocks ?? []).map(block).join('\n');
}

async function scorecard(personId: string, args: string): Promise<string> {
  core = makeTestCore('2026-12-02T15:00:00Z');
  seedPlant(core);
  return textOf((await core.bot.handleCommand(core.as(personId), `scorecard ${args}`)).message);
}

describe('a scorecard of a period before leaders joined', () => {
  it('names the leaders who joined after the period, and only them', async () => {
    // Ann joined 2026-01-05 and Ben 2025-06-01, before this period; Cat on 2026-11-18, after it.
    const text = await scorecard(QUINN, 'all 2026-11-02..2026-11-08');
    expect(text).toContain('Joined 2026-11-18, after this period: nothing was owed in it.');
    expect(text.match(/after this period: nothing was owed/g)).toHaveLength(1);
    expect(text).not.toContain('Every leader here joined after this period');
  });

  it('says so once at the top when every leader joined after the period', async () => {
    const text = await scorecard(QUINN, 'all 2025-02-03..2025-02-09');
    expect(text).toContain('Every leader here joined after this period (the first on 2025-06-01), so nothing was owed in it');
    expect(text).not.toContain('after this period: nothing was owed'); // said once, not under each leader
  });

  it('does not flag a leader who joined during the period', async () => {
    // Cat joined on 2026-11-18, inside this week: she owed its last days.
    const text = await scorecard(QUINN, 'all 2026-11-16..2026-11-22');
    expect(text).not.toContain('after this period');
  });

  it("says nothing of the kind for a leader's own period after joining", async () => {
    const text = await scorecard(ANN, '2026-11-02..2026-11-29');
    expect(text).not.toContain('after this period');
  });
});
