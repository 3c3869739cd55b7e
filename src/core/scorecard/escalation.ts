// Optional escalation (off by default; `admin escalation walks <N>`): a leader who misses N floor
// walks in a row is named to their site's quality managers by DM on the Monday the Nth missed week
// closes (08:00 site time). Exactly N, so once per run of misses; a walk starts a new run.
// Leaders with no site, or a site with no quality manager, go to the digest recipients instead.
import type { CommandSpec } from '../commands/types';
import type { Composed, Delivery, DeliveryComposer, Trigger, TriggerSource } from '../deliveries';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { note, type RichText } from '../model';
import { isManager, type Org } from '../people/types';
import { MAX_WINDOW_MS, mondaySlots } from './digest';
import { missedWalkRuns } from './walk-runs';

const USAGE = 'admin escalation [walks <weeks> | off]';
export const MAX_ESCALATION_WEEKS = 26;
/** Weeks with nothing owed (away, shutdown) are skipped while counting back: look this much further. */
const EXTRA_LOOKBACK_WEEKS = 12;
const NO_SITE = 'none';

export function escalationWeeks(org: Org): number | undefined {
  const n = org.settings.escalateWalksAfter;
  return typeof n === 'number' && n >= 1 ? n : undefined;
}

export const adminEscalation: CommandSpec = {
  path: ['admin', 'escalation'],
  usage: USAGE,
  summary: 'name a leader to their site’s quality managers (DM) when they miss this many floor walks in a row; off by default',
  group: 'Admin',
  access: 'manager',
  async run({ actor, deps, args }) {
    const word = args.next()?.toLowerCase();
    if (word === undefined) {
      args.done(USAGE);
      const n = escalationWeeks(actor.org);
      return {
        message: n
          ? note(
              `Escalation is on: a leader who misses ${n} floor walk${n === 1 ? '' : 's'} in a row is named to their site’s quality managers by DM, the Monday it happens. Turn it off with `,
              { bold: 'admin escalation off' },
              '.',
            )
          : note(
              'Escalation is off. Turn it on with ',
              { bold: 'admin escalation walks 3' },
              ' (name a leader to their site’s quality managers after 3 missed floor walks in a row).',
            ),
      };
    }
    if (word === 'off') {
      args.done(USAGE);
      await deps.store.orgs.updateSettings(actor.org.id, { escalateWalksAfter: undefined }, actor.person.id);
      return { message: note('Escalation is off: missed floor walks are shown in the weekly digest only.') };
    }
    if (word !== 'walks') throw new UserError(`I don't understand “${word}”. Usage: ${USAGE}`);
    const count = args.required(`How many missed weeks in a row? Usage: ${USAGE}`);
    args.done(USAGE);
    const n = /^\d+$/.test(count) ? Number(count) : NaN;
    if (!(n >= 1 && n <= MAX_ESCALATION_WEEKS))
      throw new UserError(`“${count}” is not a number of weeks — use a whole number from 1 to ${MAX_ESCALATION_WEEKS}.`);
    await deps.store.orgs.updateSettings(actor.org.id, { escalateWalksAfter: n }, actor.person.id);
    return {
      message: note(
        `Escalation is on: a leader who misses ${n} floor walk${n === 1 ? '' : 's'} in a row will be named to their site’s quality managers by DM, on the Monday after the last missed week (08:00 site time). Once per run of missed weeks.`,
      ),
    };
  },
};

/** Who hears about a site's leaders: its quality managers, else the digest recipients. */
async function recipientsFor(deps: CoreDeps, orgId: string, siteId: number | null): Promise<string[]> {
  if (siteId !== null) {
    const managers = await deps.store.people.list(orgId, { role: 'quality_manager', siteId });
    if (managers.length) return managers.map((p) => p.id);
  }
  return deps.store.digest.list(orgId);
}

export function escalationSource(deps: CoreDeps): TriggerSource {
  return {
    name: 'walk-escalation',
    async triggers(from, to): Promise<Trigger[]> {
      const start = Math.max(from, to - MAX_WINDOW_MS);
      if (to <= start) return [];
      const out: Trigger[] = [];
      for (const org of await deps.store.orgs.list()) {
        if (!escalationWeeks(org)) continue;
        const groups: Array<{ siteId: number | null; zone: string }> = [
          ...(await deps.store.sites.list(org.id)).map((s) => ({ siteId: s.id, zone: s.timeZone })),
          { siteId: null, zone: deps.settings.defaultTimeZone },
        ];
        for (const { siteId, zone } of groups) {
          const slots = mondaySlots(start, to, zone);
          if (slots.length === 0) continue;
          const recipients = await recipientsFor(deps, org.id, siteId);
          const site = siteId ?? NO_SITE;
          for (const { at, week } of slots) {
            for (const personId of recipients) {
              out.push({
                orgId: org.id,
                key: `walk_escalation:${site}:${week}:${personId}`,
                kind: 'walk_escalation',
                personId,
                subject: { site, week },
                dueAt: at,
              });
            }
          }
        }
      }
      return out;
    },
  };
}

export function escalationComposer(deps: CoreDeps): DeliveryComposer {
  return {
    kind: 'walk_escalation',
    async compose(delivery: Delivery): Promise<Composed> {
      const org = await deps.store.orgs.get(delivery.orgId);
      const n = org ? escalationWeeks(org) : undefined;
      if (!n) return { skip: 'escalation is off' };
      const person = delivery.personId ? await deps.store.people.get(delivery.orgId, delivery.personId) : undefined;
      if (!person || !isManager(person)) return { skip: 'the recipient is no longer a quality manager or admin' };
      const week = String(delivery.subject.week);
      const siteId = delivery.subject.site === NO_SITE ? null : Number(delivery.subject.site);
      const target = siteId === null ? ({ kind: 'all' } as const) : ({ kind: 'site', siteId } as const); // LeaderScope and target alike
      const scoped = await deps.store.scorecard.leaders(delivery.orgId, target, deps.settings.defaultTimeZone);
      if (!scoped.some((l) => l.siteId === siteId)) return { skip: 'no leaders here' };
      const runs = await missedWalkRuns(deps, delivery.orgId, target, week, n + EXTRA_LOOKBACK_WEEKS);
      const leaders = scoped.filter((l) => l.siteId === siteId && runs.get(l.id)?.weeks === n);
      if (leaders.length === 0) return { skip: `no leader reached ${n} missed floor walks in a row` };
      const place = siteId === null ? 'with no site' : `at ${leaders[0]!.siteName ?? 'your site'}`;
      const items = leaders.map(
        (l): RichText => [{ bold: l.displayName }, ` — no floor walk logged in weeks ${[...runs.get(l.id)!.weekKeys].reverse().join(', ')}`],
      );
      const grid = `/clause5 scorecard ${siteId === null ? 'all' : `site "${leaders[0]!.siteName}"`} quarter chart grid`;
      const heading = `Floor walks missed ${n} week${n === 1 ? '' : 's'} in a row`;
      return {
        to: { personId: person.id },
        message: {
          summary: `${heading}: ${leaders.map((l) => l.displayName).join(', ')}`,
          heading,
          blocks: [
            {
              type: 'text',
              text: [
                `${leaders.length === 1 ? 'This leader' : 'These leaders'} ${place} just reached ${n} missed floor walk${n === 1 ? '' : 's'} in a row (weeks with nothing owed are skipped):`,
              ],
            },
            { type: 'list', items },
            {
              type: 'context',
              text: [
                'You get this once per run of missed weeks because escalation is on (',
                { bold: 'admin escalation off' },
                ' turns it off). Walk grid: ',
                { bold: grid },
              ],
            },
          ],
        },
      };
    },
  };
}
