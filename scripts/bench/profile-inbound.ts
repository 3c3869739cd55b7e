// A profiling aid, not one of the benchmarks: the inbound load (closed loop, 5 s) against a
// `clause5 serve` started with --cpu-prof, then a count of its log lines by message.
// Run: PROF_DIR=/tmp/prof [KINDS=command,app_mention] [RATE=1000 (open loop)] node --import tsx scripts/bench/profile-inbound.ts
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_PREFIX } from './fake-server';
import { SECRET, startClause5, USERS, WORKSPACE } from './inbound';
import { LOAD_PREFIX, type LoadResult } from './load';
import { runForResult, sleep, spawnTs } from './procs';
import type { SlackRequestKind } from './slack-payloads';

const dir = mkdtempSync(join(tmpdir(), 'clause5-prof-'));
const dbPath = join(dir, 'clause5.db');
const fake = spawnTs('scripts/bench/fake-server.ts', [JSON.stringify({ kind: 'slack', workspace: WORKSPACE, users: USERS, responseUrls: 200 })]);
const ready = JSON.parse((await fake.line(new RegExp(`^${FAKE_PREFIX}(.*)$`)))[1]!) as { url: string; responseUrls: string[] };
const server = await startClause5(ready.url, dbPath, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${process.env.PROF_DIR ?? join(dir, 'prof')}`] });
const kinds = process.env.KINDS ? (process.env.KINDS.split(',') as SlackRequestKind[]) : undefined;
const slack = {
  signingSecret: SECRET,
  teamId: WORKSPACE.teamId,
  teamDomain: 'bench',
  botUserId: WORKSPACE.botUserId,
  users: USERS,
  responseUrls: ready.responseUrls,
  ...(kinds ? { kinds } : {}),
};
const mode = process.env.RATE ? { mode: 'open', rate: Number(process.env.RATE), connections: 256 } : { mode: 'closed', connections: 32 };
const result = await runForResult<LoadResult>(
  'scripts/bench/load.ts',
  [JSON.stringify({ url: server.url, ...mode, durationMs: 5000, warmupMs: 1000, slack })],
  LOAD_PREFIX,
);
console.log(`${result.throughput}/s`, result.latency);
await sleep(3000);
await server.child.stop();
await fake.stop();
const byMessage: Record<string, number> = {};
for (const line of readFileSync(`${dbPath}.log`, 'utf8').split('\n').filter(Boolean)) {
  let key = line.slice(0, 60);
  try {
    const entry = JSON.parse(line) as { level: number; msg: string };
    key = `${entry.level} ${entry.msg}`;
  } catch {
    // the banner
  }
  byMessage[key] = (byMessage[key] ?? 0) + 1;
}
console.log(byMessage, `profile in ${process.env.PROF_DIR ?? join(dir, 'prof')}`);
