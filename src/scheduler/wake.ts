// The sender's live loop: drain whenever something is enqueued (the outbox calls back) or when
// the next pending delivery becomes ready (a timer at `nextReadyAt`, or when a paused
// organisation's rate limit ends). The once-a-minute ticker is the safety net behind both.
import type { CoreDeps } from '../core/deps';
import type { Logger } from '../core/ports';
import type { Sender } from './sender';

/** Never sleep longer than this, so a row enqueued by another process is noticed soon. */
const MAX_SLEEP_MS = 60_000;
/** Floor for a re-check when something is ready but could not be claimed (e.g. another owner's lease). */
const MIN_SLEEP_MS = 250;
/** While organisations are paused, look again this often for other organisations' work. */
const PAUSED_RECHECK_MS = 5_000;

export class WakeLoop {
  private running = false;
  private busy: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: CoreDeps,
    private readonly sender: Sender,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.running = true;
  }

  /** Drains now (or right after the drain in progress), then sets the timer. */
  kick(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (this.busy) {
      this.again = true;
      return this.busy;
    }
    this.busy = this.loop().finally(() => {
      this.busy = undefined;
    });
    return this.busy;
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.sender.halt();
    await this.busy;
    await this.sender.idle();
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.sender.drain(() => this.deps.clock.now());
      } catch (error) {
        this.log.error({ err: error }, 'sending deliveries failed; retrying shortly');
      }
    } while (this.again && this.running);
    if (this.running) await this.arm();
  }

  private async arm(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.deps.clock.now();
    let wakeAt: number;
    try {
      const ready = await this.deps.store.deliveries.nextReadyAt();
      const resumes = [...this.sender.pauses(now).values()];
      wakeAt = ready ?? now + MAX_SLEEP_MS;
      // Ready already but nothing was claimable: only paused organisations (or someone else's lease).
      if (wakeAt <= now) wakeAt = resumes.length > 0 ? Math.min(now + PAUSED_RECHECK_MS, ...resumes) : now + MIN_SLEEP_MS;
    } catch (error) {
      this.log.error({ err: error }, 'could not read the next delivery time');
      wakeAt = now + MAX_SLEEP_MS;
    }
    if (!this.running) return;
    const delay = Math.min(MAX_SLEEP_MS, Math.max(MIN_SLEEP_MS, wakeAt - now));
    this.timer = setTimeout(() => void this.kick(), delay);
    this.timer.unref();
  }
}
