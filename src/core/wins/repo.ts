// Storage ports for wins and quality objectives.
// The wins area owns these files and may add members; members marked SHARED are used by other
// areas and keep their signatures.

export interface Win {
  id: number;
  orgId: string;
  siteId: number | null;
  teamId: number | null;
  postedBy: string;
  text: string;
  tags: string[];
  metric: string | null;
  postedAt: number;
  /** People the win names. */
  people: string[];
}

export interface Objective {
  id: number;
  orgId: string;
  /** Short tag such as 'OTD', used as #OTD on wins, walks and updates. */
  code: string;
  title: string;
  customerFocus: boolean;
  active: boolean;
}

export interface WinRepo {
  /** SHARED. Wins posted since `since` (epoch ms), newest first, optionally for one site. */
  recent(orgId: string, since: number, options?: { siteId?: number; limit?: number }): Promise<Win[]>;
}

export interface ObjectiveRepo {
  /** SHARED. Active objectives of the organisation, by code. */
  listActive(orgId: string): Promise<Objective[]>;
}
