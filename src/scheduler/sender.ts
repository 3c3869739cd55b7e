// Claims ready deliveries with a lease, asks the kind's composer what to say, sends through the
// platform port and records the outcome under the lease (compare-and-swap on the owner). A crash
// between claim and mark leaves the row 'sending'; once its lease runs out any process retries it.
// Concurrency is bounded overall and per organisation, and an organisation that hit a rate limit
// is paused (in memory, and in the database for the other processes), so one workspace's 429 or
// slow network never holds up the others.
import type { Delivery, DeliveryComposer, DeliveryJob, DeliveryKind, Outgoing } from '../core/deliveries';
import type { CoreDeps } from '../core/deps';
import { ChatError, type Logger, type MessageRef } from '../core/ports';
import type { PromptToOpen } from '../core/prompts/prompt-repo';
import { DEFAULT_LOOKUP_TIMEOUT_MS, findEarlierSend } from './resend-check';
import { backoffDelay, classify, DEFAULT_MAX_ATTEMPTS, describeError } from './retry';
import { clearUnreachable, markUnreachable } from './unreachable';

export interface SenderOptions {
  deps: CoreDeps;
  composers: DeliveryComposer[];
  /** Work that sends no message of its own; runs under the same lease. */
  jobs?: DeliveryJob[];
  log: Logger;
  /** Unique per process: the lease owner written on claimed rows. */
  owner: string;
  leaseMs?: number;
  /** Sends in flight at once (default 4). */
  concurrency?: number;
  /** Sends in flight for one organisation (default half of `concurrency`, at least 1). */
  perOrgConcurrency?: number;
  /** Failed send attempts before a delivery is marked failed (default 10); rate-limit waits do not count. */
  maxAttempts?: number;
  /** A send that takes longer is treated as a transient failure (default half the lease). */
  sendTimeoutMs?: number;
  /** How long to look for an earlier send of an interrupted delivery before sending anyway (default 5 s). */
  lookupTimeoutMs?: number;
  random?: () => number;
}

export interface DrainResult {
  claimed: number;
  sent: number;
  skipped: number;
  /** Jobs run (no message of their own). */
  done: number;
  failed: number;
  retried: number;
  /** Of `sent`: interrupted deliveries found already sent (by platform lookup) and not sent again. */
  resendsAvoided: number;
}

type Outcome = 'sent' | 'skipped' | 'done' | 'failed' | 'retried' | 'found';

export const DEFAULT_LEASE_MS = 60_000;
/** How long a claim that found nothing (with organisations excluded) is trusted within a drain. */
const EMPTY_CLAIM_RECHECK_MS = 100;

export class Sender {
  readonly owner: string;
  private readonly deps: CoreDeps;
  private readonly log: Logger;
  private readonly composers = new Map<DeliveryKind, DeliveryComposer>();
  private readonly jobs = new Map<DeliveryKind, DeliveryJob>();
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly perOrg: number;
  private readonly maxAttempts: number;
  private readonly sendTimeoutMs: number;
  private readonly lookupTimeoutMs: number;
  private readonly random: () => number;
  private readonly pausedUntil = new Map<string, number>();
  private readonly inFlightByOrg = new Map<string, number>();
  /**
   * Organisations excluded by the last claim that found nothing, and when (real time). Claiming
   * again while excluding at least those scans the same rows (every pending row of a saturated
   * organisation) to find nothing again, so it waits until a slot frees up or a moment has passed.
   */
  private emptyClaim: { exclude: string[]; at: number } | undefined;
  /** Drains run one at a time (the ticker, the wake-up loop and local mode's tick share a sender). */
  private queue: Promise<unknown> = Promise.resolve();
  /** Set by halt(): finish the sends in flight, claim nothing more (a stop must not wait for a whole backlog). */
  private halted = false;
  /** Interrupted deliveries this sender found already sent and did not send again (since it started). */
  resendsAvoided = 0;

  constructor(options: SenderOptions) {
    this.deps = options.deps;
    this.log = options.log;
    this.owner = options.owner;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.perOrg = Math.max(1, options.perOrgConcurrency ?? Math.ceil(this.concurrency / 2));
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.sendTimeoutMs = options.sendTimeoutMs ?? Math.floor(this.leaseMs / 2);
    this.lookupTimeoutMs = options.lookupTimeoutMs ?? Math.min(DEFAULT_LOOKUP_TIMEOUT_MS, this.sendTimeoutMs);
    this.random = options.random ?? Math.random;
    for (const c of options.composers) {
      if (this.composers.has(c.kind)) this.log.warn({ kind: c.kind }, 'two composers for one delivery kind; the last one wins');
      this.composers.set(c.kind, c);
    }
    for (const job of options.jobs ?? []) {
      if (this.composers.has(job.kind) || this.jobs.has(job.kind))
        this.log.warn({ kind: job.kind }, 'a job and another handler for one delivery kind; the job wins');
      this.jobs.set(job.kind, job);
    }
  }

  /** Sends everything ready at `now` (a function for the live loop, whose clock keeps moving). */
  drain(now: number | (() => number)): Promise<DrainResult> {
    const clock = typeof now === 'number' ? () => now : now;
    const run = this.queue.then(() => this.drainNow(clock));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves when no drain is running or queued. */
  /** Stops claiming: drains in progress finish their sends in flight and return. */
  halt(): void {
    this.halted = true;
  }

  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  /** Organisations paused by a rate limit at `now`, with the instant each resumes. */
  pauses(now: number): Map<string, number> {
    for (const [org, until] of this.pausedUntil) if (until <= now) this.pausedUntil.delete(org);
    return new Map(this.pausedUntil);
  }

  private async drainNow(clock: () => number): Promise<DrainResult> {
    const result: DrainResult = { claimed: 0, sent: 0, skipped: 0, done: 0, failed: 0, retried: 0, resendsAvoided: 0 };
    const inFlight = new Set<Promise<void>>();
    let claimError: unknown;
    this.emptyClaim = undefined;
    for (;;) {
      while (claimError === undefined && !this.halted && inFlight.size < this.concurrency) {
        const now = clock();
        let delivery: Delivery | undefined;
        try {
          delivery = await this.claimOne(now);
        } catch (error) {
          claimError = error; // finish what is in flight, then report it
          break;
        }
        if (!delivery) break;
        result.claimed++;
        this.inFlightByOrg.set(delivery.orgId, (this.inFlightByOrg.get(delivery.orgId) ?? 0) + 1);
        const job: Promise<void> = this.process(delivery, now)
          .then((outcome) => {
            if (outcome === 'found') {
              result.sent++;
              result.resendsAvoided++;
            } else result[outcome]++;
          })
          .finally(() => {
            inFlight.delete(job);
            const left = (this.inFlightByOrg.get(delivery.orgId) ?? 1) - 1;
            if (left > 0) this.inFlightByOrg.set(delivery.orgId, left);
            else this.inFlightByOrg.delete(delivery.orgId);
          });
        inFlight.add(job);
      }
      if (inFlight.size === 0) {
        if (claimError !== undefined) throw claimError;
        return result;
      }
      await Promise.race(inFlight);
    }
  }

  /** One at a time, so each claim sees which organisations are saturated or paused right now. */
  private async claimOne(now: number): Promise<Delivery | undefined> {
    const exclude = [...this.pauses(now).keys()];
    for (const [org, n] of this.inFlightByOrg) if (n >= this.perOrg) exclude.push(org);
    const empty = this.emptyClaim;
    if (empty && performance.now() - empty.at < EMPTY_CLAIM_RECHECK_MS && empty.exclude.every((org) => exclude.includes(org))) return undefined;
    const [delivery] = await this.deps.store.deliveries.claim({
      now,
      leaseMs: this.leaseMs,
      owner: this.owner,
      limit: 1,
      excludeOrgs: exclude,
    });
    // A claim that succeeds with fewer organisations excluded leaves this knowledge true: it only took a row.
    if (!delivery && exclude.length > 0) this.emptyClaim = { exclude, at: performance.now() };
    return delivery;
  }

  private async process(delivery: Delivery, now: number): Promise<Outcome> {
    const repo = this.deps.store.deliveries;
    let recipient: string | undefined;
    try {
      const resumeAt = this.pausedUntil.get(delivery.orgId);
      if (resumeAt !== undefined && resumeAt > now) {
        // Claimed just before another send of this organisation was rate limited.
        await repo.postpone(delivery.id, this.owner, resumeAt, 'waiting: organisation is rate limited');
        return 'retried';
      }
      if (this.isPoison(delivery)) {
        const message = `gave up: the process stopped while sending it ${delivery.interruptions} times`;
        this.log.error({ id: delivery.id, key: delivery.key, kind: delivery.kind, orgId: delivery.orgId }, `delivery ${message}; not sent again`);
        await repo.markFailed(delivery.id, this.owner, message);
        return 'failed';
      }
      const job = this.jobs.get(delivery.kind);
      if (job) {
        await repo.markDone(delivery.id, this.owner, await job.run(delivery));
        return 'done';
      }
      const composer = this.composers.get(delivery.kind);
      if (!composer) {
        this.log.error({ kind: delivery.kind, id: delivery.id }, 'no composer is registered for this delivery kind');
        await repo.markFailed(delivery.id, this.owner, `no composer for ${delivery.kind}`);
        return 'failed';
      }
      const composed = await composer.compose(delivery);
      if ('skip' in composed) {
        await repo.markSkipped(delivery.id, this.owner, composed.skip);
        return 'skipped';
      }
      if ('alreadySent' in composed) return await this.recordAlreadySent(delivery, composed.alreadySent, now);
      if ('personId' in composed.to) recipient = composed.to.personId;
      const earlier = await findEarlierSend({ platform: this.deps.platform, log: this.log, timeoutMs: this.lookupTimeoutMs }, delivery, composed);
      if (earlier !== undefined) return await this.recordEarlierSend(composer, delivery, composed, earlier, now);
      const ref = await this.withTimeout(this.send(delivery, composed));
      const sentAt = now;
      // afterSend before markSent, and the prompt the send opens in markSent's own statement: a crash
      // before it sends the message again (afterSend is idempotent), never leaves a sent prompt without its row.
      const opens = await this.runAfterSend(composer, { ...delivery, status: 'sent', sentAt, messageRef: ref }, ref, sentAt, composed);
      if (!(await repo.markSent(delivery.id, this.owner, sentAt, ref, opens))) {
        this.log.warn({ id: delivery.id, key: delivery.key }, 'sent, but the lease had passed to another process; it may send again');
        return 'sent';
      }
      await clearUnreachable(this.deps, this.log, delivery.orgId, composed);
      return 'sent';
    } catch (error) {
      return this.fail(delivery, error, now, recipient);
    }
  }

  /**
   * An interrupted delivery whose message the platform found already sent: finish what the stopped
   * process could not (afterSend, then markSent) with that message's reference. It counts as sent
   * now, the moment it was found; the platform's own timestamp is in the reference.
   */
  private async recordEarlierSend(composer: DeliveryComposer, delivery: Delivery, composed: Outgoing, ref: MessageRef, now: number): Promise<Outcome> {
    const opens = await this.runAfterSend(composer, { ...delivery, status: 'sent', sentAt: now, messageRef: ref }, ref, now, composed);
    if (!(await this.deps.store.deliveries.markSent(delivery.id, this.owner, now, ref, opens))) {
      this.log.warn({ id: delivery.id, key: delivery.key }, 'found already sent, but the lease had passed to another process');
      return 'sent';
    }
    await clearUnreachable(this.deps, this.log, delivery.orgId, composed);
    this.resendsAvoided++;
    this.log.info(
      { id: delivery.id, key: delivery.key, kind: delivery.kind, orgId: delivery.orgId, resendsAvoided: this.resendsAvoided },
      'an interrupted delivery had gone out already; recorded it as sent without sending it again',
    );
    return 'found';
  }

  /** An interrupted delivery its composer knows went out (that send's afterSend had run): recorded as sent, not sent again. */
  private async recordAlreadySent(delivery: Delivery, ref: MessageRef, now: number): Promise<Outcome> {
    if (!(await this.deps.store.deliveries.markSent(delivery.id, this.owner, now, ref))) {
      this.log.warn({ id: delivery.id, key: delivery.key }, 'sent before a stop, but the lease had passed to another process');
      return 'sent';
    }
    if (delivery.personId) await clearUnreachable(this.deps, this.log, delivery.orgId, { to: { personId: delivery.personId } });
    this.log.info(
      { id: delivery.id, key: delivery.key, kind: delivery.kind, orgId: delivery.orgId },
      'an interrupted delivery was sent before its process stopped (what the send left behind says so); recorded it as sent',
    );
    return 'sent';
  }

  /**
   * A delivery whose send takes the whole process down is otherwise claimed again at every lease
   * expiry, forever: only failures that get recorded count toward maxAttempts. So once it has been
   * taken over from a stopped process maxAttempts + 2 times (its 13th claim with the default, when
   * every try crashed) it is failed instead of sent. Rate-limit waits are not interruptions.
   */
  private isPoison(delivery: Delivery): boolean {
    return (delivery.interruptions ?? 0) >= this.maxAttempts + 2;
  }

  private send(delivery: Delivery, composed: Outgoing): Promise<MessageRef> {
    const { platform } = this.deps;
    const options = { deliveryKey: delivery.key };
    return 'personId' in composed.to
      ? platform.sendDirect(delivery.orgId, composed.to.personId, composed.message, options)
      : platform.postToChannel(delivery.orgId, composed.to.channel, composed.message, options);
  }

  private async withTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ChatError('transient', `no answer within ${this.sendTimeoutMs} ms`)), this.sendTimeoutMs);
    });
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The composer's afterSend, then the prompt the send opens (written with the mark); a failure of either is logged. */
  private async runAfterSend(
    composer: DeliveryComposer,
    delivery: Delivery,
    ref: MessageRef,
    sentAt: number,
    sent: Outgoing,
  ): Promise<PromptToOpen | undefined> {
    try {
      await composer.afterSend?.(delivery, ref, sentAt, sent);
      return await composer.opens?.(delivery, ref, sentAt, sent);
    } catch (error) {
      this.log.error({ err: error, id: delivery.id, kind: delivery.kind }, 'afterSend failed (the message was sent)');
      return undefined;
    }
  }

  private async fail(delivery: Delivery, error: unknown, now: number, recipient: string | undefined): Promise<Outcome> {
    const repo = this.deps.store.deliveries;
    const message = describeError(error);
    const action = classify(error);
    try {
      switch (action.kind) {
        case 'rate_limited': {
          const until = now + action.retryAfterMs;
          const before = this.pausedUntil.get(delivery.orgId);
          if (before === undefined || before < until) this.pausedUntil.set(delivery.orgId, until);
          // Other processes on this database send to the same workspace: they wait it out too.
          await repo.pauseOrganisation(delivery.orgId, until);
          if (before === undefined || before <= now) {
            this.log.warn({ orgId: delivery.orgId, retryAfterMs: action.retryAfterMs }, 'rate limited: pausing this organisation');
          }
          await repo.postpone(delivery.id, this.owner, until, message);
          return 'retried';
        }
        case 'unreachable':
          await repo.markFailed(delivery.id, this.owner, message);
          if (recipient) await markUnreachable(this.deps, this.log, delivery.orgId, recipient, message);
          else this.log.warn({ orgId: delivery.orgId, channel: delivery.channel, error: message }, 'channel unreachable; delivery failed');
          return 'failed';
        case 'final':
          this.log.error({ id: delivery.id, kind: delivery.kind, orgId: delivery.orgId, error: message }, 'delivery refused; not retried');
          await repo.markFailed(delivery.id, this.owner, message);
          return 'failed';
        case 'transient':
          if (delivery.attempts >= this.maxAttempts) {
            this.log.error({ id: delivery.id, kind: delivery.kind, error: message }, 'delivery failed after the last attempt');
            await repo.markFailed(delivery.id, this.owner, `gave up after ${delivery.attempts} attempts: ${message}`);
            return 'failed';
          }
          this.log.warn({ id: delivery.id, attempts: delivery.attempts, error: message }, 'delivery failed; will retry');
          await repo.retryLater(delivery.id, this.owner, now + backoffDelay(delivery.attempts, this.random), message);
          return 'retried';
      }
    } catch (storeError) {
      // The lease runs out and the delivery is tried again.
      this.log.error({ err: storeError, id: delivery.id }, 'could not record a failed send');
      return 'retried';
    }
  }
}
