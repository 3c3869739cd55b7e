// The weekly digest for quality managers: Monday 08:00 in the organisation's default zone, about
// the ISO week before. Each digest recipient gets it by DM with leaders named (needs attention, top
// movers), so a recipient who is no longer a quality manager or admin is skipped; the digest
// channel gets site and organisation figures only — a leader's own figures are never in a channel.
// Both carry the organisation's index trend over the last eight weeks as a chart.
import { buildChart } from '../charts/chart';
import type { Composed, Delivery, DeliveryComposer, Trigger, TriggerSource } from '../deliveries';
import type { CoreDeps } from '../deps';
import type { Attachment } from '../model';
import { isManager } from '../people/types';
import { addDays, isoWeekday, isoWeekKey, localDateOf, weekRange, zonedInstant } from '../time';
import { needsAttention, topMovers } from './attention';
import { buildScorecard } from './build';
import { digestChannelMessage, digestDirectMessage, type DigestContent } from './digest-message';
import type { Period } from './period';
import { MIN_GROUP_IN_CHANNEL } from './render-message';
import { weekPeriod } from './walk-runs';

export const DIGEST_WEEKDAY = 1; // Monday
export const DIGEST_TIME = '08:00';
/** Weeks drawn in the digest's trend chart (the reported week and the ones before it). */
export const DIGEST_CHART_WEEKS = 8;
/** A scheduler window longer than this (first run, long downtime) only looks at its last part. */
export const MAX_WINDOW_MS = 35 * 86_400_000;

/** Mondays at 08:00 in `zone` within (start, to], each with the ISO week it reports on (the week before). */
export function mondaySlots(start: number, to: number, zone: string): Array<{ at: number; week: string }> {
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
      const slots = to > start ? mondaySlots(start, to, deps.settings.defaultTimeZone) : [];
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

/** The last DIGEST_CHART_WEEKS ISO weeks up to and including `week`. */
function chartPeriod(week: string): Period {
  const { to } = weekRange(week);
  const from = addDays(weekRange(week).from, -7 * (DIGEST_CHART_WEEKS - 1));
  return { from, to, label: `${DIGEST_CHART_WEEKS} weeks to ${week}`, days: 7 * DIGEST_CHART_WEEKS };
}

/** The organisation's trend chart; a chart that cannot be drawn leaves the digest without one. */
async function trendAttachment(deps: CoreDeps, orgId: string, week: string): Promise<Attachment | undefined> {
  try {
    return (await buildChart(deps, orgId, { kind: 'all' }, chartPeriod(week), 'trend')).attachment;
  } catch (error) {
    deps.log.warn({ orgId, week, err: error instanceof Error ? error.message : String(error) }, 'digest: no trend chart');
    return undefined;
  }
}

async function digestContent(deps: CoreDeps, orgId: string, week: string, forRecipient: boolean): Promise<DigestContent> {
  const card = await buildScorecard(deps, { orgId, target: { kind: 'all' }, period: weekPeriod(week) });
  const orgName = (await deps.store.orgs.get(orgId))?.name ?? orgId;
  const today = localDateOf(deps.clock.now(), deps.settings.defaultTimeZone);
  return {
    card,
    orgName,
    week,
    // Named leaders are worked out only for a recipient's DM: a channel message never holds them.
    attention: forRecipient ? await needsAttention(deps, orgId, week, card.leaders, today) : [],
    movers: forRecipient ? topMovers(card.leaders) : { up: [], down: [] },
  };
}

async function buildDigest(deps: CoreDeps, orgId: string, week: string, forRecipient: boolean): Promise<Built> {
  const content = await digestContent(deps, orgId, week, forRecipient);
  // In a channel, an organisation of one leader would show that leader's own trend.
  const minLeaders = forRecipient ? 1 : MIN_GROUP_IN_CHANNEL;
  const attachment = content.card.leaders.length >= minLeaders ? await trendAttachment(deps, orgId, week) : undefined;
  if (attachment) content.chartNote = `Chart: the organisation’s index by week, last ${DIGEST_CHART_WEEKS} weeks.`;
  return { content, attachment };
}

interface Built {
  content: DigestContent;
  attachment?: Attachment;
}

/** Every recipient's DM is the same: built once and reused for a few minutes (one per org and week). */
const REUSE_MS = 10 * 60_000;

export function digestComposer(deps: CoreDeps): DeliveryComposer {
  const built = new Map<string, { at: number; value: Promise<Built> }>();
  const digestFor = (orgId: string, week: string, forRecipient: boolean): Promise<Built> => {
    const now = deps.clock.now();
    for (const [key, entry] of built) if (now - entry.at > REUSE_MS || now < entry.at) built.delete(key);
    const key = `${orgId}\n${week}\n${forRecipient}`;
    let entry = built.get(key);
    if (!entry) {
      entry = { at: now, value: buildDigest(deps, orgId, week, forRecipient) };
      entry.value.catch(() => built.delete(key)); // a failed build is tried again by the next delivery
      built.set(key, entry);
    }
    return entry.value;
  };
  return {
    kind: 'digest',
    async compose(delivery: Delivery): Promise<Composed> {
      const week = String(delivery.subject.week);
      if (delivery.personId) {
        const person = await deps.store.people.get(delivery.orgId, delivery.personId);
        if (!person) return { skip: 'the recipient no longer exists' };
        if (!isManager(person)) return { skip: 'the recipient is no longer a quality manager or admin' };
      }
      const { content, attachment } = await digestFor(delivery.orgId, week, Boolean(delivery.personId));
      if (delivery.personId) {
        const message = digestDirectMessage(content);
        return { to: { personId: delivery.personId }, message: attachment ? { ...message, attachment } : message };
      }
      const message = digestChannelMessage(content);
      return { to: { channel: delivery.channel! }, message: attachment ? { ...message, attachment } : message };
    },
  };
}
