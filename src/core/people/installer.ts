// Who becomes an organisation's admin. Where the platform names who installed Clause5 (Slack OAuth
// stores the installer), that person is made admin at install time. Only where no installer is
// known (single-token Slack, Teams, local mode) does the first person to talk to a new
// organisation become its admin — only while the organisation has no admin at all, never a guest
// from another workspace, and exactly one of several people arriving at once.
import type { CoreDeps } from '../deps';
import { safeProfile } from '../safe-text';
import { localDateOf } from '../time';
import { setRole } from './admin-people';
import type { Person, PlatformName } from './types';

export interface Installer {
  orgId: string;
  platform: PlatformName;
  orgName: string;
  personId: string;
}

/**
 * Stores the organisation and its installer; the installer becomes admin when they are new to Clause5
 * or when the organisation has no admin yet (audited, by the system).
 */
export async function ensureInstallerAdmin(deps: CoreDeps, installer: Installer): Promise<Person> {
  const { store, clock, settings, platform, log } = deps;
  const org = await store.orgs.ensure({ id: installer.orgId, platform: installer.platform, name: installer.orgName });
  const known = await store.people.get(org.id, installer.personId);
  // A re-install by someone already known never changes roles once the organisation has an admin
  // (a plant manager re-installing must stay a leader).
  if (known) {
    const hasAdmin = (await store.people.list(org.id, { role: 'admin' })).length > 0;
    return hasAdmin || known.role === 'admin' ? known : setRole(deps, org.id, known, 'admin', null);
  }
  const found = await platform.lookupPerson?.(org.id, installer.personId).catch((error: unknown) => {
    log.warn({ personId: installer.personId, err: error instanceof Error ? error.message : String(error) }, 'installer profile lookup failed');
    return undefined;
  });
  const profile = safeProfile(found);
  return store.people.ensure(
    {
      id: installer.personId,
      orgId: org.id,
      displayName: profile?.displayName ?? installer.personId.split(':').pop()!,
      handle: profile?.handle ?? null,
      timeZone: profile?.timeZone ?? null,
      role: 'admin',
      joinedOn: localDateOf(clock.now(), profile?.timeZone ?? settings.defaultTimeZone),
    },
    null,
  );
}

/**
 * Whether a person new to the organisation may claim its admin role: only while it has no admin,
 * and then only the installer when one is known (otherwise the first person to talk). The claim
 * itself (people.arrive) checks again and takes the organisation's first-admin slot atomically,
 * so of several first arrivals at once exactly one becomes admin.
 */
export async function mayClaimFirstAdmin(
  deps: CoreDeps,
  orgId: string,
  personId: string,
  installer: (() => Promise<string | undefined>) | undefined,
): Promise<boolean> {
  if ((await deps.store.people.list(orgId, { role: 'admin' })).length > 0) return false;
  const installerId = installer ? await installer() : undefined;
  return installerId === undefined || installerId === personId;
}
