// Profiling helper (not part of npm run bench): the inbound load against a server started with --cpu-prof.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_PREFIX } from './fake-server';
import { slackUserOf } from './leaders';
import { LOAD_PREFIX, type LoadResult } from './load';
import { freePort, runForResult, sleep, spawnTs } from './procs';

const SECRET = 'bench-signing-secret';
const WORKSPACE = { teamId: 'T0BENCH', teamName: 'Bench Plants', botToken: 'xoxb-bench-inbound-token', botUserId: 'UBOTBENCH', botId: 'BBENCH' };
const USERS = Array.from({ length: 50 }, (_, i) => slackUserOf(i + 1));
const dir = mkdtempSync(join(tmpdir(), 'clause5-prof-'));
const fake = spawnTs('scripts/bench/fake-server.ts', [JSON.stringify({ kind: 'slack', workspace: WORKSPACE, users: USERS, responseUrls: 200 })]);
const ready = JSON.parse((await fake.line(new RegExp(`^${FAKE_PREFIX}(.*)$`)))[1]!);
const port = await freePort();
const server = spawnTs('src/cli.ts', ['serve'], {
  keepOutput: process.env.KEEP === "1" ? true : false,
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${process.env.PROF_DIR ?? '/tmp/bx/srvprof'}`],
  env: { NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', CLAUSE5_DB: join(dir, 'db.sqlite'), CLAUSE5_LOCAL_CHAT: 'off', SLACK_BOT_TOKEN: WORKSPACE.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: ready.url },
});
for (;;) { try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break; } catch {} await sleep(50); }
const kinds = process.env.KINDS ? process.env.KINDS.split(',') : undefined;
const r = await runForResult<LoadResult>('scripts/bench/load.ts', [JSON.stringify({ url: `http://127.0.0.1:${port}/slack/events`, mode: 'closed', connections: 32, durationMs: 5000, warmupMs: 1000, slack: { signingSecret: SECRET, teamId: WORKSPACE.teamId, teamDomain: 'b', botUserId: WORKSPACE.botUserId, users: USERS, responseUrls: ready.responseUrls, ...(kinds ? { kinds } : {}) } })], LOAD_PREFIX);
console.log(r.throughput, r.latency);
await sleep(3000);
const lines = server.output().split("\n").filter(Boolean); const byMsg: Record<string, number> = {}; for (const l of lines) { try { const j = JSON.parse(l); const k = `${j.level} ${j.msg}`; byMsg[k] = (byMsg[k] ?? 0) + 1; } catch { byMsg[l.slice(0, 60)] = (byMsg[l.slice(0, 60)] ?? 0) + 1; } } console.log(byMsg);
await server.stop();
await fake.stop();
