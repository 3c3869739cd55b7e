// The management-review evidence pack (ISO 9001 9.3.2 inputs on leadership, clause 5.1): the
// leadership index by site with a month-by-month trend, dated and attributable examples per clause,
// follow-up actions tracked to closure, objectives, exceptions, corrections and the integrity
// statement (the audit chain's head, which `clause5 verify` reproduces).
import { recordedByText } from '../people/recorded-by';
import { describePeriod } from '../prompts/cadence';
import { describeChange } from '../records/changes';
import type { CoreDeps } from '../deps';
import { buildPeriodIndex, buildScorecard } from '../scorecard/build';
import type { Period } from '../scorecard/period';
import type { GroupCard, LeaderCard } from '../scorecard/types';
import { addDays, instantRange, localDateOf } from '../time';
import { clausesOf, CLAUSE_TITLES, compareClauses, type RecordKind } from './clauses';
import type { ChainHead, CorrectionRecord, EvidenceScope, FollowUpRecord } from './repo';

export interface ClauseSection {
  clause: string;
  title: string;
  counts: Partial<Record<RecordKind, number>>;
  /** Dated, attributable lines in date order: all of them, or EXAMPLES_PER_CLAUSE spread evenly over the period. */
  examples: string[];
}

export interface MonthRow {
  label: string;
  from: string;
  to: string;
  index: number | null;
  leaders: number;
}

export interface ExceptionRow {
  leader: string;
  site: string | null;
  missedWalkWeeks: number;
  unansweredPrompts: number;
  overdueFollowUps: number;
}

export interface EvidencePack {
  orgName: string;
  siteName: string | null;
  period: Period;
  generatedAt: number;
  generatedBy: string;
  zone: string;
  /** The local date the pack was made on (what "overdue" is measured against). */
  today: string;
  org: GroupCard | null;
  sites: GroupCard[];
  leaders: LeaderCard[];
  months: MonthRow[];
  clauses: ClauseSection[];
  followUps: { items: FollowUpRecord[]; raised: number; closedOnTime: number; closedLate: number; open: number; overdue: number };
  objectives: Array<{ code: string; title: string; wins: number; walks: number }>;
  exceptions: ExceptionRow[];
  excused: Array<{ person: string; from: string; to: string; reason: string | null }>;
  corrections: CorrectionRecord[];
  integrity: ChainHead;
}

export const EXAMPLES_PER_CLAUSE = 25;

export interface PackRequest {
  orgId: string;
  siteId?: number;
  period: Period;
  /** Who asked (shown on the pack). */
  generatedBy: string;
  /** The zone dates are read in (the requester's). */
  zone: string;
}

function monthsOf(period: Period): Array<{ from: string; to: string; label: string }> {
  const out: Array<{ from: string; to: string; label: string }> = [];
  for (let start = period.from; start <= period.to; ) {
    const [y, m] = start.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const end = addDays(next, -1) < period.to ? addDays(next, -1) : period.to;
    out.push({ from: start, to: end, label: start.slice(0, 7) });
    start = next;
  }
  return out;
}

/**
 * localDateOf, remembered per 15 minutes of UTC: every zone's offset (and its changes) falls on a
 * quarter hour, so the local date is the same across such a slice. A year's pack reads ~100,000 dates.
 */
function dayReader(zone: string): (ms: number) => string {
  const seen = new Map<number, string>();
  return (ms) => {
    const slice = Math.floor(ms / 900_000);
    let date = seen.get(slice);
    if (date === undefined) seen.set(slice, (date = localDateOf(ms, zone)));
    return date;
  };
}

/** At most `n` items, evenly spaced from first to last (all of them when there are no more than n). */
function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, i) => items[Math.round((i * (items.length - 1)) / (n - 1))]!);
}

export async function buildEvidencePack(deps: CoreDeps, request: PackRequest): Promise<EvidencePack> {
  const { store } = deps;
  const { orgId, siteId, period, zone } = request;
  const { start, end } = instantRange(period.from, period.to, zone);
  const scope: EvidenceScope = { orgId, siteId, from: period.from, to: period.to, startMs: start, endMs: end };
  const target = siteId === undefined ? ({ kind: 'all' } as const) : ({ kind: 'site', siteId } as const);
  // The month-by-month trend needs only each month's index: started with the rest, all at once
  // (the scorecard's worker threads share them out).
  const monthIndexes = Promise.all(
    monthsOf(period).map(async (month) => ({
      ...month,
      ...(await buildPeriodIndex(deps, { orgId, target, period: { from: month.from, to: month.to, label: month.label, days: 0 } })),
    })),
  );
  const [org, site, card, walks, updates, wins, followUps, corrections, integrity, objectives, away, people, months, customAnswers] = await Promise.all([
    store.orgs.get(orgId),
    siteId === undefined ? undefined : store.sites.get(orgId, siteId),
    buildScorecard(deps, { orgId, target, period }),
    store.evidence.walks(scope),
    store.evidence.meetingUpdates(scope),
    store.evidence.wins(scope),
    store.evidence.followUps(scope),
    store.evidence.corrections(scope),
    store.evidence.chainHead(orgId),
    store.objectives.list(orgId),
    store.away.listInOrg(orgId, period.from, period.to),
    store.people.list(orgId),
    monthIndexes,
    store.evidence.customAnswers(scope),
  ]);

  const day = dayReader(zone);
  const sections = new Map<string, ClauseSection>();
  // Most records share a handful of tag sets: their clauses are worked out once per set.
  const clauseCache = new Map<string, string[]>();
  const add = (kind: RecordKind, tags: readonly string[], line: string) => {
    const key = `${kind}\u0000${tags.join('\u0000')}`;
    let clauses = clauseCache.get(key);
    if (!clauses) clauseCache.set(key, (clauses = clausesOf(kind, tags, objectives)));
    for (const clause of clauses) {
      const section = sections.get(clause) ?? { clause, title: CLAUSE_TITLES[clause] ?? '', counts: {}, examples: [] };
      section.counts[kind] = (section.counts[kind] ?? 0) + 1;
      section.examples.push(line);
      sections.set(clause, section);
    }
  };
  const names = new Map(people.map((p) => [p.id, p.displayName]));
  const siteOf = new Map(people.map((p) => [p.id, p.siteId]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const recorded = (recordedBy: string | null, subject: string) => {
    const text = recordedByText(recordedBy, subject, nameOf);
    return text ? ` (${text})` : '';
  };
  for (const u of updates) {
    add(
      'meeting-update',
      u.tags,
      `${u.localDate} ${u.personName} opened “${u.meetingTitle}” with a quality update${u.topic ? `: ${u.topic}` : ''}${recorded(u.recordedBy, u.personId)}`,
    );
  }
  for (const w of walks) {
    const actions = w.actions === 0 ? 'no actions raised' : `raised ${w.actions} action${w.actions === 1 ? '' : 's'}, ${w.actionsClosedOnTime} closed on time`;
    add(
      'floor-walk',
      w.tags,
      `${w.walkDate} ${w.personName} walked ${w.area}${w.concerns ? `; concern: ${w.concerns}` : ''}; ${actions}${recorded(w.recordedBy, w.personId)}`,
    );
  }
  for (const w of wins) {
    const who = w.people.map(nameOf).join(', ');
    add('win', w.tags, `${day(w.postedAt)} ${w.postedByName} recognised ${who || 'the team'}: ${w.text}${recorded(w.recordedBy, w.postedBy)}`);
  }
  for (const a of customAnswers) {
    const by = recordedByText(a.recordedBy, a.personId, nameOf);
    const recordedNote = by ? ` (${by}${a.reason ? `: ${a.reason}` : ''})` : '';
    add(
      'custom-prompt',
      a.clauses,
      `${day(a.answeredAt)} ${a.personName} answered “${a.question}” for ${describePeriod(a.periodKey)}: ${a.answer}${a.note ? ` — ${a.note}` : ''}${recordedNote}`,
    );
  }
  const today = day(deps.clock.now());
  let closedOnTime = 0;
  let closedLate = 0;
  for (const f of followUps) {
    if (f.status === 'done' && f.closedOn !== null) f.closedOn <= f.dueDate ? closedOnTime++ : closedLate++;
    const state =
      f.status === 'done' ? `closed ${f.closedOn}${f.closedOn && f.closedOn > f.dueDate ? ' (late)' : ''}` : f.dueDate < today ? 'open, overdue' : 'open';
    add('follow-up', [], `${day(f.raisedOn)} ${f.raisedByName} raised “${f.text}” for ${f.ownerName}, due ${f.dueDate}: ${state}`);
  }
  const tagged = (code: string, tags: readonly string[]) => tags.some((t) => t.toLowerCase() === code.toLowerCase());
  return {
    orgName: org?.name ?? orgId,
    siteName: site?.name ?? null,
    period,
    generatedAt: deps.clock.now(),
    generatedBy: request.generatedBy,
    zone,
    today,
    org: card.org,
    sites: card.sites,
    leaders: card.leaders,
    months,
    clauses: [...sections.values()]
      .sort((a, b) => compareClauses(a.clause, b.clause))
      .map((s) => ({ ...s, examples: spread(s.examples.sort(), EXAMPLES_PER_CLAUSE) })),
    followUps: {
      items: followUps,
      raised: followUps.filter((f) => f.raisedOn >= start).length,
      closedOnTime,
      closedLate,
      open: followUps.filter((f) => f.status === 'open').length,
      overdue: followUps.filter((f) => f.status === 'open' && f.dueDate < today).length,
    },
    objectives: objectives.map((o) => ({
      code: o.code,
      title: o.title,
      wins: wins.filter((w) => tagged(o.code, w.tags)).length,
      walks: walks.filter((w) => tagged(o.code, w.tags)).length,
    })),
    exceptions: card.leaders
      .map((l) => ({
        leader: l.displayName,
        site: l.siteName,
        missedWalkWeeks: l.facts.walkWeeksDue - l.facts.walkWeeksDone,
        unansweredPrompts: l.facts.promptsCounted - l.facts.promptsAnsweredInTime,
        overdueFollowUps: l.facts.followUpsOverdue,
      }))
      .filter((e) => e.missedWalkWeeks > 0 || e.unansweredPrompts > 0 || e.overdueFollowUps > 0),
    excused: away
      .filter((a) => siteId === undefined || siteOf.get(a.personId) === siteId)
      .map((a) => ({ person: names.get(a.personId) ?? a.personId, from: a.fromDate, to: a.toDate, reason: a.reason })),
    // A meeting check's first answer is an answer, not a correction of one.
    corrections: corrections.filter((c) => describeChange(c.entity, c.action, c.before, c.after).what !== 'answered'),
    integrity,
  };
}
