// Starts `clause5 serve` as a real child process and waits for the port it prints in its banner.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface ServeProcess {
  child: ChildProcess;
  port: number;
  /** Standard output so far (it keeps growing). */
  stdout(): string;
  stderr(): string;
  /** The exit code once the process has exited. */
  exited: Promise<number | null>;
}

/** Runs `command args` (e.g. tsx src/cli.ts serve) in `cwd` with `env`, until it prints its HTTP line. */
export async function startServe(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = /HTTP: +http:\/\/localhost:(\d+)\/healthz/.exec(stdout);
      if (m) resolve(Number(m[1]));
    });
    void exited.then((code) => reject(new Error(`serve exited early (${code}): ${stdout}${stderr}`)));
  });
  return { child, port, stdout: () => stdout, stderr: () => stderr, exited };
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** tsx as a Node loader: `tsx src/cli.ts` would run the CLI in a child of its own, out of reach of a SIGKILL. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * `clause5 serve` in `cwd` with `env`, as the process itself (its pid is the serve's, as a lease owner
 * names it). `nodeArgs` go before the script: e.g. `--cpu-prof`, which NODE_OPTIONS does not accept.
 */
export function startServeProcess(cwd: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<ServeProcess> {
  return startServe(process.execPath, [...nodeArgs, '--import', TSX_LOADER, `${ROOT}src/cli.ts`, 'serve'], cwd, env);
}
