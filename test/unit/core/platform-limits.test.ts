// Each platform declares its limits (ChatPlatform.limits) and the core cuts its messages to the
// limits of the platform that owns the organisation, not to numbers of its own.
import { afterEach, describe, expect, it } from 'vitest';
import { plainText } from '../../../src/core/model';
import type { PlatformName } from '../../../src/core/people/types';
import { systemClock, type ChatPlatform, type Clock, type PlatformLimits } from '../../../src/core/ports';
import { LOCAL_LIMITS, LocalPlatform } from '../../../src/platforms/local/platform';
import { PlatformRouter } from '../../../src/platforms/router';
import { SLACK_LIMITS } from '../../../src/platforms/slack/platform';
import { makeTestCore, type TestCore } from '../../support/core';
import { QUINN, seeder, seedPlant } from '../scorecard/fixture';

let core: TestCore;
afterEach(() => core?.cleanup());

/** A terminal that stands for platform `name` with other limits. */
function pretending(name: PlatformName, limits: Partial<PlatformLimits>, clock: Clock = core.clock): ChatPlatform {
  const platform = new LocalPlatform(clock);
  Object.defineProperty(platform, 'name', { value: name });
  Object.defineProperty(platform, 'limits', { value: { ...LOCAL_LIMITS, ...limits } });
  return platform;
}

async function scorecardBlocks(): Promise<{ count: number; text: string }> {
  const reply = await core.bot.handleCommand(core.as(QUINN), 'scorecard last-week');
  const blocks = reply.message!.blocks;
  return { count: blocks.length, text: blocks.map((b) => ('text' in b ? plainText(b.text) : '')).join('\n') };
}

describe('platform limits', () => {
  it('Slack declares Block Kit’s numbers; the router answers with the owning platform’s', () => {
    expect(SLACK_LIMITS).toEqual({ messageBlocks: 50, pickerOptions: 100, buttonValue: 2000 });
    const router = new PlatformRouter([new LocalPlatform(systemClock), pretending('teams', { messageBlocks: 30 }, systemClock)]);
    expect(router.limitsFor('local')).toBe(LOCAL_LIMITS);
    expect(router.limitsFor('teams:tenant').messageBlocks).toBe(30);
    expect(router.limits.messageBlocks).toBe(30); // the strictest, when no organisation is named
  });

  it('the scorecard is cut to the platform’s blocks per message, and says so', async () => {
    core = makeTestCore('2026-12-02T15:00:00Z');
    seedPlant(core);
    const s = seeder(core);
    for (let i = 0; i < 30; i++) s.person({ id: `local:extra${i}`, name: `Extra ${String(i).padStart(2, '0')}` });

    const roomy = await scorecardBlocks();
    (core.deps.platform as PlatformRouter).add(pretending('local', { messageBlocks: 20 }));
    const tight = await scorecardBlocks();
    expect(tight.count).toBeLessThan(20); // the heading is a block too
    expect(roomy.count).toBeGreaterThan(40);
    expect(roomy.count).toBeLessThan(50);
    expect(tight.text).toMatch(/\d+ more section\(s\) not shown here/);
  });
});
