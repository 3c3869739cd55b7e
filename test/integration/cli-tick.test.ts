// `clause5 tick --at` ahead of the real clock warns that the stored pass time moves ahead with it.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { runCliInProcess } from '../unit/cli/support';

let dir: string;
beforeEach(() => {
  dir = tempDir('clause5-tick-');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCliInProcess(args, { CLAUSE5_DB: join(dir, 'data', 'clause5.db'), CLAUSE5_DEFAULT_TZ: 'America/Chicago' });

describe('clause5 tick --at', { timeout: 60_000 }, () => {
  it('warns when --at is ahead of the real clock, and not when it is in the past', async () => {
    const past = await cli(['tick', '--at', new Date(Date.now() - 3_600_000).toISOString()]);
    expect(past.code).toBe(0);
    expect(past.stderr).not.toContain('ahead of the real clock');

    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const ahead = await cli(['tick', '--at', future]);
    expect(ahead.code).toBe(0);
    expect(ahead.stderr).toContain(`Warning: --at ${future} is ahead of the real clock`);
    expect(ahead.stderr).toContain('The stored last pass time moves ahead with it');

    // Back before that stored (future) pass time: refused unless --force (issue 10 item 13).
    const back = await cli(['tick', '--at', new Date(Date.now() - 1_800_000).toISOString()]);
    expect(back.code).toBe(2);
    expect(back.stderr).toContain('is before the stored last pass');
    const forced = await cli(['tick', '--at', new Date(Date.now() - 1_800_000).toISOString(), '--force']);
    expect(forced.code).toBe(0);
  });
});
