import type { CoreModule } from '../commands/types';

export const meetingsModule: CoreModule = { name: 'meetings' };
