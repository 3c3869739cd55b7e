// '/clause5 me' (who Clause5 thinks you are) and '/clause5 people' (the roster, for managers).
import type { CommandSpec } from '../commands/types';
import { message, type Fact, type RichText } from '../model';
import { localDateOf, weekdayName } from '../time';
import { siteByName } from './lookup';
import { roleName } from './parse';
import type { Site, Team } from './types';

const PEOPLE_LIMIT = 60;

export const meCommand: CommandSpec = {
  path: ['me'],
  usage: 'me',
  summary: 'your role, site, team, time zone and floor-walk slot',
  group: 'People',
  access: 'anyone',
  async run({ actor, deps, args }) {
    args.done('me');
    const { person, org } = actor;
    const site = person.siteId !== null ? await deps.store.sites.get(org.id, person.siteId) : undefined;
    const team = person.teamId !== null ? await deps.store.teams.get(org.id, person.teamId) : undefined;
    const schedule = await deps.store.schedules.get(org.id, person.id);
    const today = localDateOf(deps.clock.now(), actor.zone);
    const away = await deps.store.away.list(org.id, person.id, today);
    const digest = (await deps.store.digest.list(org.id)).includes(person.id);
    // The handle people type to name you ('@maria'), not the display name a mention renders as.
    const typed = person.handle ? `@${person.handle}` : undefined;
    const facts: Fact[] = [
      ...(typed ? [{ label: 'Handle', value: [`${typed} (type this to name you in commands)`] }] : []),
      { label: 'Role', value: [roleName(person.role)] },
      { label: 'Site', value: [site?.name ?? 'none yet'] },
      { label: 'Team', value: [team?.name ?? 'none yet'] },
      { label: 'Time zone', value: [`${actor.zone}${person.timeZone ? '' : site ? ' (the site’s)' : ' (the default)'}`] },
      {
        label: 'Floor walk',
        value: [
          schedule?.active
            ? `${weekdayName(schedule.weekday)}s at ${schedule.time} (your time)`
            : person.role === 'leader'
              ? 'no weekly prompt set'
              : 'no weekly prompt (only leaders are asked)',
        ],
      },
      { label: 'Joined', value: [person.joinedOn] },
    ];
    if (away.length) facts.push({ label: 'Away', value: [away.map((a) => `${a.fromDate} to ${a.toDate}`).join('; ')] });
    if (digest) facts.push({ label: 'Weekly digest', value: ['you receive it'] });
    return {
      message: message(
        `You are ${person.displayName}, ${roleName(person.role)}`,
        [
          { type: 'text', text: [typed ? `${typed} (${person.displayName})` : { mention: person.id }, ` in ${org.name}`] },
          { type: 'facts', facts },
          { type: 'context', text: [`Something wrong? A quality manager or an admin can fix it with /clause5 admin person ${typed ?? '@you'} …`] },
        ],
        'About you',
      ),
    };
  },
};

export const peopleCommand: CommandSpec = {
  path: ['people'],
  usage: 'people [site "<name>"]',
  summary: 'list the people Clause5 knows, with role, site and team',
  group: 'People',
  access: 'manager',
  async run({ actor, deps, args }) {
    const siteName = args.option('site', 'Give the site name after “site”, e.g. people site "Riverside Plant".');
    args.done('people [site "<name>"]');
    const orgId = actor.org.id;
    let site: Site | undefined;
    if (siteName !== undefined) site = await siteByName(deps, orgId, siteName);
    const [people, sites, teams] = await Promise.all([
      deps.store.people.list(orgId, site ? { siteId: site.id } : {}),
      deps.store.sites.list(orgId),
      deps.store.teams.list(orgId),
    ]);
    const siteById = new Map<number, Site>(sites.map((s) => [s.id, s]));
    const teamById = new Map<number, Team>(teams.map((t) => [t.id, t]));
    const items: RichText[] = people.slice(0, PEOPLE_LIMIT).map((p) => {
      const where = [p.siteId !== null ? siteById.get(p.siteId)?.name : undefined, p.teamId !== null ? teamById.get(p.teamId)?.name : undefined]
        .filter(Boolean)
        .join(' / ');
      return [{ mention: p.id }, ` — ${roleName(p.role)}${where ? `, ${where}` : ''}${p.unreachableReason ? ' (cannot be messaged)' : ''}`];
    });
    const scope = site ? ` at ${site.name}` : '';
    if (people.length === 0) return { message: message('No people', [{ type: 'text', text: [`Nobody is registered${scope} yet.`] }]) };
    const blocks = [
      { type: 'text' as const, text: [`${people.length} ${people.length === 1 ? 'person' : 'people'}${scope}:`] },
      { type: 'list' as const, items },
    ];
    const more = people.length - PEOPLE_LIMIT;
    const tail = more > 0 ? [{ type: 'context' as const, text: [`…and ${more} more. Narrow it with people site "<name>".`] }] : [];
    return { message: message(`${people.length} people${scope}`, [...blocks, ...tail], 'People') };
  },
};
