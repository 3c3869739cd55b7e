// Retention and erasure: the admin commands (the nightly run is in scheduler/retention-job.ts).
import type { CoreModule } from '../commands/types';
import { adminPersonErase, adminRetention, eraseCancelAction, eraseConfirmAction } from './commands';

export const retentionModule: CoreModule = {
  name: 'retention',
  commands: [adminRetention, adminPersonErase],
  actions: [eraseConfirmAction, eraseCancelAction],
};
