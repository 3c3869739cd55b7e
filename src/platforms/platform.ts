// A platform is one way in and out: Slack, Teams (local mode's terminal is wired by main.ts itself).
// main.ts creates the configured ones, adds their ChatPlatform to the router, mounts their HTTP
// routes on the shared server and starts/stops them with the process.
import type { Config } from '../config';
import type { Core } from '../core/create';
import type { ChatPlatform, Logger, Store } from '../core/ports';
import type { PlatformName } from '../core/people/types';
import type { HttpServer } from '../http/server';
import type { PlatformState } from './state';

export interface PlatformContext {
  config: Readonly<Config>;
  core: Core;
  store: Store;
  /** Installations, DM channels and conversation references the platforms keep. */
  state: PlatformState;
  log: Logger;
}

/** A platform as it runs in this process. */
export interface PlatformRuntime {
  name: PlatformName;
  /** Outbound messages for the organisations this platform owns (the core's port). */
  chat: ChatPlatform;
  /** Adds HTTP routes (e.g. POST /slack/events) to the shared server. */
  mount?(server: HttpServer): void;
  /** Connects (Socket Mode, auth.test …) after the server listens. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

export type PlatformFactory = (context: PlatformContext) => Promise<PlatformRuntime>;
