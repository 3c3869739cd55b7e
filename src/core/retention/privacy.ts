// A person's data: everything Clause5 holds about them, for a subject-access request, and erasure.

/** Everything Clause5 holds about one person (`person export`), as plain JSON-able records. */
export interface PersonExport {
  exportedAt: string;
  organisation: { id: string; name: string };
  profile: Record<string, unknown>;
  role: string;
  site: Record<string, unknown> | null;
  team: Record<string, unknown> | null;
  teamsLed: Array<Record<string, unknown>>;
  floorWalkSchedule: Record<string, unknown> | null;
  digestRecipient: boolean;
  meetings: Array<Record<string, unknown>>;
  meetingAnswers: Array<Record<string, unknown>>;
  prompts: Array<Record<string, unknown>>;
  customAnswers: Array<Record<string, unknown>>;
  floorWalks: Array<Record<string, unknown>>;
  followUpsRaised: Array<Record<string, unknown>>;
  followUpsOwned: Array<Record<string, unknown>>;
  winsGiven: Array<Record<string, unknown>>;
  winsNamed: Array<Record<string, unknown>>;
  awayPeriods: Array<Record<string, unknown>>;
  /** Changes the person made or that concern them, as the audit log records them (content included). */
  auditEntries: Array<Record<string, unknown>>;
}

export interface ErasureSummary {
  pseudonym: string;
  /** Live records changed, per record kind. */
  records: Record<string, number>;
  /** Audit entries whose kept versions were rewritten. */
  entries: number;
}

export interface PrivacyRepo {
  export(orgId: string, personId: string, at: number): Promise<PersonExport>;
  /**
   * Replaces the person's name with a pseudonym and their free text with "(erased)" everywhere,
   * keeping counts and dates; appends the erasure to the chain. Throws UserError when refused.
   */
  erase(orgId: string, personId: string, actor: string | null): Promise<ErasureSummary>;
  /** Whether the person has been erased. */
  isErased(orgId: string, personId: string): Promise<boolean>;
}
