// Posting a win: store it with the people it names and its tags, then celebrate it through the
// durable outbox (delivery 'win_post:<winId>'), so a crash or a platform outage cannot lose it.
import type { Actor } from '../commands/types';
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { checkPeoplePerWin } from '../limits';
import { note, type Reply, type Span } from '../model';
import type { Person, Team } from '../people/types';
import type { Win } from './repo';
import { normaliseTags, type RenamedTag } from '../tags';
import { noSiteAdvice, siteIdOf } from '../people/sole-site';

export const WIN_TEXT_MAX = 500;
export const METRIC_MAX = 60;
export const NO_WINS_CHANNEL = 'no wins channel configured — an admin can set one with /clause5 admin site set …';

export interface WinInput {
  text: string;
  people: Person[];
  team: Team | null;
  /** Tags as typed (with or without '#'). */
  tags: string[];
  metric?: string | null;
  sourceRef?: string | null;
}

/** The channel a site's wins go to: the site's wins channel, else the organisation's digest channel. */
export async function winsChannelFor(deps: CoreDeps, orgId: string, siteId: number | null): Promise<string | null> {
  const site = siteId !== null ? await deps.store.sites.get(orgId, siteId) : undefined;
  if (site?.winsChannel) return site.winsChannel;
  const org = await deps.store.orgs.get(orgId);
  return org?.settings.digestChannel ?? null;
}

/** The team a win is for when none was chosen: the one team all the named people share, else the poster's. */
export async function defaultTeam(deps: CoreDeps, actor: Actor, people: Person[]): Promise<Team | null> {
  const teamIds = [...new Set(people.map((p) => p.teamId))];
  const teamId = people.length === 0 ? actor.person.teamId : teamIds.length === 1 ? teamIds[0]! : null;
  return teamId === null ? null : ((await deps.store.teams.get(actor.org.id, teamId)) ?? null);
}

export interface PostedWin {
  win: Win;
  channel: string | null;
  /** Typed tags filed under another name by the tag list's aliases. */
  renamed: RenamedTag[];
}

export async function postWin(deps: CoreDeps, actor: Actor, input: WinInput): Promise<PostedWin> {
  const text = input.text.trim();
  if (!text) throw new UserError('Tell me what happened — for example: /clause5 win @ann cut changeover time by 20 minutes #cost', 'what');
  if (text.length > WIN_TEXT_MAX) {
    throw new UserError(`That win is ${text.length} characters long; please keep it to ${WIN_TEXT_MAX}.`, 'what');
  }
  const metric = input.metric?.trim() || null;
  if (metric && metric.length > METRIC_MAX) {
    throw new UserError(`The metric is ${metric.length} characters long; keep it to ${METRIC_MAX}, e.g. “scrap −12 %”.`, 'metric');
  }
  checkPeoplePerWin(new Set(input.people.map((p) => p.id)).size, 'people');
  const objectives = await deps.store.objectives.listActive(actor.org.id);
  const { tags, invalid, renamed } = normaliseTags(input.tags, objectives);
  if (invalid.length) {
    throw new UserError(`I can't use ${invalid.map((t) => `“${t}”`).join(', ')} as a tag — tags are letters, digits, “-” and “_”.`, 'tags');
  }
  const siteId = input.team?.siteId ?? (await siteIdOf(deps, actor.person));
  const win = await deps.store.wins.create(
    {
      orgId: actor.org.id,
      siteId,
      teamId: input.team?.id ?? null,
      postedBy: actor.person.id,
      text,
      tags,
      metric,
      postedAt: deps.clock.now(),
      people: input.people.map((p) => p.id),
      sourceRef: input.sourceRef ?? null,
    },
    actor.person.id,
  );
  const channel = await winsChannelFor(deps, actor.org.id, siteId);
  await deps.outbox.enqueue({
    orgId: actor.org.id,
    key: `win_post:${win.id}`,
    kind: 'win_post',
    channel,
    subject: { winId: win.id },
    dueAt: win.postedAt,
  });
  return { win, channel, renamed };
}

/** “#quality is filed as #defect-reduction.” for each typed tag stored under another name. */
function renamedNote(renamed: readonly RenamedTag[]): string {
  return renamed.map((r) => ` #${r.typed} is filed as #${r.tag}.`).join('');
}

/** What the poster sees after posting. */
export async function postedReply(deps: CoreDeps, actor: Actor, posted: PostedWin): Promise<Reply> {
  const { win, channel } = posted;
  const renamed = renamedNote(posted.renamed);
  if (channel) {
    const spans: Span[] = ['🎉 Thanks for recognising this win! I’m celebrating it in ', { channel }, `.${renamed}`];
    return { message: note(...spans) };
  }
  const site = win.siteId !== null ? await deps.store.sites.get(actor.org.id, win.siteId) : undefined;
  if (!site && (await deps.store.sites.list(actor.org.id)).length > 1) {
    return { message: note(`Saved your win (#${win.id}), but I can’t celebrate it in a channel: ${noSiteAdvice(actor.person)}.${renamed}`) };
  }
  const how = site ? `/clause5 admin site set "${site.name}" wins-channel #channel` : '/clause5 admin site set "<site>" wins-channel #channel';
  return {
    message: note(
      `Saved your win (#${win.id}), but there is no wins channel configured, so I can’t celebrate it in a channel yet — an admin can set one with `,
      { bold: how },
      `.${renamed}`,
    ),
  };
}
