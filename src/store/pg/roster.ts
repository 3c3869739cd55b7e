// A checked roster import on PostgreSQL, applied in one transaction: sites, then teams, then
// people and their floor-walk slots, each change with its audit row. Any failure rolls it all back.
// Imports of one organisation run one at a time (the audit-chain lock), as on SQLite.
import { and, eq } from 'drizzle-orm';
import { sites, teams } from '../../../db/pg/schema';
import type { PersonPatch, RosterApplied, RosterPlan, RosterRepo } from '../../core/people/repo';
import { auditedTransaction } from './audit';
import { upsertScheduleRow } from './calendar';
import type { PgDb } from './db';
import { ensurePersonRow, updatePersonRow } from './people';
import { insertSiteRow, insertTeamRow } from './sites';

export class PgRosterRepo implements RosterRepo {
  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {}

  async apply(plan: RosterPlan, actor: string | null): Promise<RosterApplied> {
    // The audit-chain lock before any row (auditedTransaction): two imports at once would otherwise
    // lock their rows in their own orders and deadlock, or race to create one site.
    return auditedTransaction(this.db, plan.orgId, async (tx) => {
      const now = this.now();
      const { orgId } = plan;
      const applied: RosterApplied = { peopleCreated: 0, sitesCreated: [], teamsCreated: [] };
      const findId = async (table: typeof sites | typeof teams, name: string): Promise<number | undefined> => {
        const [row] = await tx
          .select({ id: table.id })
          .from(table)
          .where(and(eq(table.orgId, orgId), eq(table.nameKey, name.toLowerCase())));
        return row?.id;
      };
      const idOf = async (table: typeof sites | typeof teams, name: string): Promise<number> => {
        const id = await findId(table, name);
        if (id === undefined) throw new Error(`the roster plan names an unknown ${table === sites ? 'site' : 'team'} “${name}”`);
        return id;
      };

      for (const site of plan.sites) {
        if ((await findId(sites, site.name)) !== undefined) continue;
        await insertSiteRow(tx, { orgId, name: site.name, timeZone: site.timeZone, workDays: [1, 2, 3, 4, 5], winsChannel: null }, actor, now);
        applied.sitesCreated.push(site.name);
      }
      for (const team of plan.teams) {
        if ((await findId(teams, team.name)) !== undefined) continue;
        const siteId = team.siteName === null ? null : await idOf(sites, team.siteName);
        await insertTeamRow(tx, { orgId, name: team.name, siteId, leaderId: null, channel: null }, actor, now);
        applied.teamsCreated.push(team.name);
      }
      for (const entry of plan.people) {
        const placement: PersonPatch = {};
        if (entry.siteName !== undefined) placement.siteId = await idOf(sites, entry.siteName);
        if (entry.teamName !== undefined) placement.teamId = await idOf(teams, entry.teamName);
        if ('create' in entry) {
          const made = await ensurePersonRow(tx, { ...entry.create, orgId, ...placement }, actor, now);
          if (made.created) applied.peopleCreated++;
        } else {
          await updatePersonRow(tx, orgId, entry.update.id, { ...entry.update.patch, ...placement }, actor, now);
        }
        if (entry.schedule) await upsertScheduleRow(tx, orgId, entry.schedule, actor, now);
      }
      return applied;
    });
  }
}
