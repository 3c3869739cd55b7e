// The wins area's scheduled messages: the celebration of one win ('win_post') and the weekly
// roundup of a site's wins ('wins_roundup', Friday 16:00 site-local, one per site per ISO week).
// A roundup covers exactly the time since the previous roundup slot (previous Friday 16:00 up to
// this Friday 16:00), so wins posted on a Friday evening or a weekend appear in the next one.
import type { Composed, Delivery, DeliveryComposer, Trigger, TriggerSource } from '../deliveries';
import type { CoreDeps } from '../deps';
import { addDays, isoWeekday, isoWeekKey, localDateOf, localParts, weekRange, zonedInstant, type LocalDate } from '../time';
import { LIST_LIMIT, winCelebration, winLine, winsList } from './messages';
import { NO_WINS_CHANNEL, winsChannelFor } from './post';

export const ROUNDUP_WEEKDAY = 5; // Friday
export const ROUNDUP_TIME = '16:00';
/** A scheduler window longer than this (first run, long downtime) only looks at its last part. */
const MAX_WINDOW_MS = 35 * 86_400_000;

/** The roundup of ISO week `weekKey` covers [previous Friday 16:00, this Friday 16:00) in `zone`. */
export function roundupSpan(weekKey: string, zone: string): { fromDate: LocalDate; toDate: LocalDate; start: number; end: number } {
  const toDate = addDays(weekRange(weekKey).from, ROUNDUP_WEEKDAY - 1);
  const fromDate = addDays(toDate, -7);
  return { fromDate, toDate, start: zonedInstant(fromDate, ROUNDUP_TIME, zone), end: zonedInstant(toDate, ROUNDUP_TIME, zone) };
}

export function winPostComposer(deps: CoreDeps): DeliveryComposer {
  return {
    kind: 'win_post',
    async compose(delivery: Delivery): Promise<Composed> {
      const win = await deps.store.wins.get(delivery.orgId, Number(delivery.subject.winId));
      if (!win) return { skip: 'the win no longer exists' };
      if (win.withdrawnAt !== null) return { skip: 'the win was withdrawn before it was posted' };
      const channel = await winsChannelFor(deps, win.orgId, win.siteId);
      if (!channel) return { skip: NO_WINS_CHANNEL };
      const team = win.teamId !== null ? await deps.store.teams.get(win.orgId, win.teamId) : undefined;
      const objectives = await deps.store.objectives.list(win.orgId);
      return { to: { channel }, message: winCelebration(win, team, objectives) };
    },
  };
}

export function winsRoundupComposer(deps: CoreDeps): DeliveryComposer {
  return {
    kind: 'wins_roundup',
    async compose(delivery: Delivery): Promise<Composed> {
      const site = await deps.store.sites.get(delivery.orgId, Number(delivery.subject.siteId));
      if (!site) return { skip: 'the site no longer exists' };
      const weekKey = String(delivery.subject.weekKey);
      const channel = await winsChannelFor(deps, site.orgId, site.id);
      if (!channel) return { skip: NO_WINS_CHANNEL };
      const { fromDate, toDate, start, end } = roundupSpan(weekKey, site.timeZone);
      const total = await deps.store.wins.countBetween(site.orgId, start, end, { siteId: site.id });
      if (total === 0) return { skip: `no wins at ${site.name} in ${weekKey}` };
      const wins = await deps.store.wins.between(site.orgId, start, end, { siteId: site.id, limit: LIST_LIMIT });
      const lines = wins.map((w) => winLine(w, localParts(w.postedAt, site.timeZone).date));
      const range = `Friday ${fromDate} ${ROUNDUP_TIME} to Friday ${toDate} ${ROUNDUP_TIME}`;
      const intro = [{ bold: site.name }, ` — ${total} win${total === 1 ? '' : 's'} recognised since the last roundup (${range}). Thank you all!`];
      return {
        to: { channel },
        message: winsList(
          'This week’s wins',
          intro,
          lines,
          total,
          `${total} win${total === 1 ? '' : 's'} this week at ${site.name}`,
          `See them all with /clause5 wins site "${site.name}" ${fromDate}..${toDate}.`,
        ),
      };
    },
  };
}

/** One roundup per site per ISO week, due Friday 16:00 in the site's zone. */
export function winsRoundupSource(deps: CoreDeps): TriggerSource {
  return {
    name: 'wins-roundup',
    async triggers(from: number, to: number): Promise<Trigger[]> {
      const start = Math.max(from, to - MAX_WINDOW_MS);
      if (to <= start) return [];
      const out: Trigger[] = [];
      for (const org of await deps.store.orgs.list()) {
        for (const site of await deps.store.sites.list(org.id)) {
          const last = localDateOf(to, site.timeZone);
          for (let date = addDays(localDateOf(start, site.timeZone), -1); date <= last; date = addDays(date, 1)) {
            if (isoWeekday(date) !== ROUNDUP_WEEKDAY) continue;
            const at = zonedInstant(date, ROUNDUP_TIME, site.timeZone);
            if (at <= start || at > to) continue;
            const weekKey = isoWeekKey(date);
            out.push({
              orgId: org.id,
              key: `wins_roundup:${site.id}:${weekKey}`,
              kind: 'wins_roundup',
              channel: site.winsChannel,
              subject: { siteId: site.id, weekKey },
              dueAt: at,
            });
          }
        }
      }
      return out;
    },
  };
}
