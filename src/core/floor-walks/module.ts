import type { CoreModule } from '../commands/types';

export const floorWalksModule: CoreModule = { name: 'floor-walks' };
