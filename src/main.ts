// Composition root: config → database → local platform and router → core → scheduler → HTTP →
// Slack/Teams platforms. Wiring only; the behaviour lives in the core and the platforms.
import type { Config } from './config';
import { MovableClock } from './core/clock';
import { createCore, type Core } from './core/create';
import { coreModules } from './core/modules';
import { seedDemo, type DemoResult } from './core/people/demo';
import type { Logger } from './core/ports';
import { platformRegistry, type PlatformEntry } from './platforms/registry';
import { HttpServer } from './http/server';
import type { PlatformRuntime } from './platforms/platform';
import { LocalPlatform } from './platforms/local/platform';
import { PlatformRouter } from './platforms/router';
import { createScheduler, type Scheduler } from './scheduler/scheduler';
import { type OpenedStore, openStore } from './store/open';
import { WebAuth } from './web/auth';
import { dashboardModule } from './web/module';
import { secretBoxOf } from './store/secret-box';
import type { PlatformState } from './platforms/state';

export const LOCAL_ORG = 'local';
const CLOCK_OFFSET_KEY = 'local.clock_offset_ms';

export type { Scheduler } from './scheduler/scheduler';

export interface RuntimeOptions {
  log: Logger;
  /** Default: real time (in local mode continuing from where a moved clock was left). */
  clock?: MovableClock;
  /** Create the configured platforms and route their messages (default true). */
  platforms?: boolean | PlatformEntry[];
  /** How long one database statement may block the process waiting for another's lock (default 5 s). */
  busyTimeoutMs?: number;
}

/** Everything a Clause5 process runs on, without the HTTP server (the CLI uses this directly). */
export interface Runtime {
  config: Readonly<Config>;
  log: Logger;
  clock: MovableClock;
  store: OpenedStore;
  /** What the Slack and Teams platforms keep (installations, DM channels, conversation references). */
  state: PlatformState;
  local: LocalPlatform;
  router: PlatformRouter;
  core: Core;
  scheduler: Scheduler;
  platforms: PlatformRuntime[];
  /** Sign-in links and sessions of the web page; undefined with CLAUSE5_WEB=off. */
  web?: WebAuth;
  /** Remembers how far local mode's clock was moved, so that it never runs backwards on restart. */
  saveClock(): Promise<void>;
  close(): Promise<void>;
}

export async function buildRuntime(config: Readonly<Config>, options: RuntimeOptions): Promise<Runtime> {
  const { log } = options;
  const ownsClock = !options.clock;
  const clock = options.clock ?? MovableClock.running();
  const store = await openStore(config, () => clock.now(), options.busyTimeoutMs === undefined ? undefined : { busyTimeoutMs: options.busyTimeoutMs });
  try {
    // Plaintext tokens from an older version are sealed now; a wrong or missing key stops start-up here.
    const secrets = await store.admin.sealSecrets(secretBoxOf(config));
    if (secrets.sealed) log.info({ sealed: secrets.sealed }, 'sealed stored secrets that were in plaintext (CLAUSE5_SECRET_KEY)');
    if (secrets.plaintext) log.warn({ plaintext: secrets.plaintext }, 'stored Slack tokens are in plaintext: set CLAUSE5_SECRET_KEY to encrypt them');
    if (ownsClock && config.localMode) {
      const saved = Number(await store.getState(CLOCK_OFFSET_KEY));
      if (Number.isFinite(saved) && saved > 0) clock.advance(saved);
    }
    const state = platformStateOf(config, store, () => clock.now());
    const local = new LocalPlatform(clock);
    const router = new PlatformRouter([local]);
    const web = config.CLAUSE5_WEB === 'on' ? new WebAuth(store.web, store, clock, publicUrlOf(config)) : undefined;
    const core = createCore({
      modules: web ? [...coreModules, dashboardModule(web)] : coreModules,
      store,
      clock,
      log,
      platform: router,
      settings: { defaultTimeZone: config.CLAUSE5_DEFAULT_TZ, graceMs: config.CLAUSE5_GRACE_HOURS * 3_600_000 },
    });
    const scheduler = createScheduler({
      deps: core.deps,
      modules: coreModules,
      log: log.child({ part: 'scheduler' }),
      leaseMs: config.CLAUSE5_DELIVERY_LEASE_SECONDS * 1000,
      concurrency: config.CLAUSE5_SEND_CONCURRENCY,
    });
    const entries = options.platforms === false ? [] : Array.isArray(options.platforms) ? options.platforms : platformRegistry;
    const platforms: PlatformRuntime[] = [];
    for (const entry of entries.filter((e) => e.enabled(config))) {
      const factory = await entry.load();
      const platform = await factory({ config, core, store, state, log: log.child({ platform: entry.name }) });
      router.add(platform.chat);
      platforms.push(platform);
    }
    const saveClock = async () => {
      const offset = clock.now() - Date.now();
      if (ownsClock && config.localMode && offset > 0 && store.admin.isOpen()) await store.setState(CLOCK_OFFSET_KEY, String(Math.round(offset)));
    };
    return {
      config,
      log,
      clock,
      store,
      state,
      local,
      router,
      core,
      scheduler,
      platforms,
      web,
      saveClock,
      close: async () => {
        await saveClock().catch(() => {});
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The platforms' state in the store's database: Slack tokens sealed with CLAUSE5_SECRET_KEY, the single bot token left in the environment. */
export function platformStateOf(config: Readonly<Config>, store: OpenedStore, now: () => number): PlatformState {
  return store.admin.platformState(now, { box: secretBoxOf(config), ...(config.SLACK_BOT_TOKEN ? { envToken: config.SLACK_BOT_TOKEN } : {}) });
}

/** The address sign-in links start with. */
export function publicUrlOf(config: Pick<Config, 'CLAUSE5_PUBLIC_URL' | 'PORT'>): string {
  return (config.CLAUSE5_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

/** Seeds the demo plant into the local organisation when it has nobody yet; undefined when it did not. */
export async function seedDemoIfEmpty(runtime: Pick<Runtime, 'store' | 'core'>): Promise<DemoResult | undefined> {
  if ((await runtime.store.people.count(LOCAL_ORG)) > 0) return undefined;
  const result = await seedDemo(runtime.core.deps);
  return result.created ? result : undefined;
}

export interface StartOptions extends Partial<RuntimeOptions> {
  log: Logger;
  /** Run the once-a-minute scheduler ticker (default: CLAUSE5_SCHEDULER=on). */
  ticker?: boolean;
  /** Seed the demo plant on first run (default: in local mode). */
  seedDemo?: boolean;
}

export interface RunningServer extends Runtime {
  /** The port the HTTP server listens on (useful with PORT=0). */
  port: number;
  http: HttpServer;
  /** Set when this start seeded the demo plant. */
  seeded?: DemoResult;
  /** Graceful stop: refuse new connections, stop the platforms and the ticker, wait for sends, close the DB. */
  stop(): Promise<void>;
}

/**
 * A server's statements never wait synchronously for another process's write lock (that would
 * freeze the whole process, requests and timers included): the store waits locks out
 * asynchronously (store/sqlite/busy.ts), so requests are still answered meanwhile (Slack wants an
 * ack within 3 s). The CLI keeps the default, since nothing else runs in its process.
 */
export const SERVER_BUSY_TIMEOUT_MS = 0;

export async function startServer(config: Readonly<Config>, options: StartOptions): Promise<RunningServer> {
  const runtime = await buildRuntime(config, { busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS, ...options });
  const { log, scheduler, platforms } = runtime;
  let stopping = false;
  const http = new HttpServer({ log: log.child({ part: 'http' }), healthy: () => !stopping && runtime.store.admin.isOpen() });
  const started: PlatformRuntime[] = [];
  const shutdown = async () => {
    stopping = true;
    await http.close().catch((err: unknown) => log.warn({ err }, 'closing the HTTP server failed'));
    for (const platform of started.reverse()) {
      await platform.stop?.().catch((err: unknown) => log.warn({ err, platform: platform.name }, 'stopping a platform failed'));
    }
    // Also when the ticker never started: sends woken by the outbox may be in flight.
    await scheduler.stop().catch((err: unknown) => log.warn({ err }, 'stopping the scheduler failed'));
    await runtime.close();
  };
  try {
    const seeded = (options.seedDemo ?? config.localMode) ? await seedDemoIfEmpty(runtime) : undefined;
    for (const platform of platforms) platform.mount?.(http);
    if (runtime.web) {
      const { mountWeb, secureCookies } = await import('./web/routes');
      mountWeb(http, { auth: runtime.web, deps: runtime.core.deps, secure: secureCookies(config) });
    }
    const port = await http.listen(config.PORT, config.HOST);
    if (runtime.web && !config.CLAUSE5_PUBLIC_URL) runtime.web.publicUrl = `http://localhost:${port}`;
    for (const platform of platforms) {
      await platform.start?.();
      started.push(platform);
    }
    if (options.ticker ?? config.CLAUSE5_SCHEDULER === 'on') await scheduler.start();
    log.info(
      { port, db: runtime.store.admin.where, localMode: config.localMode, platforms: platforms.map((d) => d.name), teams: config.teamsMode },
      'Clause5 started',
    );
    let stopped: Promise<void> | undefined;
    return { ...runtime, port, http, seeded, stop: () => (stopped ??= shutdown()) };
  } catch (error) {
    await shutdown().catch(() => {});
    throw error;
  }
}
