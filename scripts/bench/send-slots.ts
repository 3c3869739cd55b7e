// Benchmark: what counting every message in the shared send log costs (issue 15's pacing across
// instances). The Slack pacer's acquire + answered, as the Web API client calls them, for messages
// spread over workspaces and DM channels so that no message waits for its slot, with 4 in flight
// (the sender's default): the send log in this process (the baseline), in SQLite, and in
// PostgreSQL (skipped when no server answers). Per message, and against a 50 ms Slack call.
// Run: node --import tsx scripts/bench/send-slots.ts [--messages 2000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MemorySendSlots } from '../../src/platforms/send-slots';
import { Pacer } from '../../src/platforms/slack/pacer';
import type { SendSlotLog } from '../../src/platforms/state';
import { openPgDatabase } from '../../src/store/pg/db';
import { createPgPlatformState } from '../../src/store/pg/platform-state';
import { openDatabase } from '../../src/store/sqlite/db';
import { createSqlitePlatformState } from '../../src/store/sqlite/platform-state';
import { scratchDatabase } from '../../test/support/pg-databases';
import { emit, fmt, isMain, log, type BenchRow } from './report';

const IN_FLIGHT = 4;
const WORKSPACES = 50;
const SLACK_CALL_MS = 50;

/** Microseconds per message through the pacer with this send log. */
async function perMessage(slots: SendSlotLog, messages: number): Promise<number> {
  const pacer = new Pacer({ slots, sleep: async () => {} });
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < messages; i = next++) {
      const answered = await pacer.acquire(`T${i % WORKSPACES}`, 'chat.postMessage', `U${i}`);
      answered();
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return ((performance.now() - start) * 1000) / messages;
}

export async function sendSlotsBench(messages: number): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'clause5-send-slots-'));
  const results: Array<[string, number]> = [];
  try {
    await perMessage(new MemorySendSlots(), messages); // warm-up
    results.push(['in this process', await perMessage(new MemorySendSlots(), messages)]);
    const sqlite = openDatabase(join(dir, 'slots.db'));
    results.push(['SQLite', await perMessage(createSqlitePlatformState(sqlite, Date.now).sendSlots, messages)]);
    sqlite.close();
    const scratch = await scratchDatabase('clause5_bench_slots').catch(() => undefined);
    if (scratch) {
      const pg = await openPgDatabase(scratch.url, { poolSize: 8 });
      try {
        results.push(['PostgreSQL', await perMessage(createPgPlatformState(pg, Date.now).sendSlots, messages)]);
      } finally {
        await pg.close();
        await scratch.drop();
      }
    } else log('send-slots: no PostgreSQL server answered; its row is left out');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const baseline = results[0]![1];
  for (const [where, us] of results) log(`send-slots ${where}: ${fmt(us)} µs a message`);
  return results.slice(1).map(([where, us]) => ({
    what: `Pacing shared across instances: counting a Slack message in the send log (${where})`,
    how: `${messages.toLocaleString('en')} messages over ${WORKSPACES} workspaces, one DM each, ${IN_FLIGHT} in flight, none held back by the limit; the pacer's acquire + answered as the Web API client calls them`,
    result: `${fmt(us)} µs a message (${fmt((us / 1000 / SLACK_CALL_MS) * 100, 2)}% of a ${SLACK_CALL_MS} ms Slack call)`,
    baseline: `${fmt(baseline)} µs a message with the log in this process, same run`,
    ratio: `+${fmt(us - baseline)} µs`,
  }));
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { messages: { type: 'string', default: '2000' } } });
  sendSlotsBench(Number(values.messages)).then(
    (rows) => emit('send-slots', rows),
    (error: unknown) => {
      log(`send-slots failed: ${error instanceof Error ? error.stack : String(error)}`);
      process.exitCode = 1;
    },
  );
}
