// '/clause5 win …' and '/clause5 wins [week|month]'.
import type { CommandSpec } from '../commands/types';
import { UserError } from '../errors';
import { note, type RichText } from '../model';
import { teamByName } from '../people/lookup';
import { checkPeoplePerWin } from '../limits';
import { resolvePerson } from '../people/resolve';
import type { Person, Team } from '../people/types';
import { addDays, instantRange, localDateOf, localParts, weekStart } from '../time';
import { winFormFor } from './form';
import { LIST_LIMIT, winLine, winsList } from './messages';
import { defaultTeam, METRIC_MAX, postedReply, postWin, WIN_TEXT_MAX } from './post';
import { normaliseTags } from '../tags';
import { readWinWords } from './words';
import { confirmWin, doubtAbout } from './confirm';

const WIN_USAGE = 'win [@person …] <what happened> [#tag …] [metric "<e.g. scrap −12 %>"] [team "<name>"]';

export const winCommand: CommandSpec = {
  path: ['win'],
  usage: WIN_USAGE,
  summary: 'celebrate a team win in the site’s wins channel (no text opens a form)',
  group: 'Wins',
  access: 'anyone',
  guests: true,
  async run({ actor, deps, args }) {
    const teams = await deps.store.teams.list(actor.org.id);
    const { text, mentions, tags, metric, team: teamName, unquotedMetric } = readWinWords(args, teams.map((t) => t.name));
    checkPeoplePerWin(new Set(mentions.map((m) => m.toLowerCase())).size);
    const people: Person[] = [];
    for (const m of mentions) {
      const p = await resolvePerson(deps, actor.org.id, m);
      if (!people.some((q) => q.id === p.id)) people.push(p);
    }
    let team: Team | null = null;
    if (teamName !== undefined) team = await teamByName(deps, actor.org.id, teamName, teams);
    if (!text) {
      const form = await winFormFor(deps, actor, undefined, undefined, {
        people: people.map((p) => p.id),
        ...(team ? { teamId: team.id } : {}),
        tags,
        ...(metric ? { metric } : {}),
      });
      return { openForm: form };
    }
    const chosenTeam = team ?? (await defaultTeam(deps, actor, people));
    // Input that postWin refuses anyway gets its error first, not a question.
    const refusable = text.length > WIN_TEXT_MAX || (metric?.trim().length ?? 0) > METRIC_MAX || normaliseTags(tags, await deps.store.objectives.listActive(actor.org.id)).invalid.length > 0;
    const doubt = refusable ? undefined : doubtAbout(text);
    const metricHint = refusable || metric !== undefined ? undefined : unquotedMetric;
    if (doubt || metricHint !== undefined) {
      const why: RichText = doubt ? [`I haven’t posted this yet: ${doubt}.`] : ['I haven’t posted this yet.'];
      if (metricHint !== undefined) {
        why.push(' “metric” is part of the text here; to record a metric, quote it: ', { bold: `metric "${metricHint}"` }, ' (or give a figure, e.g. metric −12%).');
      }
      const pending = { text, people: people.map((p) => p.id), teamId: chosenTeam?.id ?? null, tags, metric: metric ?? null };
      return confirmWin(deps, actor, pending, why);
    }
    const { win, channel } = await postWin(deps, actor, {
      text,
      people,
      team: chosenTeam,
      tags,
      metric: metric ?? null,
    });
    return postedReply(deps, actor, win, channel);
  },
};

export const winsCommand: CommandSpec = {
  path: ['wins'],
  usage: 'wins [week|month]',
  summary: 'list the wins recognised this week or this month',
  group: 'Wins',
  access: 'anyone',
  async run({ actor, deps, args }) {
    const period = (args.next() ?? 'week').toLowerCase();
    args.done('wins [week|month]');
    if (period !== 'week' && period !== 'month') {
      throw new UserError(`I can list wins for “week” or “month”, not “${period}”. Usage: wins [week|month]`);
    }
    const today = localDateOf(deps.clock.now(), actor.zone);
    const from = period === 'week' ? weekStart(today) : `${today.slice(0, 7)}-01`;
    const to = period === 'week' ? addDays(from, 6) : addDays(`${addDays(`${today.slice(0, 7)}-28`, 4).slice(0, 7)}-01`, -1);
    const { start, end } = instantRange(from, to, actor.zone);
    const total = await deps.store.wins.countBetween(actor.org.id, start, end);
    const label = period === 'week' ? 'this week' : 'this month';
    if (total === 0) {
      return { message: note(`No wins recognised ${label} (${from} to ${to}) yet. Post one with `, { bold: '/clause5 win' }, '.') };
    }
    const wins = await deps.store.wins.between(actor.org.id, start, end, { limit: LIST_LIMIT });
    const lines = wins.map((w) => winLine(w, localParts(w.postedAt, actor.zone).date));
    const intro: RichText = [`${total} win${total === 1 ? '' : 's'} recognised ${label} (${from} to ${to}):`];
    return { message: winsList(`Wins ${label}`, intro, lines, total, `${total} wins ${label}`) };
  },
};
