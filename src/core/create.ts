// Builds the core from its parts: used by main.ts, the CLI and the tests alike.
import { Bot } from './bot';
import type { CoreDeps, CoreSettings } from './deps';
import { coreModules } from './modules';
import { QueueOutbox } from './outbox';
import type { ChatPlatform, Clock, Logger, Store } from './ports';
import type { CoreModule } from './commands/types';

export interface CoreParts {
  store: Store;
  clock: Clock;
  log: Logger;
  platform: ChatPlatform;
  settings: CoreSettings;
  modules?: CoreModule[];
}

export interface Core {
  deps: CoreDeps;
  bot: Bot;
  outbox: QueueOutbox;
}

export function createCore(parts: CoreParts): Core {
  const outbox = new QueueOutbox(parts.store);
  const deps: CoreDeps = {
    store: parts.store,
    clock: parts.clock,
    log: parts.log,
    platform: parts.platform,
    settings: parts.settings,
    outbox,
  };
  return { deps, bot: new Bot(deps, parts.modules ?? coreModules), outbox };
}
