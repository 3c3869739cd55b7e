// The scorecard's leader list, read once per scorecard instead of once per repo call (an
// organisation scorecard from the rollups asked for it seven times). Kept while the database has
// not changed: SQLite's total_changes() counts this connection's writes (triggers' included) and
// data_version moves when another connection commits, so any write in between reads it again.
import type Database from 'better-sqlite3';
import type { ScoredLeader } from '../../core/scorecard/repo';

export class LeaderListCache {
  private readonly version: Database.Statement;
  private stamp = '';
  private readonly lists = new Map<string, ScoredLeader[]>();

  constructor(client: Database.Database) {
    this.version = client.prepare('SELECT total_changes() AS changes, data_version AS version FROM pragma_data_version()');
  }

  /** The list for `key`, read with `load` unless it was read since the last change; a fresh copy each time. */
  get(key: string, load: () => ScoredLeader[]): ScoredLeader[] {
    const { changes, version } = this.version.get() as { changes: number; version: number };
    const stamp = `${changes}/${version}`;
    if (stamp !== this.stamp) {
      this.lists.clear();
      this.stamp = stamp;
    }
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = load()));
    return list.map((l) => ({ ...l }));
  }
}
