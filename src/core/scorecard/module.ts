import type { CoreModule } from '../commands/types';

export const scorecardModule: CoreModule = { name: 'scorecard' };
