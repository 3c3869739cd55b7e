// People and administration: who you are, away periods, roles, sites, teams, shutdowns, digest
// recipients and organisation settings.
import type { CoreModule } from '../commands/types';
import { adminPerson, adminRole } from './admin-people';
import { adminDigestAdd, adminDigestChannel, adminDigestList, adminDigestRemove, adminFloorwalkDefault, adminWeights } from './admin-settings';
import { adminShutdownAdd, adminShutdownList, adminShutdownRemove } from './admin-shutdown';
import { adminSiteAdd, adminSiteList, adminSiteSet } from './admin-sites';
import { adminTeamAdd, adminTeamList } from './admin-teams';
import { awayAdd, awayCancel, awayList } from './away';
import { meCommand, peopleCommand } from './profile';

export const peopleModule: CoreModule = {
  name: 'people',
  commands: [
    meCommand,
    peopleCommand,
    awayAdd,
    awayList,
    awayCancel,
    adminRole,
    adminPerson,
    adminSiteAdd,
    adminSiteList,
    adminSiteSet,
    adminTeamAdd,
    adminTeamList,
    adminShutdownAdd,
    adminShutdownList,
    adminShutdownRemove,
    adminDigestAdd,
    adminDigestRemove,
    adminDigestList,
    adminDigestChannel,
    adminWeights,
    adminFloorwalkDefault,
  ],
};
