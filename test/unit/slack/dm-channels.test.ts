// The DM channels Slack names are known at once and written behind, in batches (one statement a
// batch), on both engines: after the delay (an injected sleep, released by hand), at a full batch,
// and at stop; a failed write is logged, never thrown, tried once more, then dropped.
import { beforeEach, describe, expect, it } from 'vitest';
import { type Logger, silentLogger } from '../../../src/core/ports';
import { SlackDmChannels } from '../../../src/platforms/slack/dm-channels';
import type { PlatformState } from '../../../src/platforms/state';
import { describeEngines } from '../../support/engines';

/** The sleeps the batcher asked for, released when the test says the delay is over. */
function manualSleep() {
  const sleeping: Array<() => void> = [];
  return {
    sleep: (_ms: number) => new Promise<void>((resolve) => sleeping.push(resolve)),
    pending: () => sleeping.length,
    /** Ends every sleep and waits for the writes they start. */
    async elapse(dm: SlackDmChannels) {
      for (const wake of sleeping.splice(0)) wake();
      await new Promise((resolve) => setImmediate(resolve));
      await dm.idle();
    },
  };
}

describeEngines('Slack DM channels written behind', (engine) => {
  let state: PlatformState;
  let timer: ReturnType<typeof manualSleep>;
  let warnings: object[];
  const log: Logger = { ...silentLogger, warn: (o: object) => void warnings.push(o) };
  const dmChannels = (maxRows = 100) => new SlackDmChannels(state.slackDmChannels, { maxRows, delayMs: 250, sleep: timer.sleep, log });
  const stored = async () => (await engine.rows('slack_dm_channels')).map((r) => `${r.teamId} ${r.userId} ${r.channelId}`).sort();
  const users = (n: number) => Array.from({ length: n }, (_, i) => `U${String(i).padStart(3, '0')}`);

  beforeEach(async () => {
    await engine.open(() => 1_000);
    state = engine.platformState(() => 1_000);
    timer = manualSleep();
    warnings = [];
  });

  it('N channels named within the delay: known at once, written in one statement when it ends', async () => {
    const dm = dmChannels();
    const statements = engine.countStatements();
    for (const user of users(30)) await dm.remember('T1', user, `D${user}`);
    expect(await dm.get('T1', 'U007')).toBe('DU007'); // from memory, before any write
    expect(statements?.()).toBe(0);
    expect(timer.pending()).toBe(1); // one delay for the batch, not one a channel
    await timer.elapse(dm);
    expect(statements?.()).toBe(1);
    expect(await stored()).toEqual(users(30).map((u) => `T1 ${u} D${u}`));
  });

  it('a full batch is written at once, the rest after the delay', async () => {
    const dm = dmChannels(5);
    const statements = engine.countStatements();
    for (const user of users(12)) await dm.remember('T1', user, `D${user}`);
    await dm.idle();
    expect(statements?.()).toBe(2);
    expect(await stored()).toHaveLength(10);
    await timer.elapse(dm);
    expect(await stored()).toHaveLength(12);
  });

  it('stop writes what waits; a channel named after stop is written before remember resolves', async () => {
    const dm = dmChannels();
    for (const user of users(3)) await dm.remember('T1', user, `D${user}`);
    await dm.stop();
    expect(await stored()).toHaveLength(3);
    await dm.remember('T1', 'ULATE', 'DLATE');
    expect(await stored()).toContain('T1 ULATE DLATE');
  });

  it('a changed channel overwrites the row; an unchanged one writes nothing', async () => {
    const dm = dmChannels();
    await dm.remember('T1', 'U1', 'D111');
    await dm.flush();
    const statements = engine.countStatements();
    await dm.remember('T1', 'U1', 'D111');
    await dm.flush();
    expect(statements?.()).toBe(0);
    await dm.remember('T1', 'U1', 'D222');
    await dm.flush();
    expect(await stored()).toEqual(['T1 U1 D222']);
    // Another process reads it from the database.
    expect(await new SlackDmChannels(state.slackDmChannels).get('T1', 'U1')).toBe('D222');
  });

  it('the store writes many rows in one statement; of two for one user the later wins', async () => {
    await state.slackDmChannels.put('T1', 'U1', 'D000');
    const statements = engine.countStatements();
    await state.slackDmChannels.putMany([
      { teamId: 'T1', userId: 'U1', channelId: 'D111' },
      { teamId: 'T1', userId: 'U2', channelId: 'D2' },
      { teamId: 'T1', userId: 'U1', channelId: 'D333' },
      { teamId: 'T2', userId: 'U1', channelId: 'D4' },
    ]);
    expect(statements?.()).toBe(1);
    expect(await stored()).toEqual(['T1 U1 D333', 'T1 U2 D2', 'T2 U1 D4']);
  });

  describe('a write that fails', () => {
    const hideTable = () => engine.execute('ALTER TABLE slack_dm_channels RENAME TO slack_dm_channels_away');
    const restoreTable = () => engine.execute('ALTER TABLE slack_dm_channels_away RENAME TO slack_dm_channels');

    it('is logged, never thrown, and tried once more with the next write', async () => {
      const dm = dmChannels();
      await hideTable();
      try {
        await dm.remember('T1', 'U1', 'D1');
        await dm.remember('T1', 'U2', 'D2');
        await timer.elapse(dm);
        expect(warnings).toEqual([expect.objectContaining({ rows: 2, dropped: 0 })]);
        expect(await dm.get('T1', 'U1')).toBe('D1'); // still known in memory
      } finally {
        await restoreTable();
      }
      await timer.elapse(dm); // the retry waits the delay again
      expect(await stored()).toEqual(['T1 U1 D1', 'T1 U2 D2']);
    });

    it('twice drops the rows and forgets them, so that the next naming writes them again', async () => {
      const dm = dmChannels();
      await hideTable();
      try {
        await dm.remember('T1', 'U1', 'D1');
        await timer.elapse(dm);
        await timer.elapse(dm);
        expect(warnings).toEqual([expect.objectContaining({ rows: 1, dropped: 0 }), expect.objectContaining({ rows: 1, dropped: 1 })]);
        expect(timer.pending()).toBe(0); // nothing left to retry
        // After stop too: remember resolves, the failure is only logged.
        await dm.stop();
        await expect(dm.remember('T1', 'U2', 'D2')).resolves.toBeUndefined();
      } finally {
        await restoreTable();
      }
      expect(await stored()).toEqual([]);
      expect(await dm.get('T1', 'U1')).toBeUndefined();
      await dm.remember('T1', 'U1', 'D1');
      // Written at once (stopped), with U2's row that failed once.
      expect(await stored()).toEqual(['T1 U1 D1', 'T1 U2 D2']);
    });
  });
});
