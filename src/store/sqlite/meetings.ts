import type { MeetingRepo } from '../../core/meetings/repo';
import type { Db } from './db';

export class SqliteMeetingRepo implements MeetingRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}
}
