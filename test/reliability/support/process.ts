// Real Clause5 processes for the reliability suite: `node --import tsx src/cli.ts serve` (one
// process, so SIGKILL really kills the server and not a wrapper) and one-shot CLI commands. Every
// line a process writes is kept in memory and appended to a log file of the run, so that the
// secrets check can search everything the suite's servers ever logged.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = join(ROOT, 'src/cli.ts');

/** Where this run's process logs go (RELIABILITY_LOG_DIR, or one folder per day under the temp dir). */
export const LOG_DIR = process.env.RELIABILITY_LOG_DIR ?? join(tmpdir(), `clause5-reliability-${new Date().toISOString().slice(0, 10)}`);
mkdirSync(LOG_DIR, { recursive: true });

/** An environment without the developer's platform settings, plus `extra`. */
export function processEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(SLACK_|MICROSOFT_|TEAMS_|CLAUSE5_|PORT$|HOST$|LOG_LEVEL$|NODE_ENV$|VITEST|NODE_OPTIONS$)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, NODE_ENV: 'test', CLAUSE5_LOCAL_CHAT: 'off', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'debug', ...extra };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class Clause5Process {
  readonly proc: ChildProcess;
  readonly exited: Promise<Exit>;
  readonly startedAt = performance.now();
  private out = '';
  private err = '';
  port = 0;

  constructor(
    args: string[],
    env: Record<string, string>,
    /** Log file name (inside LOG_DIR) the process's stdout and stderr are appended to. */
    readonly logName: string,
    cwd = ROOT,
    nodeArgs: string[] = [],
  ) {
    this.proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', CLI, ...args], { cwd, env: processEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    const file = join(LOG_DIR, logName);
    this.proc.stdout!.on('data', (chunk: Buffer) => {
      this.out += chunk.toString();
      appendFileSync(file, chunk);
    });
    this.proc.stderr!.on('data', (chunk: Buffer) => {
      this.err += chunk.toString();
      appendFileSync(file, chunk);
    });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.proc.pid!;
  }

  get stdout(): string {
    return this.out;
  }

  get stderr(): string {
    return this.err;
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Resolves with the port once the banner names it; rejects if the process exits first. */
  async ready(timeoutMs = 30_000): Promise<number> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const m = /HTTP: +http:\/\/localhost:(\d+)\/healthz/.exec(this.out);
      if (m) return (this.port = Number(m[1]));
      if (!this.running) throw new Error(`clause5 exited before it was ready (${this.proc.exitCode ?? this.proc.signalCode}):\n${this.out}\n${this.err}`);
      if (Date.now() > end) throw new Error(`clause5 not ready after ${timeoutMs} ms:\n${this.out}\n${this.err}`);
      await sleep(10);
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Resident set size in bytes (from /proc), or undefined when the process is gone. */
  rss(): number | undefined {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit> {
    if (this.running) this.proc.kill(signal);
    return this.exited;
  }

  /** Parsed JSON log lines (pino) of stdout. */
  logLines(): Array<Record<string, any>> {
    return this.out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        try {
          return JSON.parse(l) as Record<string, any>;
        } catch {
          return { unparsed: l };
        }
      });
  }
}

/** `clause5 serve`; resolves once it listens. */
export async function serve(env: Record<string, string>, logName: string, nodeArgs: string[] = []): Promise<Clause5Process> {
  const p = new Clause5Process(['serve'], env, logName, ROOT, nodeArgs);
  await p.ready();
  return p;
}

/** A one-shot command (`tick --at …`, `backup …`); resolves when it exits. */
export async function runCommand(args: string[], env: Record<string, string>, logName: string): Promise<Exit & { stdout: string; stderr: string }> {
  const p = new Clause5Process(args, env, logName);
  const exit = await p.exited;
  return { ...exit, stdout: p.stdout, stderr: p.stderr };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition`; on time-out the error names `what` (a function: worked out then, for the state it saw). */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string | (() => string) = 'a condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await sleep(10);
  }
}
