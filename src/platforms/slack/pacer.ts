// Outbound pacing per workspace. Slack allows about one message a second per channel and
// rate-limits each Web API method per workspace; a 429 names how long to wait. The pacer keeps each
// channel to its pace, caps each workspace's message writes per rolling minute, counted in the send
// log (SendSlotLog: in the database, so that every instance on it keeps to one limit together), and
// after a 429 refuses only that workspace's calls to that method until the pause is over. Short
// waits are waited out; longer ones become ChatError 'rate_limited' so the scheduler retries later
// (its deliveries stay queued) and no other workspace is held up.
import { ChatError } from '../../core/ports';
import { MemorySendSlots, slotCountsAt } from '../send-slots';
import { WORST_CASE_CALL_MS } from './api';
import type { BookedSlot, SendSlotLog, SentSlot, SlotRead } from '../state';

export interface PacerOptions {
  /** Minimum gap between two messages in one channel (default 1000 ms). */
  perChannelMs?: number;
  /** Message writes per workspace per rolling minute (default 100). */
  workspacePerMinute?: number;
  /** Length of that rolling "minute" (default 60 000 ms; the benchmarks compress time with less). */
  windowMs?: number;
  /** Longest wait the pacer sits out itself before refusing with rate_limited (default 2000 ms). */
  maxWaitMs?: number;
  /** The workspaces' recent message writes: the store's, shared by every instance (default: this process's own). */
  slots?: SendSlotLog;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const MINUTE = 60_000;

export class Pacer {
  private readonly perChannelMs: number;
  private readonly workspacePerMinute: number;
  private readonly windowMs: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** `${team} ${method}` → paused until (epoch ms). */
  private readonly paused = new Map<string, number>();
  /** `${team} ${channel}` → the channel's latest message write, moved to when Slack answered once it has. */
  private readonly channelLast = new Map<string, SentSlot>();
  private readonly slots: SendSlotLog;

  constructor(options: PacerOptions = {}) {
    this.perChannelMs = options.perChannelMs ?? 1000;
    this.workspacePerMinute = options.workspacePerMinute ?? 100;
    this.windowMs = options.windowMs ?? MINUTE;
    this.maxWaitMs = options.maxWaitMs ?? 2000;
    this.slots = options.slots ?? new MemorySendSlots();
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Fails fast while the workspace's method is paused by a 429. */
  checkPause(team: string, method: string): void {
    const until = this.paused.get(`${team} ${method}`);
    const left = until === undefined ? 0 : until - this.now();
    if (left > 0) throw new ChatError('rate_limited', `Slack asked us to slow down ${method} in ${team}; retry in ${Math.ceil(left / 1000)}s`, left);
  }

  /** Records Slack's Retry-After for a workspace's method. */
  pause(team: string, method: string, ms: number): void {
    const key = `${team} ${method}`;
    const until = this.now() + ms;
    this.paused.set(key, Math.max(until, this.paused.get(key) ?? 0));
  }

  /**
   * Waits for a slot to write a message (channel given: also the per-channel pace), or throws
   * rate_limited when the wait would be longer than maxWaitMs. Call the returned function when
   * Slack has answered: until then the message counts as sent "now", since it may reach Slack
   * late (a busy event loop, a slow connection), and the next window is measured from there.
   */
  async acquire(team: string, method: string, channel?: string): Promise<() => void> {
    this.checkPause(team, method);
    const channelKey = channel ? `${team} ${channel}` : undefined;
    // The latest workspacePerMinute slots and the unanswered ones decide when the next may go: an
    // older answered slot counts no later than any of those.
    const read = { key: `slack:${team}`, since: this.now() - this.windowMs - IN_FLIGHT_MS, latest: this.workspacePerMinute };
    const { booked, slot } = (await this.bookNow(read, channelKey)) ?? (await this.bookInTurn(team, read, channelKey));
    const wait = booked.at - this.now();
    if (wait > 0) await this.sleep(wait);
    // Another call may have met a 429 while this one booked or waited for its slot: it must not go out now.
    try {
      this.checkPause(team, method);
    } catch (error) {
      slot.answered = true;
      await this.settle(booked, booked.at);
      throw error;
    }
    return () => {
      slot.at = Math.max(slot.at, this.now());
      slot.answered = true;
      void this.settle(booked, slot.at);
    };
  }

  /**
   * The usual case in one step, when the log can (bookNowIfRoom): the channel is free and the
   * workspace has room now. The channel's slot is taken before the booking, so that this process's
   * next call for the channel waits for this one; it is given back if the workspace has no room.
   */
  private async bookNow(read: SlotRead, channelKey: string | undefined): Promise<{ booked: BookedSlot; slot: SentSlot } | undefined> {
    if (!this.slots.bookNowIfRoom) return undefined;
    const now = this.now();
    const last = channelKey ? this.channelLast.get(channelKey) : undefined;
    if (last && effective(last, now) + this.perChannelMs > now) return undefined;
    const slot: SentSlot = { at: now, answered: false };
    if (channelKey) this.channelLast.set(channelKey, slot);
    let booked: BookedSlot | undefined;
    try {
      booked = await this.slots.bookNowIfRoom(read, { limit: this.workspacePerMinute, windowMs: this.windowMs, inFlightMs: IN_FLIGHT_MS }, now);
    } finally {
      if (!booked && channelKey && this.channelLast.get(channelKey) === slot) {
        if (last) this.channelLast.set(channelKey, last);
        else this.channelLast.delete(channelKey);
      }
    }
    this.prune(now);
    return booked && { booked, slot };
  }

  /** Reads the workspace's slots and picks the first instant the workspace and the channel allow, up to maxWaitMs away. */
  private async bookInTurn(team: string, read: SlotRead, channelKey: string | undefined): Promise<{ booked: BookedSlot; slot: SentSlot }> {
    let refusedWait = 0;
    let channelSlot: SentSlot | undefined;
    // The log runs `choose` with the workspace locked, so this process's calls for one channel
    // (always of one workspace) also decide one at a time.
    const booked = await this.slots.book([read], ([recent]) => {
      const now = this.now();
      const times = recent!.map((slot) => effective(slot, now)).filter((t) => t > now - this.windowMs);
      times.sort((a, b) => a - b);
      const workspaceReady = times.length >= this.workspacePerMinute ? times[times.length - this.workspacePerMinute]! + this.windowMs : now;
      const last = channelKey ? this.channelLast.get(channelKey) : undefined;
      const channelReady = last ? effective(last, now) + this.perChannelMs : now;
      const at = Math.max(now, workspaceReady, channelReady);
      if (at - now > this.maxWaitMs) {
        refusedWait = at - now;
        return undefined;
      }
      channelSlot = { at, answered: false };
      if (channelKey) this.channelLast.set(channelKey, channelSlot);
      this.prune(now);
      return at;
    });
    if (!booked || !channelSlot)
      throw new ChatError('rate_limited', `pacing Slack messages in ${team}; retry in ${Math.ceil(refusedWait / 1000)}s`, refusedWait);
    return { booked, slot: channelSlot };
  }

  /** Marks a booked slot answered in the log; a failure only leaves it counted as in flight a while longer. */
  private async settle(booked: BookedSlot, at: number): Promise<void> {
    await this.slots.answered(booked, at).catch(() => {});
  }

  private prune(now: number): void {
    if (this.channelLast.size < 5000) return;
    for (const [key, slot] of this.channelLast) if (effective(slot, now) + this.perChannelMs < now) this.channelLast.delete(key);
    for (const [key, until] of this.paused) if (until < now) this.paused.delete(key);
  }
}

/**
 * A call can take this long at most (the WebClient's timeout and retries); then it no longer counts
 * as "now". A slot in the shared log that its instance never answered (it was killed mid-call)
 * thus holds its workspace's window only this much longer than an answered one.
 */
const IN_FLIGHT_MS = WORST_CASE_CALL_MS;

function effective(slot: SentSlot, now: number): number {
  return slotCountsAt(slot, now, IN_FLIGHT_MS);
}
