// The App Home tab: the core composes the page (core/home.ts); this file renders it as a Slack
// home view with the same Block Kit renderer as messages.
import type { types } from '@slack/bolt';
import type { Actor } from '../../core/commands/types';
import type { CoreDeps } from '../../core/deps';
import { homeMessage as coreHomeMessage } from '../../core/home';
import type { Message } from '../../core/model';
import { renderBlocks, LIMITS } from './render';
import { HOME_COMMAND_ACTION } from './surface';

export function homeMessage(deps: CoreDeps, actor: Actor): Promise<Message> {
  return coreHomeMessage(deps, actor, HOME_COMMAND_ACTION);
}

export function homeView(message: Message): types.HomeView {
  return { type: 'home', blocks: renderBlocks(message, LIMITS.viewBlocks) };
}
