// Crash recovery at start-up. A delivery being sent is leased to its process for a minute, so
// that a process that stops mid-send is taken over by another; the minute's pass is leased the
// same way (scheduler.ts). When the process that holds a lease ran on this host and no longer runs
// (it crashed and this is its restart), nobody will ever release that lease: it is ended at once,
// so the prompts in flight at the crash go out now rather than a minute later, and a pass the crash
// cut short runs again at the restart's first tick instead of up to two minutes later. Owners are 'host:pid:random' (defaultOwner). Leases of other hosts,
// of running processes, and of our own pid (a container restarted as pid 1 cannot tell its old
// self from a twin) are left to run out.
// Caveat: two containers that share the database file *and* the same hostname but not a PID
// namespace would see each other's processes as gone; give such containers distinct hostnames.
import { hostname } from 'node:os';
import type { DeliveryRepo, LeaseRepo } from '../core/deliveries';
import type { Logger } from '../core/ports';

export interface ProcessIdentity {
  host: string;
  pid: number;
}

export function ownerIdentity(owner: string): ProcessIdentity | undefined {
  const parts = owner.split(':');
  if (parts.length < 3) return undefined;
  const pid = Number(parts[parts.length - 2]);
  const host = parts.slice(0, -2).join(':');
  return Number.isInteger(pid) && pid > 0 && host ? { host, pid } : undefined;
}

/** Whether a process with this pid runs (EPERM: it runs, as another user). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function ownerIsGone(owner: string, self: ProcessIdentity = { host: hostname(), pid: process.pid }, runs = processRuns): boolean {
  const id = ownerIdentity(owner);
  return id !== undefined && id.host === self.host && id.pid !== self.pid && !runs(id.pid);
}

/** Ends the leases of this host's processes that are gone; returns how many deliveries were freed. */
export async function releaseLeasesOfGoneProcesses(
  repo: DeliveryRepo,
  now: number,
  log: Logger,
  isGone: (owner: string) => boolean = (o) => ownerIsGone(o),
): Promise<number> {
  let freed = 0;
  for (const owner of await repo.leaseOwners(now)) {
    if (!isGone(owner)) continue;
    const n = await repo.expireLeases(owner, now);
    freed += n;
    log.warn(
      { owner, deliveries: n },
      'took over the deliveries of a process of this host that stopped while sending them (they may have gone out once already)',
    );
  }
  return freed;
}

/** Releases the named leases (the minute's pass) held by this host's processes that are gone; returns their names. */
export async function releaseNamedLeasesOfGoneProcesses(
  leases: LeaseRepo,
  now: number,
  log: Logger,
  isGone: (owner: string) => boolean = (o) => ownerIsGone(o),
): Promise<string[]> {
  const released: string[] = [];
  for (const { name, owner } of await leases.holders(now)) {
    if (!isGone(owner)) continue;
    await leases.release(name, owner);
    released.push(name);
    log.warn({ owner, lease: name }, 'released a lease held by a process of this host that stopped without giving it up');
  }
  return released;
}
