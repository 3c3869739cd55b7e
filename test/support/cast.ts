// The small cast of people the meetings and floor-walks tests share, in the local organisation.
import type { NewPerson } from '../../src/core/people/repo';
import type { Role } from '../../src/core/people/types';
import type { TestCore } from './core';

export const ORG = 'local';
export const ADMIN = 'local:ann';
export const LEADER = 'local:lee';
export const OTHER_LEADER = 'local:lou';
export const QM = 'local:quinn';
export const MEMBER = 'local:max';

const CAST: Array<[string, string, Role]> = [
  [ADMIN, 'Ann', 'admin'],
  [LEADER, 'Lee', 'leader'],
  [OTHER_LEADER, 'Lou', 'leader'],
  [QM, 'Quinn', 'quality_manager'],
  [MEMBER, 'Max', 'member'],
];

export async function ensureOrg(core: TestCore): Promise<void> {
  await core.store.orgs.ensure({ id: ORG, platform: 'local', name: 'Demo plant' });
}

/** Creates the organisation and Ann (admin), Lee and Lou (leaders), Quinn (QM) and Max (member). */
export async function seedCast(core: TestCore, common: Partial<Pick<NewPerson, 'siteId' | 'timeZone'>> = {}): Promise<void> {
  await ensureOrg(core);
  for (const [id, name, role] of CAST) {
    await core.store.people.ensure({ id, orgId: ORG, displayName: name, handle: name.toLowerCase(), role, joinedOn: '2025-01-01', ...common }, null);
  }
}
