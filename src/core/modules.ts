// Every area of the core, in help order.
import type { CoreModule } from './commands/types';
import { meetingsModule } from './meetings/module';
import { floorWalksModule } from './floor-walks/module';
import { winsModule } from './wins/module';
import { scorecardModule } from './scorecard/module';
import { peopleModule } from './people/module';
import { evidenceModule } from './evidence/module';
import { customPromptsModule } from './prompts/module';
import { recordsModule } from './records/module';
import { retentionModule } from './retention/module';

export const coreModules: CoreModule[] = [
  meetingsModule,
  floorWalksModule,
  winsModule,
  customPromptsModule,
  scorecardModule,
  evidenceModule,
  recordsModule,
  peopleModule,
  retentionModule,
];
