// `clause5 serve` as a real process: it prints where it listens, answers /healthz, and stops
// gracefully on SIGTERM with exit code 0 (what a process manager or `docker stop` sends).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { startServe } from '../support/serve-process';
import { cleanEnv, ROOT, runCli } from '../unit/cli/support';
import { createServer } from 'node:net';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('clause5 serve', { timeout: 90_000 }, () => {
  it('serves /healthz, then shuts down gracefully on SIGTERM', async () => {
    dir = tempDir('clause5-serve-');
    const serve = await startServe(
      `${ROOT}node_modules/.bin/tsx`,
      [`${ROOT}src/cli.ts`, 'serve'],
      dir,
      cleanEnv({ CLAUSE5_DB: join(dir, 'data', 'clause5.db'), PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn' }),
    );
    const { child, port, exited } = serve;
    expect(serve.stdout()).toContain('Mode:     local mode (no Slack or Teams credentials)');
    expect(serve.stdout()).toContain('Terminal chat is off (standard input is not a terminal)');
    expect(serve.stdout()).toContain('Seeded the demo plant');
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(serve.stdout()).toContain('SIGTERM: stopping Clause5');
    expect(serve.stderr()).toBe('');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('says which port is taken instead of crashing with a stack trace', async () => {
    dir = tempDir('clause5-serve-');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = await runCli(['serve'], dir, { CLAUSE5_DB: join(dir, 'clause5.db'), PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' });
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(`Clause5 could not start: port ${port} is already in use. Stop the other process or set PORT to a free port.`);
    } finally {
      blocker.close();
    }
  });
});
