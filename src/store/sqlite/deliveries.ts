
import type { Db } from './db';

// Filled in by the scheduler area.
export class SqliteDeliveryRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}
}
