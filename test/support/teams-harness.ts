// End-to-end harness for the Teams platform: a real core on a temp SQLite file, the real HTTP
// server on port 0 with POST /api/messages mounted, and the fake Bot Connector as serviceUrl.
import { loadConfig } from '../../src/config';
import type { Logger } from '../../src/core/ports';
import { HttpServer } from '../../src/http/server';
import type { PlatformRouter } from '../../src/platforms/router';
import { createTeamsRuntimeWith, type TeamsRuntime, type TeamsOptions } from '../../src/platforms/teams/index';
import { makeTestCore, type TestCore } from './core';
import { FakeConnector } from './fake-connector';
import { platformStateOf } from '../../src/main';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: object;
  msg?: string;
}

/** A Logger that keeps every entry, so tests can check what was (and was not) logged. */
export class MemoryLogger implements Logger {
  constructor(
    readonly entries: LogEntry[] = [],
    private readonly bindings: object = {},
  ) {}
  debug(obj: object, msg?: string) {
    this.entries.push({ level: 'debug', obj: { ...this.bindings, ...obj }, msg });
  }
  info(obj: object, msg?: string) {
    this.entries.push({ level: 'info', obj: { ...this.bindings, ...obj }, msg });
  }
  warn(obj: object, msg?: string) {
    this.entries.push({ level: 'warn', obj: { ...this.bindings, ...obj }, msg });
  }
  error(obj: object, msg?: string) {
    this.entries.push({ level: 'error', obj: { ...this.bindings, ...obj }, msg });
  }
  child(bindings: object): Logger {
    return new MemoryLogger(this.entries, { ...this.bindings, ...bindings });
  }
  text(): string {
    return this.entries.map((e) => `${e.level} ${e.msg ?? ''} ${JSON.stringify(e.obj)}`).join('\n');
  }
}

export interface TeamsHarness {
  core: TestCore;
  connector: FakeConnector;
  server: HttpServer;
  teams: TeamsRuntime;
  log: MemoryLogger;
  baseUrl: string;
  /** Posts an activity to /api/messages (at `via`, default baseUrl); waits for the work queued after the response. */
  post(activity: unknown, headers?: Record<string, string>, via?: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export interface HarnessOptions extends TeamsOptions {
  startIso?: string;
  env?: Record<string, string>;
  /** Extra allow-list entries beside the fake connector. */
  allow?: string[];
  /** Where the HTTP server listens (default 127.0.0.1); `baseUrl` uses it unless it is 0.0.0.0. */
  host?: string;
  /** Add the web page's `dashboard` command (sign-in links to http://clause5.test). */
  web?: boolean;
}

export async function startTeamsHarness(options: HarnessOptions = {}): Promise<TeamsHarness> {
  const core = makeTestCore(options.startIso ?? '2026-11-23T15:00:00Z', { web: options.web });
  // The harness's time: the test's clock, plus the real time since the start so that a scripted
  // chat still spreads out while the clock stands still.
  const startedAt = performance.now();
  const harnessNow = () => core.clock.now() + (performance.now() - startedAt);
  // Without an app id the bot has no credentials and sends no token, which Teams would refuse: the
  // fake lets that through only in this (development) mode; the token tests give the bot an app id.
  const connector = await new FakeConnector({ allowAnonymous: !options.env?.MICROSOFT_APP_ID }).start();
  connector.now = harnessNow;
  const log = new MemoryLogger();
  const config = loadConfig({
    NODE_ENV: 'test',
    TEAMS_SERVICE_URL_ALLOWLIST: [new URL(connector.url).host, ...(options.allow ?? [])].join(','),
    // Without an app id the endpoint is unauthenticated: opt in explicitly (loopback callers only).
    ...(options.env?.MICROSOFT_APP_ID ? {} : { TEAMS_ALLOW_UNAUTHENTICATED: 'true' }),
    ...options.env,
  });
  const teams = await createTeamsRuntimeWith(
    { config, core, store: core.store, state: platformStateOf(config, core.store, () => core.clock.now()), log },
    {
      ...options,
      invokeBudgetMs: options.invokeBudgetMs ?? 10_000,
      // The fake connector holds the bot to Teams' 7 a second per conversation, and the pacer keeps
      // to that, both on the harness's time: a scripted chat is paced as Teams needs, and a 429's
      // Retry-After is over when the test moves the clock past it. (Teams' slower windows, 8 in 2 s
      // and 60 in 30 s, would make long chats slow; the pacer has its own tests for them.)
      pacing: options.pacing ?? { perConversation: [{ limit: 7, ms: 1_000 }], now: harnessNow },
    },
  );
  (core.deps.platform as PlatformRouter).add(teams.chat);
  const server = new HttpServer({ log, healthy: () => true });
  teams.mount?.(server);
  const host = options.host ?? '127.0.0.1';
  const port = await server.listen(0, host);
  const baseUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  return {
    core,
    connector,
    server,
    teams,
    log,
    baseUrl,
    async post(activity, headers = {}, via = baseUrl) {
      connector.learn(activity); // Teams knows the conversations it sends the bot activities from
      const res = await fetch(`${via}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      let body: any = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // plain text
      }
      await teams.idle();
      return { status: res.status, body };
    },
    async close() {
      await teams.stop?.();
      await server.close();
      await connector.stop();
      core.cleanup();
    },
  };
}
