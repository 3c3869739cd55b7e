// The registry of front doors main.ts can open. Each entry says when it is switched on (its own
// settings) and loads its factory lazily, so a Slack-only process never loads the Teams SDK and
// local mode loads neither. The Slack and Teams adapters add their entry here.
import type { Config } from './config';
import type { PlatformName } from './core/people/types';
import type { FrontDoorFactory } from './platforms/front-door';

export interface FrontDoorEntry {
  name: PlatformName;
  /** True when this process's configuration switches the front door on. */
  enabled(config: Readonly<Config>): boolean;
  /** Imports the adapter and returns its factory. */
  load(): Promise<FrontDoorFactory>;
}

export const frontDoorRegistry: FrontDoorEntry[] = [];
