// Runs the real command line as a child process (node --import tsx src/cli.ts …) in a temporary
// folder, with an environment free of the developer's platform settings.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/**
 * tsx as a Node loader, not its command: `tsx src/cli.ts` starts a second Node process for the CLI
 * (the tsx command watches over a child), a few tenths of a second per run for nothing tested here.
 */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const CLI = `${ROOT}src/cli.ts`;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(SLACK_|MICROSOFT_|TEAMS_|CLAUSE5_|PORT$|HOST$|LOG_LEVEL$|NODE_ENV$|VITEST)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, NODE_ENV: 'test', CLAUSE5_LOCAL_CHAT: 'off', ...extra };
}

/** Runs `clause5 <args>` with `cwd` as the working folder (so no .env of the project is read). */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', TSX_LOADER, CLI, ...args], { cwd, env: cleanEnv(env), timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Runs `clause5 <args>` inside this test process: the same runCli as the real command line, with
 * `env` as its whole environment (no `.env` read) and its output, the logger's lines included,
 * collected as the child's stdout and stderr would be. Paths in `args` and `env` must be absolute
 * (the working folder is the test process's). The exit-code mapping and a real process start stay
 * covered by the tests that use runCli.
 */
export async function runCliInProcess(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const { runCli: run } = await import('../../../src/cli');
  let stdout = '';
  let stderr = '';
  const io = {
    out: (line: string) => {
      stdout += `${line}\n`;
    },
    err: (line: string) => {
      stderr += `${line}\n`;
    },
    logs: {
      write: (chunk: string) => {
        stderr += chunk;
      },
    },
  };
  const code = await run(args, io, cleanEnv(env));
  return { code, stdout, stderr };
}
