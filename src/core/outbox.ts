import type { NewDelivery, Outbox } from './deliveries';
import type { Store } from './ports';

/** Sends through the durable deliveries table, then wakes the sender. */
export class QueueOutbox implements Outbox {
  private listener: (() => void) | undefined;

  constructor(private readonly store: Store) {}

  /** The sender registers here to be woken when something is enqueued. */
  onEnqueued(listener: () => void): void {
    this.listener = listener;
  }

  async enqueue(delivery: NewDelivery): Promise<void> {
    await this.store.deliveries.enqueue([delivery]);
    this.listener?.();
  }
}
