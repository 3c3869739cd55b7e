// Floor walks (PRODUCT.md capability 2): the weekly prompt, logging walks, follow-up actions.
import type { CoreModule } from '../commands/types';
import { followUpActions, followUpForms } from './followup-actions';
import { followUpCommands } from './followup-commands';
import { followUpChangedComposer } from './followup-messages';
import { followUpAssignedComposer, followUpNudgeComposer, followUpNudgeSource } from './followup-nudges';
import { walkPromptActions } from './prompt-actions';
import { walkCommands } from './walk-commands';
import { walkReminderComposer, walkReminderSource, weekEndComposer, weekEndSource } from './walk-followthrough';
import { WALK_FORM_ID } from './walk-form';
import { walkPromptComposer, walkPromptSource } from './walk-prompts';
import { submitWalk } from './walk-submit';

export const floorWalksModule: CoreModule = {
  name: 'floor-walks',
  commands: [...walkCommands, ...followUpCommands],
  actions: [...walkPromptActions, ...followUpActions],
  forms: [{ id: WALK_FORM_ID, submit: submitWalk }, ...followUpForms],
  composers: (deps) => [
    walkPromptComposer(deps),
    walkReminderComposer(deps),
    weekEndComposer(deps),
    followUpAssignedComposer(deps),
    followUpNudgeComposer(deps),
    followUpChangedComposer(deps),
  ],
  sources: (deps) => [walkPromptSource(deps), walkReminderSource(deps), weekEndSource(deps), followUpNudgeSource(deps)],
};
