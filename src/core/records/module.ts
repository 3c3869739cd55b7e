// Reading a record's history: the versions kept when answers, walks, wins and follow-ups are
// corrected or withdrawn (the corrections themselves live with each area's commands).
import type { CoreModule } from '../commands/types';
import { historyCommand } from './history';

export const recordsModule: CoreModule = {
  name: 'records',
  commands: [historyCommand],
};
