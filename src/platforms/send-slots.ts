// A send log (the SendSlotLog port) kept in this process: what a pacer uses when it is given no
// store's (unit tests, a benchmark's in-process baseline). The stores keep the same slots in the
// database so that every instance on it shares them.
import type { BookedSlot, SendSlotLog, SentSlot, SlotRead, SlotRoom } from './state';

/** When a slot counts at `now` (see SlotRoom): answered, at its instant; unanswered, as "now" until `inFlightMs` after it. */
export function slotCountsAt(slot: SentSlot, now: number, inFlightMs: number): number {
  return slot.answered ? slot.at : Math.max(slot.at, Math.min(now, slot.at + inFlightMs));
}

/** Whether a key's slots leave room for one more at `now`. */
export function hasRoom(slots: readonly SentSlot[], room: SlotRoom, now: number): boolean {
  let counted = 0;
  for (const slot of slots) if (slotCountsAt(slot, now, room.inFlightMs) > now - room.windowMs) counted++;
  return counted < room.limit;
}

/** Keys kept at most: the least recently booked are forgotten first. */
const MAX_KEYS = 10_000;

/** A slot this much older than a booking's horizon counts in no window of any platform (the longest: Slack's minute plus 15.6 s in flight). */
const STALE_SLOT_MS = 3_600_000;
const SWEEP_EVERY_MS = 600_000;

/**
 * When a log sweeps every key's stale slots. A key's own old slots go when it is booked again, but
 * a Teams chat messaged once would keep its last slots until its next message. The clock is the
 * bookings' (their horizon, `since`), never the database's.
 */
export class SlotSweeps {
  private last = Number.NEGATIVE_INFINITY;

  /** The instant at or before which every slot may go, when a sweep is due at this booking. */
  due(reads: readonly SlotRead[]): number | undefined {
    if (reads.length === 0) return undefined;
    const horizon = Math.min(...reads.map((read) => read.since));
    if (!Number.isFinite(horizon) || horizon - this.last < SWEEP_EVERY_MS) return undefined;
    this.last = horizon;
    return horizon - STALE_SLOT_MS;
  }
}

interface MemorySlot extends SentSlot {
  id: number;
}

export class MemorySendSlots implements SendSlotLog {
  private readonly slots = new Map<string, MemorySlot[]>();
  private readonly byId = new Map<number, MemorySlot>();
  private nextId = 1;
  private readonly sweeps = new SlotSweeps();

  async book(reads: readonly SlotRead[], choose: (slots: SentSlot[][]) => number | undefined): Promise<BookedSlot | undefined> {
    const stale = this.sweeps.due(reads);
    if (stale !== undefined) for (const key of [...this.slots.keys()]) this.forgetUntil(key, stale);
    const kept = reads.map((read) => this.forgetUntil(read.key, read.since));
    const at = choose(kept.map((slots, i) => shown(slots, reads[i]!.latest)));
    if (at === undefined) return undefined;
    const ids = reads.map(({ key }, i) => {
      const slot = { id: this.nextId++, at, answered: false };
      kept[i]!.push(slot);
      this.byId.set(slot.id, slot);
      this.slots.delete(key);
      this.slots.set(key, kept[i]!);
      return slot.id;
    });
    while (this.slots.size > MAX_KEYS) {
      const [oldest, slots] = this.slots.entries().next().value!;
      for (const slot of slots) this.byId.delete(slot.id);
      this.slots.delete(oldest);
    }
    return { at, ids };
  }

  async answered(slot: BookedSlot, at: number): Promise<void> {
    for (const id of slot.ids) {
      const row = this.byId.get(id);
      if (!row) continue;
      row.at = Math.max(row.at, at);
      row.answered = true;
    }
  }

  /** The key's slots after `since`, oldest first; the older ones are dropped. */
  private forgetUntil(key: string, since: number): MemorySlot[] {
    const kept = (this.slots.get(key) ?? []).filter((slot) => {
      if (slot.at > since) return true;
      this.byId.delete(slot.id);
      return false;
    });
    kept.sort((a, b) => a.at - b.at || a.id - b.id);
    if (kept.length > 0) this.slots.set(key, kept);
    else this.slots.delete(key);
    return kept;
  }
}

/** What a read shows of a key's slots (oldest first): the latest `latest`, and every unanswered one. */
function shown(slots: MemorySlot[], latest: number | undefined): SentSlot[] {
  const from = latest === undefined ? 0 : Math.max(0, slots.length - latest);
  return slots.filter((slot, i) => i >= from || !slot.answered).map(({ at, answered }) => ({ at, answered }));
}
