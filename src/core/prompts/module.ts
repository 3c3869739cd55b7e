// Custom leadership prompts (clause 5.1.2, 5.2, 5.3, 6.1, 9.3 …): a quality manager defines a
// recurring question; each leader in its audience is asked once a week, month or quarter.
// Delivery kinds: custom_prompt (the question), custom_prompt_reminder (one reminder a day later
// or when a snooze ends), custom_prompt_period_end (a job: the period is over, an unanswered
// question is marked missed).
import type { CoreModule } from '../commands/types';
import { promptActions, promptForms } from './actions';
import { promptCommands } from './commands';
import { customPromptComposer, periodEndJob, periodEndSource, reminderComposer, reminderSource } from './lifecycle';
import { customPromptSource } from './schedule';

export const customPromptsModule: CoreModule = {
  name: 'prompts',
  commands: promptCommands,
  actions: promptActions,
  forms: promptForms,
  composers: (deps) => [customPromptComposer(deps), reminderComposer(deps)],
  jobs: (deps) => [periodEndJob(deps)],
  sources: (deps) => [customPromptSource(deps), reminderSource(deps), periodEndSource(deps)],
};
