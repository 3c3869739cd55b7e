// "/clause5 scorecard [@leader | site "<name>" | all] [period] [csv]": the leadership scorecard in chat.
// Delivery kinds: digest (weekly scorecard digest to the digest recipients' DMs and the digest channel),
// walk_escalation (Monday: leaders who just reached N missed floor walks in a row, to their site's
// quality managers by DM).
import type { Args } from '../commands/args';
import type { Token } from '../commands/tokenize';
import type { CommandSpec, CoreModule } from '../commands/types';
import { UserError } from '../errors';
import { isManager } from '../people/types';
import { localDateOf } from '../time';
import { buildChart, CHART_KINDS, parseChartKind } from '../charts/chart';
import { buildScorecard } from './build';
import { digestComposer, digestSource } from './digest';
import { adminEscalation, escalationComposer, escalationSource } from './escalation';
import { parsePeriod } from './period';
import { renderScorecardMessage } from './render-message';
import { csvFilename, renderScorecardCsv } from './render-csv';
import { resolveTarget, type TargetRequest } from './target';
import { limitsFor } from '../ports';

const USAGE = 'scorecard [@leader | site "<name>" | all] [period] [csv | chart [trend | grid | sites]]';
const OWN_USAGE = 'scorecard [period] [csv | chart [trend | grid]]';

/** Words that start the period, so an unquoted site name ends before them. */
const PERIOD_START = /^(week|month|quarter|year|(last|this)-\w+|\d{4}-\d{2}-\d{2}(\.\..*)?|\d{4}-w\d{2}|\d{4}-\d{2}|\d{4}-q[1-4])$/i;

function readTarget(args: Args): { target: TargetRequest; period: string } {
  const mentions = args.mentions();
  const all = args.flag('all');
  const words: Token[] = [];
  for (let t = args.peek(); t; t = args.peek()) {
    words.push(t);
    args.next();
  }
  let site: string | undefined;
  const at = words.findIndex((w) => !w.quoted && w.text.toLowerCase() === 'site');
  if (at >= 0) {
    const name: string[] = [];
    let end = at + 1;
    while (end < words.length && (name.length === 0 || !PERIOD_START.test(words[end]!.text) || words[end]!.quoted)) {
      name.push(words[end]!.text);
      end++;
    }
    if (name.length === 0) throw new UserError('Name the site after “site”, for example: /clause5 scorecard site "Plant 1" month');
    site = name.join(' ');
    words.splice(at, end - at);
  }
  const chosen = [mentions.length > 0, all, site !== undefined].filter(Boolean).length;
  if (mentions.length > 1 || chosen > 1) {
    throw new UserError(`Ask for one leader, one site or all at a time. Usage: /clause5 ${USAGE}`);
  }
  const period = words.map((w) => w.text).join(' ');
  if (mentions.length) return { target: { kind: 'person', ref: mentions[0]! }, period };
  if (all) return { target: { kind: 'all' }, period };
  if (site !== undefined) return { target: { kind: 'site', name: site }, period };
  return { target: { kind: 'self' }, period };
}

/** "month trend" → period 'month', kind 'trend' (the chart kind is the last word when it names one). */
function chartWords(words: string): { period: string; kind?: string } {
  const parts = words.trim().split(/\s+/).filter(Boolean);
  const last = parts[parts.length - 1]?.toLowerCase();
  if (last && (CHART_KINDS as readonly string[]).includes(last)) return { period: parts.slice(0, -1).join(' '), kind: last };
  return { period: words };
}

const scorecardCommand: CommandSpec = {
  path: ['scorecard'],
  usage: USAGE,
  summary: 'Any leader’s scorecard, a site’s or the whole organisation’s (the default); add csv for a file, or chart for a picture.',
  own: { usage: OWN_USAGE, summary: 'Your leadership scorecard; add csv for a file, or chart for a picture.' },
  group: 'Scorecard',
  access: 'leader',
  async run({ actor, deps, args }) {
    const csv = args.flag('csv');
    const chart = args.flag('chart');
    const { target: wanted, period: words } = readTarget(args);
    const { period: periodText, kind } = chart ? chartWords(words) : { period: words, kind: undefined };
    const period = parsePeriod(periodText, localDateOf(deps.clock.now(), actor.zone));
    const target = await resolveTarget(deps, actor.org.id, actor.person, wanted);
    if (chart) {
      const made = await buildChart(deps, actor.org.id, target, period, parseChartKind(kind));
      return {
        message: {
          summary: made.title,
          heading: made.title,
          blocks: [{ type: 'text', text: ['The chart is attached as a picture.'] }],
          attachment: made.attachment,
        },
      };
    }
    const card = await buildScorecard(deps, { orgId: actor.org.id, target, period });
    const message = renderScorecardMessage(card, { forManager: isManager(actor.person), maxBlocks: limitsFor(deps.platform, actor.org.id).messageBlocks });
    if (csv) message.attachment = { filename: csvFilename(card), mimeType: 'text/csv', content: renderScorecardCsv(card) };
    return { message };
  },
};

export const scorecardModule: CoreModule = {
  name: 'scorecard',
  commands: [scorecardCommand, adminEscalation],
  composers: (deps) => [digestComposer(deps), escalationComposer(deps)],
  sources: (deps) => [digestSource(deps), escalationSource(deps)],
};
