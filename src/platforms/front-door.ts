// A front door is one way in: Slack, Teams (local mode's terminal is wired by main.ts itself).
// main.ts creates the configured ones, adds their ChatPlatform to the router, mounts their HTTP
// routes on the shared server and starts/stops them with the process.
import type { Config } from '../config';
import type { Core } from '../core/create';
import type { ChatPlatform, Logger, Store } from '../core/ports';
import type { PlatformName } from '../core/people/types';
import type { HttpServer } from '../http/server';
import type { PlatformState } from './state';

export interface FrontDoorContext {
  config: Readonly<Config>;
  core: Core;
  store: Store;
  /** Installations, DM channels and conversation references the platforms keep. */
  state: PlatformState;
  log: Logger;
}

export interface FrontDoor {
  name: PlatformName;
  /** Outbound messages for the organisations this front door owns. */
  platform: ChatPlatform;
  /** Adds HTTP routes (e.g. POST /slack/events) to the shared server. */
  mount?(server: HttpServer): void;
  /** Connects (Socket Mode, auth.test …) after the server listens. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

export type FrontDoorFactory = (context: FrontDoorContext) => Promise<FrontDoor>;
