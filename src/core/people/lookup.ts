// Finding a site or a team by the name someone typed, or failing with the names that exist.
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import type { Site, Team } from './types';

export async function siteByName(deps: CoreDeps, orgId: string, name: string): Promise<Site> {
  const site = await deps.store.sites.findByName(orgId, name);
  if (site) return site;
  const known = (await deps.store.sites.list(orgId)).map((s) => s.name);
  throw new UserError(
    `I don't know the site “${name}”.${known.length ? ` Sites: ${known.join(', ')}.` : ' No sites yet — add one with /clause5 admin site add "<name>" <Zone>.'}`,
  );
}

/** `known` saves a query when the caller already listed the teams. */
export async function teamByName(deps: CoreDeps, orgId: string, name: string, known?: readonly Team[]): Promise<Team> {
  const team = await deps.store.teams.findByName(orgId, name);
  if (team) return team;
  const names = (known ?? (await deps.store.teams.list(orgId))).map((t) => t.name);
  throw new UserError(`I don't know the team “${name}”.${names.length ? ` Teams: ${names.join(', ')}.` : ' No teams are set up yet.'}`);
}
