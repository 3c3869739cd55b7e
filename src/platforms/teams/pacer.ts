// Paces outbound calls to stay under Teams' limits: per conversation (7 messages a second,
// 8 in 2 s, 60 in 30 s) and per app per tenant (50 requests a second). The calls are counted in the
// send log (SendSlotLog: in the database, so that every instance on it keeps to one limit together),
// which books one slot at a time per conversation and tenant, so concurrent senders queue up
// instead of bursting; a 429's Retry-After pauses the conversation and the tenant.
import { MemorySendSlots } from '../send-slots';
import type { SendSlotLog, SentSlot } from '../state';

export interface Window {
  limit: number;
  ms: number;
}

export interface PacerOptions {
  perConversation?: Window[];
  perTenant?: Window[];
  /** The recent calls per conversation and tenant: the store's, shared by every instance (default: this process's own). */
  slots?: SendSlotLog;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const TEAMS_CONVERSATION_WINDOWS: Window[] = [
  { limit: 7, ms: 1_000 },
  { limit: 8, ms: 2_000 },
  { limit: 60, ms: 30_000 },
];
export const TEAMS_TENANT_WINDOWS: Window[] = [{ limit: 50, ms: 1_000 }];

export class Pacer {
  private readonly slots: SendSlotLog;
  private readonly pausedUntil = new Map<string, number>();
  private readonly perConversation: Window[];
  private readonly perTenant: Window[];
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: PacerOptions = {}) {
    this.perConversation = options.perConversation ?? TEAMS_CONVERSATION_WINDOWS;
    this.perTenant = options.perTenant ?? TEAMS_TENANT_WINDOWS;
    this.slots = options.slots ?? new MemorySendSlots();
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Waits for (and takes) the next slot for one call into `conversationId` of `tenantId`. */
  async acquire(tenantId: string, conversationId: string): Promise<number> {
    return (await this.take(tenantId, conversationId)).wait;
  }

  /**
   * As acquire; call `answered` when Teams has answered. The call then counts from that moment,
   * not from its slot: a call that reached Teams late (a busy event loop, a slow first connection)
   * must not let the calls after it in so early that Teams sees more than its limit in a window.
   */
  async take(tenantId: string, conversationId: string): Promise<{ wait: number; answered: () => void }> {
    const keys: Array<[string, Window[], boolean]> = [
      [`c:${tenantId}:${conversationId}`, this.perConversation, true],
      [`t:${tenantId}`, this.perTenant, false],
    ];
    const now = this.now();
    // A call at or before now minus a key's longest window no longer counts against a slot from now on.
    const reads = keys.map(([key, windows]) => ({ key, since: now - Math.max(...windows.map((w) => w.ms)) }));
    const booked = await this.slots.book(reads, (slots) => this.earliest(keys, slots));
    const wait = Math.max(0, booked!.at - this.now());
    if (wait > 0) await this.sleep(wait);
    const answered = () => {
      const now = this.now();
      if (now > booked!.at) void this.slots.answered(booked!, now).catch(() => {});
    };
    return { wait, answered };
  }

  /** After a 429: nothing more goes to this conversation or tenant for `ms`. */
  pause(tenantId: string, conversationId: string | undefined, ms: number): void {
    const until = this.now() + ms;
    for (const key of [`t:${tenantId}`, ...(conversationId ? [`c:${tenantId}:${conversationId}`] : [])]) {
      this.pausedUntil.set(key, Math.max(until, this.pausedUntil.get(key) ?? 0));
    }
  }

  /**
   * The earliest instant every window of every key allows. Slots of one conversation are handed
   * out in order (messages must not overtake each other); tenant slots may interleave, so one busy
   * conversation does not hold up the rest.
   */
  private earliest(keys: Array<[string, Window[], boolean]>, slots: SentSlot[][]): number {
    let at = this.now();
    for (let changed = true, rounds = 0; changed && rounds < 100; rounds++) {
      changed = false;
      keys.forEach(([key, windows, ordered], k) => {
        const times = slots[k]!.map((slot) => slot.at).sort((a, b) => a - b);
        let next = Math.max(at, this.pausedUntil.get(key) ?? 0);
        if (ordered) next = Math.max(next, times[times.length - 1] ?? 0);
        for (const w of windows) {
          // A window of w.ms around the slot must hold fewer than w.limit other calls.
          for (let guard = 0; guard < 1_000; guard++) {
            const near = times.filter((t) => t > next - w.ms && t < next + w.ms);
            if (near.length < w.limit) break;
            next = near[0]! + w.ms;
          }
        }
        if (next > at) {
          at = next;
          changed = true;
        }
      });
    }
    return at;
  }
}
