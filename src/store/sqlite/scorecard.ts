import type { ScorecardRepo } from '../../core/scorecard/repo';
import type { Db } from './db';

export class SqliteScorecardRepo implements ScorecardRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}
}
