// Capability 1: meeting quality-update reminders and the after-meeting check.
// Delivery kinds: meeting_reminder (before a meeting: open with a quality update, talking points),
// meeting_check (after a meeting: did you open with a quality update?).
import type { CoreModule } from '../commands/types';
import { meetingActions, meetingForms } from './actions';
import { meetingCommands } from './commands';
import { checkComposer, reminderComposer } from './composers';
import { meetingSource } from './source';

export const meetingsModule: CoreModule = {
  name: 'meetings',
  commands: meetingCommands,
  actions: meetingActions,
  forms: meetingForms,
  composers: (deps) => [reminderComposer(deps), checkComposer(deps)],
  sources: (deps) => [meetingSource(deps)],
};
