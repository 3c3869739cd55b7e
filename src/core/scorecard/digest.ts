// The weekly scorecard digest for quality managers: Monday 08:00 in the organisation's default
// zone, last ISO week's scorecard. Each digest recipient gets every leader, site and the
// organisation by DM (so a recipient who is no longer a quality manager or admin is skipped); the
// digest channel gets site and organisation figures only — a scorecard is never in a channel.
import type { Composed, Delivery, DeliveryComposer, Trigger, TriggerSource } from '../deliveries';
import type { CoreDeps } from '../deps';
import { isManager } from '../people/types';
import { addDays, isoWeekday, isoWeekKey, localDateOf, zonedInstant } from '../time';
import { buildScorecard } from './build';
import { parsePeriod } from './period';
import { renderScorecardMessage } from './render-message';
import { limitsFor } from '../ports';

export const DIGEST_WEEKDAY = 1; // Monday
export const DIGEST_TIME = '08:00';
/** A scheduler window longer than this (first run, long downtime) only looks at its last part. */
const MAX_WINDOW_MS = 35 * 86_400_000;

/** Due instants of the digest in (start, to], each with the ISO week it reports on (the week before). */
function digestSlots(start: number, to: number, zone: string): Array<{ at: number; week: string }> {
  const slots: Array<{ at: number; week: string }> = [];
  const last = localDateOf(to, zone);
  for (let date = addDays(localDateOf(start, zone), -1); date <= last; date = addDays(date, 1)) {
    if (isoWeekday(date) !== DIGEST_WEEKDAY) continue;
    const at = zonedInstant(date, DIGEST_TIME, zone);
    if (at > start && at <= to) slots.push({ at, week: isoWeekKey(addDays(date, -7)) });
  }
  return slots;
}

export function digestSource(deps: CoreDeps): TriggerSource {
  return {
    name: 'scorecard-digest',
    async triggers(from: number, to: number): Promise<Trigger[]> {
      const start = Math.max(from, to - MAX_WINDOW_MS);
      const slots = to > start ? digestSlots(start, to, deps.settings.defaultTimeZone) : [];
      if (slots.length === 0) return [];
      const out: Trigger[] = [];
      for (const org of await deps.store.orgs.list()) {
        const recipients = await deps.store.digest.list(org.id);
        const channel = org.settings.digestChannel;
        for (const { at, week } of slots) {
          for (const personId of recipients) {
            out.push({ orgId: org.id, key: `digest:${org.id}:${week}:${personId}`, kind: 'digest', personId, subject: { week }, dueAt: at });
          }
          if (channel) out.push({ orgId: org.id, key: `digest:${org.id}:${week}:#${channel}`, kind: 'digest', channel, subject: { week }, dueAt: at });
        }
      }
      return out;
    },
  };
}

export function digestComposer(deps: CoreDeps): DeliveryComposer {
  return {
    kind: 'digest',
    async compose(delivery: Delivery): Promise<Composed> {
      const week = String(delivery.subject.week);
      if (delivery.personId) {
        const person = await deps.store.people.get(delivery.orgId, delivery.personId);
        if (!person) return { skip: 'the recipient no longer exists' };
        if (!isManager(person)) return { skip: 'the recipient is no longer a quality manager or admin' };
      }
      const period = parsePeriod(week, localDateOf(deps.clock.now(), deps.settings.defaultTimeZone));
      const card = await buildScorecard(deps, { orgId: delivery.orgId, target: { kind: 'all' }, period });
      const maxBlocks = limitsFor(deps.platform, delivery.orgId).messageBlocks;
      if (delivery.personId) {
        const message = renderScorecardMessage(card, { forManager: true, maxBlocks });
        message.heading = `Weekly digest: ${card.subject}, ${period.label}`;
        message.summary = `Weekly digest — ${message.summary}`;
        return { to: { personId: delivery.personId }, message };
      }
      // Everyone in the channel reads it: site and organisation figures only.
      const message = renderScorecardMessage(card, { forManager: false, groupsOnly: true, maxBlocks });
      const orgName = (await deps.store.orgs.get(delivery.orgId))?.name ?? delivery.orgId;
      message.heading = `Weekly digest: sites of ${orgName}, ${period.label}`;
      message.summary = `Weekly digest — ${message.summary.replace(`Scorecard for ${card.subject}`, `sites of ${orgName}`)}`;
      return { to: { channel: delivery.channel! }, message };
    },
  };
}
