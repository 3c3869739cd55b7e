import type { FloorWalkRepo } from '../../core/floor-walks/repo';
import type { Db } from './db';

export class SqliteFloorWalkRepo implements FloorWalkRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}
}
