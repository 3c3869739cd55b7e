// Custom leadership prompts (clause 5.1.2, 5.2, 5.3, 6.1, 9.3 …): a quality manager defines a
// recurring question; each leader in its audience is asked once a week, month or quarter.
// Delivery kinds: custom_prompt (the question), custom_prompt_reminder (one reminder a day later
// or when a snooze ends), custom_prompt_period_end (a job: the period is over, an unanswered
// question is marked missed) — all on the prompt lifecycle (lifecycle.ts is the kind's definition).
import type { CoreModule } from '../commands/types';
import { promptActions, promptForms } from './actions';
import { promptCommands } from './commands';
import { customPromptKind } from './lifecycle';
import { promptLifecycle } from './lifecycle-deliveries';
import { customPromptSource } from './schedule';

export const customPromptsModule: CoreModule = {
  name: 'prompts',
  commands: promptCommands,
  actions: promptActions,
  forms: promptForms,
  composers: (deps) => promptLifecycle(deps, customPromptKind(deps)).composers,
  jobs: (deps) => promptLifecycle(deps, customPromptKind(deps)).jobs,
  sources: (deps) => [customPromptSource(deps), ...promptLifecycle(deps, customPromptKind(deps)).sources],
};
