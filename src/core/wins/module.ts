import type { CoreModule } from '../commands/types';

export const winsModule: CoreModule = { name: 'wins' };
