// '/clause5 win …' (listing wins is in list.ts).
import type { CommandSpec } from '../commands/types';
import type { RichText } from '../model';
import { teamByName } from '../people/lookup';
import { checkPeoplePerWin } from '../limits';
import { resolvePerson } from '../people/resolve';
import type { Person, Team } from '../people/types';
import { winFormFor } from './form';
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
    const {
      text,
      mentions,
      tags,
      metric,
      team: teamName,
      unquotedMetric,
    } = readWinWords(
      args,
      teams.map((t) => t.name),
    );
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
    const refusable =
      text.length > WIN_TEXT_MAX ||
      (metric?.trim().length ?? 0) > METRIC_MAX ||
      normaliseTags(tags, await deps.store.objectives.listActive(actor.org.id)).invalid.length > 0;
    const doubt = refusable ? undefined : doubtAbout(text);
    const metricHint = refusable || metric !== undefined ? undefined : unquotedMetric;
    if (doubt || metricHint !== undefined) {
      const why: RichText = doubt ? [`I haven’t posted this yet: ${doubt}.`] : ['I haven’t posted this yet.'];
      if (metricHint !== undefined) {
        why.push(
          ' “metric” is part of the text here; to record a metric, quote it: ',
          { bold: `metric "${metricHint}"` },
          ' (or give a figure, e.g. metric −12%).',
        );
      }
      const pending = { text, people: people.map((p) => p.id), teamId: chosenTeam?.id ?? null, tags, metric: metric ?? null };
      return confirmWin(deps, actor, pending, why);
    }
    const posted = await postWin(deps, actor, { text, people, team: chosenTeam, tags, metric: metric ?? null });
    return postedReply(deps, actor, posted);
  },
};
