// The evidence pack as neutral sections (tables and lists), rendered alike as Markdown, HTML and
// CSV files, so every format says the same thing.
import { describeChange, fieldChangesText } from '../records/changes';
import { fraction, pct, trendText } from '../scorecard/format';
import type { EvidencePack } from './pack';

export interface PackTable {
  /** File name for the CSV export, e.g. 'sites.csv'. */
  file: string;
  header: string[];
  rows: string[][];
  empty: string;
}

export interface PackSection {
  title: string;
  intro?: string;
  table?: PackTable;
  lists?: Array<{ title: string; items: string[]; empty?: string }>;
}

const idx = (n: number | null) => (n === null ? 'n/a' : String(n));

/** How many follow-ups the pack lists (the CSV export has them all): overdue, open and late first. */
export const FOLLOW_UPS_LISTED = 200;

function followUpsToList(pack: EvidencePack, today: string) {
  const rank = (i: EvidencePack['followUps']['items'][number]) =>
    i.status === 'open' ? (i.dueDate < today ? 0 : 1) : i.closedOn !== null && i.closedOn > i.dueDate ? 2 : 3;
  return [...pack.followUps.items].sort((a, b) => rank(a) - rank(b) || a.dueDate.localeCompare(b.dueDate) || a.id - b.id);
}

/** Each custom leadership prompt asked in scope: its clauses, its weight and how often it was done. */
function promptsSection(pack: EvidencePack): PackSection {
  const scope = pack.siteName ? pack.sites[0] : (pack.org ?? pack.sites[0]);
  return {
    title: 'Leadership prompts',
    intro: 'The recurring leadership checks the quality manager defined: periods answered as done ÷ periods due (not applicable and away are not due).',
    table: {
      file: 'prompts.csv',
      header: ['#', 'Question', 'Clauses', 'Weight in the index', 'Done ÷ due'],
      rows: (scope?.custom ?? []).map((c) => [
        String(c.promptId),
        c.question,
        c.clauses.join(', ') || '5.1.1',
        c.weight === null ? '—' : String(c.weight),
        fraction(c.part, c.done, c.due),
      ]),
      empty: 'No leadership prompts were due in this period.',
    },
  };
}

export function packSections(pack: EvidencePack, options: { allFollowUps?: boolean } = {}): PackSection[] {
  const f = pack.followUps;
  const ordered = followUpsToList(pack, pack.today);
  const listed = options.allFollowUps ? ordered : ordered.slice(0, FOLLOW_UPS_LISTED);
  const more = ordered.length - listed.length;
  return [
    {
      title: 'Summary by site',
      intro: 'Leadership index (0–100) and its parts over the period; trend against the period before of the same length.',
      table: {
        file: 'sites.csv',
        header: ['Site', 'Leaders', 'Index', 'Trend', 'Meetings with a quality update', 'Floor-walk weeks', 'Follow-ups on time'],
        rows: [...pack.sites, ...(pack.org && !pack.siteName ? [pack.org] : [])].map((g) => [
          g.level === 'org' ? `All (${g.name})` : g.name,
          String(g.leaderCount),
          idx(g.index),
          trendText(g.trend),
          fraction(g.parts.meetings, g.facts.meetingsYes, g.facts.meetingsDue),
          fraction(g.parts.walks, g.facts.walkWeeksDone, g.facts.walkWeeksDue),
          fraction(g.parts.followUps, g.facts.followUpsOnTime, g.facts.followUpsDue),
        ]),
        empty: 'No sites.',
      },
    },
    {
      title: 'Trend by month',
      table: {
        file: 'trend.csv',
        header: ['Month', 'From', 'To', 'Index', 'Leaders'],
        rows: pack.months.map((m) => [m.label, m.from, m.to, idx(m.index), String(m.leaders)]),
        empty: 'No months.',
      },
    },
    {
      title: 'Leaders',
      table: {
        file: 'leaders.csv',
        header: ['Leader', 'Site', 'Index', 'Meetings', 'Floor walks', 'Wins', 'Follow-ups on time'],
        rows: pack.leaders.map((l) => [
          l.displayName,
          l.siteName ?? 'No site',
          idx(l.index),
          fraction(l.parts.meetings, l.facts.meetingsYes, l.facts.meetingsDue),
          fraction(l.parts.walks, l.facts.walkWeeksDone, l.facts.walkWeeksDue),
          pct(l.parts.wins),
          fraction(l.parts.followUps, l.facts.followUpsOnTime, l.facts.followUpsDue),
        ]),
        empty: 'No leaders.',
      },
    },
    promptsSection(pack),
    {
      title: 'Evidence by clause (ISO 9001:2015)',
      intro:
        'Each recorded behaviour counts under every clause it evidences (a leadership prompt under the clauses it is tagged with, when answered as done); the examples are dated and name who did it.',
      table: {
        file: 'clauses.csv',
        header: ['Clause', 'Title', 'Meeting updates', 'Floor walks', 'Follow-ups', 'Wins', 'Leadership prompts'],
        rows: pack.clauses.map((c) => [
          c.clause,
          c.title,
          ...(['meeting-update', 'floor-walk', 'follow-up', 'win', 'custom-prompt'] as const).map((k) => String(c.counts[k] ?? 0)),
        ]),
        empty: 'Nothing recorded in this period.',
      },
      lists: pack.clauses.map((c) => ({ title: `${c.clause} ${c.title}`, items: c.examples })),
    },
    {
      title: 'Follow-up actions tracked to closure',
      intro:
        `Raised in the period: ${f.raised}. Closed on time: ${f.closedOnTime}; closed late: ${f.closedLate}; open: ${f.open}, of which overdue: ${f.overdue}.` +
        (more > 0
          ? ` Listed: the ${listed.length} most pressing (overdue, open, late first); all ${ordered.length} are in follow-ups.csv of the zip export.`
          : ''),
      table: {
        file: 'follow-ups.csv',
        header: ['#', 'Action', 'Owner', 'Raised by', 'Due', 'Status', 'Closed on'],
        rows: listed.map((i) => [String(i.id), i.text, i.ownerName, i.raisedByName, i.dueDate, i.status, i.closedOn ?? '']),
        empty: 'No follow-up actions.',
      },
    },
    {
      title: 'Quality objectives',
      table: {
        file: 'objectives.csv',
        header: ['Objective', 'Title', 'Wins tagged', 'Floor walks tagged'],
        rows: pack.objectives.map((o) => [o.code, o.title, String(o.wins), String(o.walks)]),
        empty: 'No objectives set.',
      },
    },
    {
      title: 'Exceptions',
      intro: 'Leaders with missed floor-walk weeks, prompts not answered within 48 hours, or overdue follow-ups; then excused time.',
      table: {
        file: 'exceptions.csv',
        header: ['Leader', 'Site', 'Missed walk weeks', 'Prompts not answered in 48 h', 'Overdue follow-ups'],
        rows: pack.exceptions.map((e) => [e.leader, e.site ?? 'No site', String(e.missedWalkWeeks), String(e.unansweredPrompts), String(e.overdueFollowUps)]),
        empty: 'None.',
      },
      lists: [{ title: 'Excused time', items: pack.excused.map((a) => `${a.person}: ${a.from} to ${a.to}${a.reason ? ` (${a.reason})` : ''}`) }],
    },
    {
      title: 'Corrections in the period',
      intro:
        'Every change to a recorded answer (meeting or leadership prompt), walk, win or follow-up after it was first recorded: who, when, what and why. Earlier versions are kept (`history <kind> <id>` in chat).',
      table: {
        file: 'corrections.csv',
        header: ['When (UTC)', 'Who', 'Record', 'Change', 'Why', 'What changed', 'Before', 'After'],
        rows: pack.corrections.map((c) => {
          const change = describeChange(c.entity, c.action, c.before, c.after);
          return [
            new Date(c.at).toISOString().slice(0, 16).replace('T', ' '),
            c.actorName ?? 'Clause5',
            `${c.entity} ${c.entityId}`,
            change.what,
            change.why ?? '',
            fieldChangesText(change.fields),
            JSON.stringify(c.before),
            JSON.stringify(c.after),
          ];
        }),
        empty: 'No corrections.',
      },
    },
    {
      title: 'Integrity of the record',
      intro:
        `Every creation and change of a record is appended to a hash-chained log (SHA-256). At the time of this pack the chain holds ${pack.integrity.entries} entries ` +
        `and its head is ${pack.integrity.head}. Running \`clause5 verify\` later re-checks the whole chain and the live records against it; ` +
        'if this head is still in the chain, nothing recorded up to this pack was changed since.',
    },
  ];
}
