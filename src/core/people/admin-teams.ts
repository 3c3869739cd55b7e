// '/clause5 admin team …': teams with their site, lead and channel.
import type { CommandSpec } from '../commands/types';
import { UserError } from '../errors';
import { message, note, type RichText } from '../model';
import { siteByName } from './lookup';
import { resolvePerson } from './resolve';
import type { Person, Site } from './types';

const NAME_MAX = 80;

export const adminTeamAdd: CommandSpec = {
  path: ['admin', 'team', 'add'],
  usage: 'admin team add "<name>" [site "<site>"] [lead @person] [#channel]',
  summary: 'add a team (wins can be credited to it)',
  group: 'Admin',
  access: 'manager',
  async run({ actor, deps, args }) {
    const usage = 'admin team add "<name>" [site "<site>"] [lead @person] [#channel]';
    const orgId = actor.org.id;
    const siteName = args.option('site', 'Give the site name after “site”.');
    const leadRef = args.option('lead', 'Mention the team lead after “lead”, e.g. lead @maria.');
    const hashes = args.hashes();
    const name = args.required(`Give the team a name. Usage: ${usage}`).trim();
    args.done(usage);
    if (!name || name.length > NAME_MAX) throw new UserError(`A team name needs 1 to ${NAME_MAX} characters.`);
    if (hashes.length > 1) throw new UserError('Give one channel for the team.');
    if (await deps.store.teams.findByName(orgId, name)) throw new UserError(`There is already a team called “${name}”.`);
    let lead: Person | undefined;
    if (leadRef !== undefined) lead = await resolvePerson(deps, orgId, leadRef);
    let site: Site | undefined;
    if (siteName !== undefined) site = await siteByName(deps, orgId, siteName);
    else if (lead?.siteId != null) site = await deps.store.sites.get(orgId, lead.siteId);
    else {
      const sites = await deps.store.sites.list(orgId);
      if (sites.length === 1) site = sites[0];
    }
    const team = await deps.store.teams.create(
      { orgId, name, siteId: site?.id ?? null, leaderId: lead?.id ?? null, channel: hashes[0] ?? null },
      actor.person.id,
    );
    if (lead && lead.teamId === null) await deps.store.people.update(orgId, lead.id, { teamId: team.id }, actor.person.id);
    const spans: RichText = ['Added team ', { bold: team.name }];
    if (site) spans.push(` at ${site.name}`);
    if (lead) spans.push(', led by ', { mention: lead.id });
    if (team.channel) spans.push(', channel ', { channel: team.channel });
    spans.push('. Put people in it with /clause5 admin person @name team "', team.name, '".');
    return { message: note(...spans) };
  },
};

export const adminTeamList: CommandSpec = {
  path: ['admin', 'team', 'list'],
  usage: 'admin team list',
  summary: 'list the teams',
  group: 'Admin',
  access: 'manager',
  async run({ actor, deps, args }) {
    args.done('admin team list');
    const orgId = actor.org.id;
    const [teams, sites, people] = await Promise.all([deps.store.teams.list(orgId), deps.store.sites.list(orgId), deps.store.people.list(orgId)]);
    if (teams.length === 0) return { message: note('No teams yet. Add one with ', { bold: 'admin team add "<name>"' }, '.') };
    const items: RichText[] = teams.map((t) => {
      const members = people.filter((p) => p.teamId === t.id).length;
      const line: RichText = [{ bold: t.name }];
      const site = sites.find((s) => s.id === t.siteId);
      if (site) line.push(` (${site.name})`);
      line.push(` — ${members} member${members === 1 ? '' : 's'}`);
      if (t.leaderId) line.push(', lead ', { mention: t.leaderId });
      if (t.channel) line.push(', ', { channel: t.channel });
      return line;
    });
    return { message: message(`${teams.length} teams`, [{ type: 'list', items }], 'Teams') };
  },
};
