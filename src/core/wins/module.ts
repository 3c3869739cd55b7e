// Team wins (post, celebrate, weekly roundup) and quality objectives.
// Delivery kinds: win_post (celebrate a win in the site's wins channel), wins_roundup (weekly list of
// a site's wins).
import type { CoreModule } from '../commands/types';
import { winCommand } from './commands';
import { winCorrectionCommands } from './corrections';
import { winsCommand, winsPageAction } from './list';
import { winPostComposer, winsRoundupComposer, winsRoundupSource } from './deliveries';
import { winForm } from './form';
import { winCancelAction, winConfirmAction } from './confirm';
import { objectiveAdd, objectiveList, objectiveRetire } from './objectives';

export { winFormFor, WIN_FORM_ID } from './form';

export const winsModule: CoreModule = {
  name: 'wins',
  commands: [winCommand, winsCommand, ...winCorrectionCommands, objectiveAdd, objectiveList, objectiveRetire],
  actions: [winConfirmAction, winCancelAction, winsPageAction],
  forms: [winForm],
  composers: (deps) => [winPostComposer(deps), winsRoundupComposer(deps)],
  sources: (deps) => [winsRoundupSource(deps)],
};
