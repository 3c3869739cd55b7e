// Storage ports for wins and quality objectives.
// The wins area owns these files and may add members; members marked SHARED are used by other
// areas and keep their signatures.

import type { CorrectionFields, CorrectionKeys } from '../records/types';

export interface Win extends CorrectionFields {
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
  /** The platform message the win was celebrated from (message shortcut), if any. */
  sourceRef?: string | null;
}

export type NewWin = Omit<Win, 'id' | CorrectionKeys>;

export interface Objective {
  id: number;
  orgId: string;
  /** Short tag such as 'OTD', used as #OTD on wins, walks and updates. */
  code: string;
  title: string;
  customerFocus: boolean;
  active: boolean;
}

export interface NewObjective {
  orgId: string;
  code: string;
  title: string;
  customerFocus: boolean;
}

export interface WinRepo {
  /** SHARED. Wins posted since `since` (epoch ms), newest first, optionally for one site; withdrawn ones left out (so in every listing below). */
  recent(orgId: string, since: number, options?: { siteId?: number; limit?: number }): Promise<Win[]>;
  /** Stores a win and the people it names (audited). */
  create(win: NewWin, actor: string | null): Promise<Win>;
  get(orgId: string, id: number): Promise<Win | undefined>;
  /** Wins posted in [start, end) (epoch ms), oldest first, optionally for one site; `offset` skips that many (paging). */
  between(orgId: string, start: number, end: number, options?: { siteId?: number; limit?: number; offset?: number }): Promise<Win[]>;
  /** How many wins were posted in [start, end), optionally for one site. */
  countBetween(orgId: string, start: number, end: number, options?: { siteId?: number }): Promise<number>;
  /** Stores new text for a win (the audit log keeps the earlier one); undefined when unknown or withdrawn. */
  editText(orgId: string, id: number, text: string, actor: string): Promise<Win | undefined>;
  /** Withdraws a win: it stays, marked, and no longer counts. Undefined when unknown or already withdrawn. */
  withdraw(orgId: string, id: number, reason: string, actor: string): Promise<Win | undefined>;
}

export interface ObjectiveRepo {
  /** SHARED. Active objectives of the organisation, by code. */
  listActive(orgId: string): Promise<Objective[]>;
  /** Every objective, retired ones included, by code. */
  list(orgId: string): Promise<Objective[]>;
  /** Case-insensitive match on the code, retired ones included. */
  findByCode(orgId: string, code: string): Promise<Objective | undefined>;
  create(objective: NewObjective, actor: string | null): Promise<Objective>;
  update(orgId: string, id: number, patch: Partial<Pick<Objective, 'title' | 'customerFocus' | 'active'>>, actor: string | null): Promise<Objective>;
}
