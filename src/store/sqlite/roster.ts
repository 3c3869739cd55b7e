// A checked roster import, applied in one transaction: sites, then teams, then people and their
// floor-walk slots, each change with its audit row. Any failure rolls the whole import back.
import { and, eq } from 'drizzle-orm';
import { sites, teams } from '../../../db/schema';
import type { PersonPatch, RosterApplied, RosterPlan, RosterRepo } from '../../core/people/repo';
import { upsertScheduleRow } from './calendar';
import type { Db } from './db';
import { ensurePersonRow, updatePersonRow } from './people';
import { insertSiteRow, insertTeamRow } from './sites';

export class SqliteRosterRepo implements RosterRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async apply(plan: RosterPlan, actor: string | null): Promise<RosterApplied> {
    return this.db.transaction((tx) => {
      const now = this.now();
      const { orgId } = plan;
      const applied: RosterApplied = { peopleCreated: 0, sitesCreated: [], teamsCreated: [] };
      const findId = (table: typeof sites | typeof teams, name: string): number | undefined =>
        tx
          .select({ id: table.id })
          .from(table)
          .where(and(eq(table.orgId, orgId), eq(table.nameKey, name.toLowerCase())))
          .get()?.id;
      const idOf = (table: typeof sites | typeof teams, name: string): number => {
        const id = findId(table, name);
        if (id === undefined) throw new Error(`the roster plan names an unknown ${table === sites ? 'site' : 'team'} “${name}”`);
        return id;
      };

      for (const site of plan.sites) {
        if (findId(sites, site.name) !== undefined) continue;
        insertSiteRow(tx, { orgId, name: site.name, timeZone: site.timeZone, workDays: [1, 2, 3, 4, 5], winsChannel: null }, actor, now);
        applied.sitesCreated.push(site.name);
      }
      for (const team of plan.teams) {
        if (findId(teams, team.name) !== undefined) continue;
        const siteId = team.siteName === null ? null : idOf(sites, team.siteName);
        insertTeamRow(tx, { orgId, name: team.name, siteId, leaderId: null, channel: null }, actor, now);
        applied.teamsCreated.push(team.name);
      }
      for (const entry of plan.people) {
        const placement: PersonPatch = {};
        if (entry.siteName !== undefined) placement.siteId = idOf(sites, entry.siteName);
        if (entry.teamName !== undefined) placement.teamId = idOf(teams, entry.teamName);
        if ('create' in entry) {
          const made = ensurePersonRow(tx, { ...entry.create, orgId, ...placement }, actor, now);
          if (made.created) applied.peopleCreated++;
        } else {
          updatePersonRow(tx, orgId, entry.update.id, { ...entry.update.patch, ...placement }, actor, now);
        }
        if (entry.schedule) upsertScheduleRow(tx, orgId, entry.schedule, actor, now);
      }
      return applied;
    });
  }
}
