// What both engines' slack_dm_channels upsert of many rows writes: one row per (team, user), the
// later of two winning — an upsert cannot touch the same row twice in one statement.
import type { SlackDmChannelRow } from '../../platforms/state';

export function lastPerUser(rows: readonly SlackDmChannelRow[]): SlackDmChannelRow[] {
  const byUser = new Map<string, SlackDmChannelRow>();
  for (const row of rows) {
    const key = `${row.teamId} ${row.userId}`;
    byUser.delete(key);
    byUser.set(key, row);
  }
  return [...byUser.values()];
}
