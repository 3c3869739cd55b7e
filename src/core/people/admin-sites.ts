// '/clause5 admin site …': plants with their time zone, work days and wins channel.
import type { CommandSpec } from '../commands/types';
import { UserError } from '../errors';
import { message, note, type RichText } from '../model';
import { isNone } from './admin-people';
import { siteByName } from './lookup';
import { describeWorkDays, parseChannel, parseWorkDays, requireZone } from './parse';
import type { Site } from './types';
import { adoptSiteless } from './sole-site';
import { zoneAbbreviationNote } from '../time';

const NAME_MAX = 80;
const DEFAULT_WORK_DAYS = [1, 2, 3, 4, 5];

export function checkSiteName(name: string): string {
  const clean = name.trim();
  if (!clean) throw new UserError('Give the site a name, in quotes if it has spaces.');
  if (clean.length > NAME_MAX) throw new UserError(`Keep the site name to ${NAME_MAX} characters.`);
  return clean;
}

export const adminSiteAdd: CommandSpec = {
  path: ['admin', 'site', 'add'],
  usage: 'admin site add "<name>" <Zone> [workdays mon-fri|mon,tue,…] [#wins-channel]',
  summary: 'add a site (plant) with its time zone and work days',
  group: 'Admin',
  access: 'manager',
  async run({ actor, deps, args }) {
    const usage = 'admin site add "<name>" <Zone> [workdays mon-fri|mon,tue,…] [#wins-channel]';
    const workDaysText = args.option('workdays', 'Give the work days after “workdays”, e.g. workdays mon-fri.');
    const hashes = args.hashes();
    const name = checkSiteName(args.required(`Give the site a name and a time zone. Usage: ${usage}`));
    const typedZone = args.next();
    if (!typedZone) throw new UserError(`Give the site's time zone, e.g. America/Chicago. Usage: ${usage}`);
    args.done(usage);
    const zone = requireZone(typedZone);
    const workDays = workDaysText ? parseWorkDays(workDaysText) : DEFAULT_WORK_DAYS;
    if (hashes.length > 1) throw new UserError('Give one wins channel.');
    if (await deps.store.sites.findByName(actor.org.id, name)) throw new UserError(`There is already a site called “${name}”.`);
    const site = await deps.store.sites.create({ orgId: actor.org.id, name, timeZone: zone, workDays, winsChannel: hashes[0] ?? null }, actor.person.id);
    const spans: RichText = ['Added site ', { bold: site.name }, ` (${site.timeZone}, ${describeWorkDays(site.workDays)}`];
    if (site.winsChannel) spans.push(', wins in ', { channel: site.winsChannel });
    spans.push(`)${zoneAbbreviationNote(typedZone)}.`);
    if (!site.winsChannel) spans.push(` Set its wins channel with /clause5 admin site set "${site.name}" wins-channel #channel.`);
    const sites = await deps.store.sites.list(actor.org.id);
    if (sites.length === 1) {
      const moved = await adoptSiteless(deps, actor.org.id, site.id, actor.person.id);
      if (moved) spans.push(` It is the only site, so the ${moved} ${moved === 1 ? 'person' : 'people'} without a site now belong to it (newcomers too).`);
    }
    return { message: note(...spans) };
  },
};

export const adminSiteList: CommandSpec = {
  path: ['admin', 'site', 'list'],
  usage: 'admin site list',
  summary: 'list the sites with their time zone, work days and wins channel',
  group: 'Admin',
  access: 'manager',
  async run({ actor, deps, args }) {
    args.done('admin site list');
    const sites = await deps.store.sites.list(actor.org.id);
    if (sites.length === 0) return { message: note('No sites yet. Add one with ', { bold: 'admin site add "<name>" <Zone>' }, '.') };
    const items: RichText[] = sites.map((s) => [
      { bold: s.name },
      ` — ${s.timeZone}, ${describeWorkDays(s.workDays)}, wins: `,
      s.winsChannel ? { channel: s.winsChannel } : 'no channel',
    ]);
    return { message: message(`${sites.length} sites`, [{ type: 'list', items }], 'Sites') };
  },
};

export const adminSiteSet: CommandSpec = {
  path: ['admin', 'site', 'set'],
  usage: 'admin site set "<name>" <tz|workdays|wins-channel|name> <value>',
  summary: 'change a site’s time zone, work days, wins channel (#channel or none) or name',
  group: 'Admin',
  access: 'manager',
  async run({ actor, deps, args }) {
    const usage = 'admin site set "<name>" <tz|workdays|wins-channel|name> <value>';
    const site = await siteByName(deps, actor.org.id, args.required(`Which site? Usage: ${usage}`));
    const setting = (args.next() ?? '').toLowerCase();
    const value = args.next();
    args.done(usage);
    if (value === undefined && setting) throw new UserError(`Give a value for ${setting}. Usage: ${usage}`);
    const v = value ?? '';
    let patch: Partial<Omit<Site, 'id' | 'orgId'>>;
    let said: RichText;
    switch (setting) {
      case 'tz':
      case 'zone':
      case 'timezone':
        patch = { timeZone: requireZone(v) };
        said = [`time zone ${v}`];
        break;
      case 'workdays':
        patch = { workDays: parseWorkDays(v) };
        said = [`work days ${describeWorkDays(patch.workDays!)}`];
        break;
      case 'wins-channel':
      case 'channel':
        patch = { winsChannel: isNone(v) ? null : parseChannel(v, usage) };
        said = patch.winsChannel ? ['wins channel ', { channel: patch.winsChannel }] : ['no wins channel'];
        break;
      case 'name': {
        const name = checkSiteName(v);
        const clash = await deps.store.sites.findByName(actor.org.id, name);
        if (clash && clash.id !== site.id) throw new UserError(`There is already a site called “${name}”.`);
        patch = { name };
        said = [`name ${name}`];
        break;
      }
      default:
        throw new UserError(`I can set tz, workdays, wins-channel or name of a site${setting ? `, not “${setting}”` : ''}. Usage: ${usage}`);
    }
    const updated = await deps.store.sites.update(actor.org.id, site.id, patch, actor.person.id);
    return { message: note('Site ', { bold: updated.name }, ': ', ...said, '.') };
  },
};
