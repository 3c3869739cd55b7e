// Everything a use case needs, passed in explicitly (no globals), so tests can build it from a
// temporary SQLite file and a movable clock.
import type { Outbox } from './deliveries';
import type { ChatPlatform, Clock, Logger, Store } from './ports';

export interface CoreSettings {
  /** Zone for people and sites whose zone is unknown. */
  defaultTimeZone: string;
  /** Occurrences missed by downtime are still sent when at most this late. */
  graceMs: number;
}

export interface CoreDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  /** Sends through the durable deliveries queue. */
  outbox: Outbox;
  /** Routes to the platform that owns an id (see platforms/router). */
  platform: ChatPlatform;
  settings: CoreSettings;
}
