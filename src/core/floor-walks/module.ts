// Floor walks (PRODUCT.md capability 2): the weekly prompt, logging walks, follow-up actions.
// Delivery kinds: floorwalk_prompt (weekly: did you walk the floor?), floorwalk_reminder (the one
// reminder of an unanswered prompt, see walkReminderAt), floorwalk_week_end (a job: the week is over,
// an unanswered prompt is marked missed and its buttons retire) — the three run on the prompt
// lifecycle (walk-kind.ts) — followup_assigned (you own a new follow-up action), followup_nudge
// (your follow-up is due / overdue).
import type { CoreModule } from '../commands/types';
import { followUpActions, followUpForms } from './followup-actions';
import { followUpCommands } from './followup-commands';
import { followUpPageAction, listAllFollowUps } from './followup-list-all';
import { followUpChangedComposer } from './followup-messages';
import { followUpAssignedComposer, followUpNudgeComposer, followUpNudgeSource } from './followup-nudges';
import { walkPromptActions } from './prompt-actions';
import { walkCommands } from './walk-commands';
import { walkCorrectionCommands, walkCorrectionForms } from './walk-corrections';
import { showWalk } from './walk-detail';
import { listAllWalks, walkPageAction } from './walk-list-all';
import { walkPromptKind } from './walk-kind';
import { promptLifecycle } from '../prompts/lifecycle-deliveries';
import { WALK_FORM_ID } from './walk-form';
import { walkPromptSource } from './walk-prompts';
import { submitWalk } from './walk-submit';

export const floorWalksModule: CoreModule = {
  name: 'floor-walks',
  commands: [...walkCommands, showWalk, listAllWalks, ...walkCorrectionCommands, ...followUpCommands, listAllFollowUps],
  actions: [...walkPromptActions, ...followUpActions, walkPageAction, followUpPageAction],
  forms: [{ id: WALK_FORM_ID, submit: submitWalk }, ...walkCorrectionForms, ...followUpForms],
  composers: (deps) => [
    ...promptLifecycle(deps, walkPromptKind(deps)).composers,
    followUpAssignedComposer(deps),
    followUpNudgeComposer(deps),
    followUpChangedComposer(deps),
  ],
  jobs: (deps) => promptLifecycle(deps, walkPromptKind(deps)).jobs,
  sources: (deps) => [walkPromptSource(deps), ...promptLifecycle(deps, walkPromptKind(deps)).sources, followUpNudgeSource(deps)],
};
