import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/ports';
import { Backlog } from '../../../src/platforms/slack/backlog';

/** A job that runs until `finish()` is called, recording when it started. */
function gate(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    work: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
      return name;
    },
    finish: () => finish(),
  };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Backlog (work after Slack acks)', () => {
  it('runs at most `concurrency` jobs at once and starts the others in arrival order', async () => {
    const backlog = new Backlog(silentLogger, 2);
    const log: string[] = [];
    const jobs = ['a', 'b', 'c', 'd'].map((n) => gate(log, n));
    const results = jobs.map((j) => backlog.run(j.work));
    await turn();
    expect(log).toEqual(['start a', 'start b']);
    expect(backlog.size).toBe(4);
    jobs[1]!.finish();
    await turn();
    await turn();
    expect(log).toEqual(['start a', 'start b', 'end b', 'start c']);
    jobs[0]!.finish();
    jobs[2]!.finish();
    jobs[3]!.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(log.filter((l) => l.startsWith('start'))).toEqual(['start a', 'start b', 'start c', 'start d']);
    expect(backlog.size).toBe(0);
  });

  it('a failing job passes its error on and frees its slot', async () => {
    const backlog = new Backlog(silentLogger, 1);
    const failing = backlog.run(async () => {
      throw new Error('boom');
    });
    const next = backlog.run(async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('next');
    expect(backlog.size).toBe(0);
  });

  it('a waiting job starts on a later turn of the event loop, not straight after the one before', async () => {
    const backlog = new Backlog(silentLogger, 1);
    const order: string[] = [];
    const first = backlog.run(async () => {
      order.push('first');
    });
    const second = backlog.run(async () => {
      order.push('second');
    });
    // Something that arrives while the first job runs (a new request) gets in before the second.
    setImmediate(() => order.push('request'));
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'request', 'second']);
  });
});
