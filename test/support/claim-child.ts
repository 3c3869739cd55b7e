// One of two real processes racing to claim the same due deliveries of one SQLite file (the
// claim-race test). It says it is ready, waits for the start file, so both begin together, claims in small batches
// until nothing is ready, and prints the ids it got as JSON.
// Usage: node --import tsx test/support/claim-child.ts <db> <owner> <start file> <now> <batch>
import { existsSync, writeFileSync } from 'node:fs';
import { openSqliteStore } from '../../src/store/sqlite';

const [dbPath, owner, startFile, nowArg, batchArg] = process.argv.slice(2);
if (!dbPath || !owner || !startFile) throw new Error('usage: claim-child <db> <owner> <start file> <now> <batch>');
const now = Number(nowArg);
const store = openSqliteStore(dbPath, () => now);
writeFileSync(`${startFile}.${owner}.ready`, String(process.pid));
const deadline = Date.now() + 30_000;
while (!existsSync(startFile)) {
  if (Date.now() > deadline) throw new Error('no start signal');
  await new Promise((resolve) => setImmediate(resolve));
}
const ids: number[] = [];
for (;;) {
  const batch = await store.deliveries.claim({ now, leaseMs: 3_600_000, owner, limit: Number(batchArg) });
  if (batch.length === 0) break;
  ids.push(...batch.map((d) => d.id));
}
store.close();
process.stdout.write(JSON.stringify(ids));
