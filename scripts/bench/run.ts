// `npm run bench` runs every benchmark; `npm run bench -- scorecard fanout` runs the named ones;
// options after one name go to that benchmark (`npm run bench -- scorecard --rounds 3`). Each benchmark is its own process (a clean
// heap and event loop) run one after the other (they want the whole machine); each prints one
// `BENCH_RESULT {json}` line (report.ts), and this collects them into the docs/benchmarks.md table.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RESULT_PREFIX, type BenchRow } from './report';

/** Benchmark name → script, in the order of issue 5. */
const BENCHES: Record<string, string> = {
  inbound: 'inbound.ts',
  scorecard: 'scorecard.ts',
  'scorecard-pg': 'scorecard-pg.ts',
  fanout: 'fanout.ts',
  memory: 'memory.ts',
  reliability: 'reliability.ts',
  web: 'web.ts',
  pack: 'pack.ts',
  lifecycle: 'lifecycle.ts',
  instances: 'instances.ts',
  'send-slots': 'send-slots.ts',
};

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const here = (file: string) => fileURLToPath(new URL(`./${file}`, import.meta.url));

function runOne(name: string, args: string[]): Promise<{ rows: BenchRow[]; ok: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', here(BENCHES[name]!), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('close', (code) => {
      const rows = out
        .split('\n')
        .filter((line) => line.startsWith(RESULT_PREFIX))
        .flatMap((line) => (JSON.parse(line.slice(RESULT_PREFIX.length)) as { rows: BenchRow[] }).rows);
      resolve({ rows, ok: code === 0 && rows.length > 0 });
    });
  });
}

const cell = (text: string | undefined) => (text ?? '').replace(/\|/g, '\\|');

function table(rows: BenchRow[]): string {
  const lines = ['| what | how run | result | baseline | ratio | target | met |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const met = r.met === undefined ? '' : r.met ? 'yes' : 'no';
    lines.push(`| ${[r.what, r.how, r.result, r.baseline, r.ratio, r.target, met].map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const firstFlag = argv.findIndex((a) => a.startsWith('-'));
  const named = firstFlag < 0 ? argv : argv.slice(0, firstFlag);
  const flags = firstFlag < 0 ? [] : argv.slice(firstFlag);
  const unknown = named.filter((name) => !(name in BENCHES));
  if (unknown.length || (flags.length && named.length !== 1)) {
    process.stderr.write(
      unknown.length
        ? `Unknown benchmark ${unknown.join(', ')}. Known: ${Object.keys(BENCHES).join(', ')}.\n`
        : 'Options go to one benchmark at a time: npm run bench -- scorecard --rounds 3\n',
    );
    process.exitCode = 2;
    return;
  }
  const chosen = (named.length ? named : Object.keys(BENCHES)).filter((name) => existsSync(here(BENCHES[name]!)));
  const rows: BenchRow[] = [];
  for (const name of chosen) {
    process.stderr.write(`\n== bench ${name} ==\n`);
    const result = await runOne(name, flags);
    rows.push(...result.rows);
    if (!result.ok) {
      process.stderr.write(`bench ${name} failed\n`);
      process.exitCode = 1;
    }
  }
  process.stdout.write(`${table(rows)}\n`);
}

void main();
