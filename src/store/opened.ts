// The store the runtime and the CLI hold, whichever engine is under it: the core's Store plus the
// web sessions, `verify`, and an operator's part (`admin`) for what the commands need beyond the
// core. Both engines implement it; only src/store/open.ts chooses between them.
import type { Store } from '../core/ports';
import type { PlatformState } from '../platforms/state';
import type { VerifyResult } from './shared/verify';
import type { SecretBox } from './secret-box';
import type { InstallationSecrets, SealReport } from './shared/secrets';
import type { WebSessionRepo } from '../web/ports';

/** One delivery as `clause5 tick` reports it. */
export interface DeliveryReportRow {
  id: number;
  orgId: string;
  kind: string;
  personId: string | null;
  channel: string | null;
  status: string;
  dueAt: number;
  lastError: string | null;
}

/** Where the outbox stood before a pass: its highest id and the deliveries still open then. */
export interface DeliveryMark {
  maxId: number;
  openIds: number[];
}

/** What `rollups rebuild` did: the weeks counted per organisation, or why this engine has none. */
export type RollupRebuild =
  | { kind: 'rebuilt'; orgs: Array<{ orgId: string; weeks: number; ms: number }> }
  | { kind: 'no-such-org'; orgId: string }
  | { kind: 'unsupported'; reason: string };

export interface StoreAdmin {
  /** Where the data lives, for messages: the SQLite file's path, or "PostgreSQL at host:port/database". */
  readonly where: string;
  /** Whether the connection is still open (health checks, a last write at shutdown). */
  isOpen(): boolean;
  /** The start-up pass over stored secrets (seal plaintext, re-seal on rotate); a wrong or missing key throws. */
  sealSecrets(box: SecretBox, options?: { rotate?: boolean }): Promise<SealReport>;
  /** What the Slack and Teams platforms keep, in this store's database. */
  platformState(now: () => number, secrets: Omit<InstallationSecrets, 'scrub'>): PlatformState;
  /** The outbox before a pass, to report afterwards what the pass enqueued and sent. */
  deliveryMark(): Promise<DeliveryMark>;
  /** Deliveries created after the mark, and those open at the mark, by id. */
  deliveriesSince(mark: DeliveryMark): Promise<DeliveryReportRow[]>;
  /** Counts the weekly scorecard rollups again from the records (one organisation, or all). */
  rebuildRollups(orgId: string | undefined, defaultZone: string, now: number): Promise<RollupRebuild>;
}

export interface OpenedStore extends Store {
  /** The web page's sign-in links and sessions (not part of the core's Store). */
  readonly web: WebSessionRepo;
  readonly admin: StoreAdmin;
  /** `clause5 verify`: checks the tamper-evident record (audit chain and live records). */
  verify(onlyOrg?: string): Promise<VerifyResult>;
  /** Resolves once the connection is closed. */
  close(): Promise<void>;
}
