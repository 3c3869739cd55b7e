// One sender per organisation at a time. Each instance paces what it sends itself (Slack's message
// budget per workspace and pace per channel, Teams' per tenant live in the platform's pacer, in
// memory); with several instances on one database, two sending to one workspace at once would
// together go past its limits. So an instance sends an organisation's deliveries only while it holds
// that organisation's lease (the shared Store.leases), renewed as it sends and left to run out (the
// delivery lease time, 60 s by default: Slack's pacing minute) rather than released, so that the next
// holder starts only after the last one's pacing window is over. A delivery claimed for an
// organisation another instance holds is put back at once for the holder, and that organisation is
// left out of this instance's claims for a moment.
import type { LeaseRepo } from '../core/deliveries';

const LEASE_PREFIX = 'send_org:';
/** Renew a held lease at most this often (a lease write per claimed delivery would be wasted). */
const RENEW_EVERY_MS = 1_000;
/** How soon an organisation held elsewhere is tried again, at most. */
const RECHECK_MAX_MS = 5_000;

export class OrgSenders {
  /** Organisations this instance holds → when it last renewed the lease. */
  private readonly renewedAt = new Map<string, number>();
  /** Organisations another instance holds → when to try again. */
  private readonly heldElsewhere = new Map<string, number>();

  constructor(
    private readonly leases: LeaseRepo,
    private readonly owner: string,
    private readonly ttlMs: number,
  ) {}

  /** Organisations to leave out of claims at `now`: held by another instance when last tried. */
  elsewhere(now: number): string[] {
    for (const [org, retryAt] of this.heldElsewhere) if (retryAt <= now) this.heldElsewhere.delete(org);
    return [...this.heldElsewhere.keys()];
  }

  /** Takes or renews the organisation's lease; false while another instance holds it. */
  async mayServe(orgId: string, now: number): Promise<boolean> {
    const renewed = this.renewedAt.get(orgId);
    if (renewed !== undefined && now - renewed < Math.min(RENEW_EVERY_MS, this.ttlMs / 4)) return true;
    if (await this.leases.hold(`${LEASE_PREFIX}${orgId}`, this.owner, now, this.ttlMs)) {
      this.renewedAt.set(orgId, now);
      return true;
    }
    this.renewedAt.delete(orgId);
    this.heldElsewhere.set(orgId, now + Math.min(RECHECK_MAX_MS, this.ttlMs / 8));
    return false;
  }
}
