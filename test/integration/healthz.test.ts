// The real composition root in-process: HTTP on port 0, real SQLite file, demo seeding, the
// scheduler ticker, graceful stop, and local mode's clock that never runs backwards.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/core/ports';
import { startServer, type RunningServer } from '../../src/main';
import { tempDir } from '../support/core';

let dir: string;
let server: RunningServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function config(extra: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    CLAUSE5_DB: join(dir, 'data', 'clause5.db'),
    PORT: '0',
    HOST: '127.0.0.1',
    CLAUSE5_LOCAL_CHAT: 'off',
    ...extra,
  });
}

describe('startServer', () => {
  it('answers GET /healthz with 200 once the database is open and migrated, and stops cleanly', async () => {
    dir = tempDir();
    server = await startServer(config(), { log: silentLogger });
    expect(server.port).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    // The migrations ran: the outbox table answers (the demo's wins were sent at start).
    expect(await server.store.admin.deliveryMark()).toEqual({ maxId: expect.any(Number), openIds: [] });
    expect((await fetch(`http://127.0.0.1:${server.port}/nope`)).status).toBe(404);

    const { port, store } = server;
    await server.stop();
    await server.stop(); // idempotent
    server = undefined;
    expect(store.admin.isOpen()).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('seeds the demo plant on the first local start only, and keeps a moved clock on restart', async () => {
    dir = tempDir();
    server = await startServer(config(), { log: silentLogger });
    expect(server.config.localMode).toBe(true);
    expect(server.seeded?.created).toBe(true);
    const people = await server.store.people.list('local');
    expect(people.map((p) => p.handle)).toEqual(expect.arrayContaining(['ada', 'maria', 'quinn']));
    expect(people.filter((p) => p.role === 'leader')).toHaveLength(5);

    const moved = server.clock.advance(3 * 86_400_000);
    await server.stop();

    server = await startServer(config(), { log: silentLogger });
    expect(server.seeded).toBeUndefined();
    expect(await server.store.people.count('local')).toBe(people.length);
    expect(server.clock.now()).toBeGreaterThanOrEqual(moved);
    expect(server.clock.now() - moved).toBeLessThan(60_000);
  });

  it('opens the Teams endpoint outside production without an app id, and no platform in production local mode', async () => {
    dir = tempDir();
    server = await startServer(config(), { log: silentLogger, seedDemo: false });
    expect(server.platforms.map((d) => d.name)).toEqual(['teams']);
    expect(server.router.has('teams')).toBe(true);
    expect((await fetch(`http://127.0.0.1:${server.port}/api/messages`)).status).toBe(405);
    await server.stop();

    server = await startServer(config({ NODE_ENV: 'production' }), { log: silentLogger, seedDemo: false });
    expect(server.config.localMode).toBe(true);
    expect(server.platforms).toEqual([]);
    expect((await fetch(`http://127.0.0.1:${server.port}/api/messages`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
  });

  it('does not seed or start the ticker when told not to, and still serves /healthz', async () => {
    dir = tempDir();
    server = await startServer(config({ CLAUSE5_SCHEDULER: 'off' }), { log: silentLogger, seedDemo: false });
    expect(server.seeded).toBeUndefined();
    expect(await server.store.people.count('local')).toBe(0);
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
  });
});
