import type { CoreModule } from '../commands/types';

export const peopleModule: CoreModule = { name: 'people' };
