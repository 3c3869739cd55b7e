// A real sender process for the kill test: drains the deliveries of a SQLite file through a
// network-edge platform that appends each delivered message to a log file synchronously (the
// "remote side"), and exits when nothing is pending or leased any more. Each line is
// '<summary>\t<delivery key>', written in one append, and the platform's findSent reads the log
// back, as Slack's conversations.history is read for a delivery key.
// Usage: node --import tsx test/support/scheduler-child.ts <db> <log> [leaseMs] [sendDelayMs] [stallAfter]
// With stallAfter N, the process hangs after the Nth message reached the remote side, before its
// outcome is recorded: the moment a kill turns into a duplicate unless the restart looks first.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCore } from '../../src/core/create';
import type { Message } from '../../src/core/model';
import { silentLogger, systemClock, type ChatPlatform, type MessageRef } from '../../src/core/ports';
import { createScheduler } from '../../src/scheduler/scheduler';
import { openSqliteStore } from '../../src/store/sqlite';
import { keyComposer, testModule } from './scheduler-fixtures';
import { LOCAL_LIMITS } from '../../src/platforms/local/platform';

const [dbPath, logPath, leaseArg, delayArg, stallArg] = process.argv.slice(2);
if (!dbPath || !logPath) throw new Error('usage: scheduler-child <db> <log> [leaseMs] [sendDelayMs] [stallAfter]');
const leaseMs = Number(leaseArg ?? 1_000);
const sendDelayMs = Number(delayArg ?? 3);
const stallAfter = stallArg === undefined ? undefined : Number(stallArg);

let sends = 0;
const remote = (_to: string, message: Message, deliveryKey = ''): Promise<MessageRef> =>
  sleep(sendDelayMs).then(async () => {
    appendFileSync(logPath, `${message.summary}\t${deliveryKey}\n`);
    if (++sends === stallAfter) await sleep(600_000);
    return `${process.pid}-${sends}`;
  });

const platform: ChatPlatform = {
  name: 'local',
  limits: LOCAL_LIMITS,
  sendDirect: (_orgId, personId, message, options) => remote(personId, message, options?.deliveryKey),
  postToChannel: (_orgId, channel, message, options) => remote(channel, message, options?.deliveryKey),
  async findSent(_orgId, _target, deliveryKey) {
    if (!existsSync(logPath)) return undefined;
    const found = readFileSync(logPath, 'utf8')
      .split('\n')
      .some((line) => line.split('\t')[1] === deliveryKey);
    return found ? `${process.pid}-found-${deliveryKey}` : undefined;
  },
};

const store = openSqliteStore(dbPath, () => Date.now());
const core = createCore({
  store,
  clock: systemClock,
  log: silentLogger,
  platform,
  settings: { defaultTimeZone: 'UTC', graceMs: 6 * 3_600_000 },
});
// One send at a time, so at most one message is in flight when the process is killed.
const scheduler = createScheduler({
  deps: core.deps,
  modules: [testModule([], [keyComposer('win_post')])],
  leaseMs,
  concurrency: 1,
});

for (;;) {
  await scheduler.drain(Date.now());
  const counts = await store.deliveries.counts();
  if (counts.pending === 0 && counts.sending === 0) break;
  await sleep(50); // a row leased by a killed process: wait for its lease to run out
}
store.close();
