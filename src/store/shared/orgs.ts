// Organisation rows → the core's Org, for both engines.
import type { Org, OrgSettings, PlatformName } from '../../core/people/types';

export interface OrgRow {
  id: string;
  platform: PlatformName;
  name: string;
  settings: string;
  firstAdminId: string | null;
  createdAt: number;
}

export function toOrg(row: OrgRow): Org {
  const { firstAdminId: _claim, ...org } = row;
  return { ...org, settings: JSON.parse(row.settings) as OrgSettings };
}
