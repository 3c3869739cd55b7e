// Child processes for the benchmarks: the server under test, the fakes and the load generator each
// run in their own process (their own event loop), started with tsx and stopped by their pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Children still running: killed when this process exits, however it exits (short of SIGKILL). */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** For the benchmark's own child scripts: exit when the parent is gone (e.g. it crashed). */
export function exitWithParent(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, 1000).unref();
}

export interface Child {
  proc: ChildProcess;
  /** Everything written to stdout so far (bounded to the last 1 MB). */
  output(): string;
  /** Resolves with the first stdout line matching `pattern` (rejects on exit or timeout). */
  line(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface SpawnOptions {
  env?: Record<string, string | undefined>;
  /** Keep stdout lines (default true); false drops them after matching (chatty servers). */
  keepOutput?: boolean;
  nodeArgs?: string[];
  /** Send stdout to this file instead of a pipe (a server's log, as in a deployment; no pipe to drain). */
  stdoutFile?: string;
  /** Run a plain JavaScript file without the tsx loader (default: with it). */
  tsx?: boolean;
}

/** Runs a TypeScript file with `node --import tsx` from the repository root. */
export function spawnTs(file: string, args: string[] = [], options: SpawnOptions = {}): Child {
  const out = options.stdoutFile ? openSync(options.stdoutFile, 'a') : 'pipe';
  const loader = options.tsx === false ? [] : ['--import', 'tsx'];
  const proc = spawn(process.execPath, [...(options.nodeArgs ?? []), ...loader, file, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...options.env } as NodeJS.ProcessEnv,
    stdio: ['ignore', out, 'pipe'],
  });
  if (typeof out === 'number') closeSync(out);
  return wrap(proc, options.keepOutput ?? true);
}

export function wrap(proc: ChildProcess, keepOutput = true): Child {
  let out = '';
  let partial = '';
  const waiters: Array<{ pattern: RegExp; resolve: (m: RegExpMatchArray) => void }> = [];
  let stderr = '';
  proc.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  proc.stdout?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (keepOutput) out = `${out + line}\n`.slice(-1_000_000);
      for (let i = waiters.length - 1; i >= 0; i--) {
        const m = line.match(waiters[i]!.pattern);
        if (m) {
          waiters[i]!.resolve(m);
          waiters.splice(i, 1);
        }
      }
    }
  });
  live.add(proc);
  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (code) => {
      live.delete(proc);
      resolve(code);
    }),
  );
  return {
    proc,
    output: () => out,
    exited,
    line(pattern, timeoutMs = 30_000) {
      const found = out
        .split('\n')
        .map((l) => l.match(pattern))
        .find(Boolean);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; stderr: ${stderr.slice(-2000)}`)), timeoutMs);
        waiters.push({
          pattern,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`process exited (${code}) before ${pattern}; stderr: ${stderr.slice(-2000)}`));
        });
      });
    },
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill(signal);
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a script to completion and returns the JSON after `prefix` on its stdout. */
export async function runForResult<T>(file: string, args: string[], prefix: string, options: SpawnOptions = {}): Promise<T> {
  const child = spawnTs(file, args, options);
  const code = await child.exited;
  const line = child
    .output()
    .split('\n')
    .find((l) => l.startsWith(prefix));
  if (code !== 0 || !line) throw new Error(`${file} exited with ${code} and no ${prefix.trim()} line:\n${child.output().slice(-2000)}`);
  return JSON.parse(line.slice(prefix.length)) as T;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux). */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of the whole line (utime, stime), counted after the command name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

const CLOCK_TICKS = 100;

/**
 * Waits until a process uses less than `share` of a core over 250 ms (its work after a load run is
 * done); resolves with how long it was still busy.
 */
export async function waitIdle(pid: number, share = 0.05, timeoutMs = 120_000): Promise<number> {
  const started = performance.now();
  let before = cpuMsOf(pid);
  while (performance.now() - started < timeoutMs) {
    await sleep(250);
    const now = cpuMsOf(pid);
    if (!(now - before > 250 * share)) return Math.max(0, performance.now() - started - 250);
    before = now;
  }
  return performance.now() - started;
}
