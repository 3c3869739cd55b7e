// Work a Slack request starts after its ack waits its turn here, so that acknowledging new
// requests always comes first. Slack wants every request acknowledged within 3 s (and sends it
// again otherwise); the work behind an ack (the core command, the reply) may wait a little in a
// burst instead of delaying every ack behind it. At most `concurrency` jobs run at once; the
// others wait in arrival order and each starts on a fresh turn of the event loop, after the
// requests that arrived meanwhile. Nothing is dropped; a long queue is logged.
import type { Logger } from '../../core/ports';

export const DEFAULT_AFTER_ACK_CONCURRENCY = 32;
const WARN_WAITING = 2_000;
const WARN_EVERY_MS = 60_000;

export class Backlog {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private warnedAt = -Infinity;

  constructor(
    private readonly log: Logger,
    private readonly concurrency = DEFAULT_AFTER_ACK_CONCURRENCY,
  ) {}

  /** Jobs running or waiting. */
  get size(): number {
    return this.running + this.waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) {
      this.running++;
    } else {
      // The finishing job hands its slot over (running stays counted).
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private release(): void {
    const next = this.waiting.shift();
    if (!next) {
      this.running--;
      return;
    }
    if (this.waiting.length >= WARN_WAITING && performance.now() - this.warnedAt > WARN_EVERY_MS) {
      this.warnedAt = performance.now();
      this.log.warn(
        { waiting: this.waiting.length, running: this.running },
        'Slack: work after acks is queueing up (more requests than this process keeps up with)',
      );
    }
    // A fresh turn of the event loop: requests that arrived meanwhile are read (and acked) first.
    setImmediate(next);
  }
}
