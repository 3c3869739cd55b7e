// Outbound pacing for one process, per workspace. Slack allows about one message a second per
// channel and rate-limits each Web API method per workspace; a 429 names how long to wait. The pacer
// keeps each channel to its pace, caps each workspace's message writes per minute, and after a 429
// refuses only that workspace's calls to that method until the pause is over. Short waits are
// waited out; longer ones become ChatError 'rate_limited' so the scheduler retries later (its
// deliveries stay queued) and no other workspace is held up.
import { ChatError } from '../../core/ports';

export interface PacerOptions {
  /** Minimum gap between two messages in one channel (default 1000 ms). */
  perChannelMs?: number;
  /** Message writes per workspace per rolling minute (default 100). */
  workspacePerMinute?: number;
  /** Length of that rolling "minute" (default 60 000 ms; the benchmarks compress time with less). */
  windowMs?: number;
  /** Longest wait the pacer sits out itself before refusing with rate_limited (default 2000 ms). */
  maxWaitMs?: number;
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
  /** `${team} ${channel}` → the channel's latest message write. */
  private readonly channelLast = new Map<string, Slot>();
  /** team → recent message writes. */
  private readonly recent = new Map<string, Slot[]>();

  constructor(options: PacerOptions = {}) {
    this.perChannelMs = options.perChannelMs ?? 1000;
    this.workspacePerMinute = options.workspacePerMinute ?? 100;
    this.windowMs = options.windowMs ?? MINUTE;
    this.maxWaitMs = options.maxWaitMs ?? 2000;
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
    const now = this.now();
    const window = (this.recent.get(team) ?? []).filter((slot) => effective(slot, now) > now - this.windowMs);
    const times = window.map((slot) => effective(slot, now)).sort((a, b) => a - b);
    const workspaceReady = times.length >= this.workspacePerMinute ? times[times.length - this.workspacePerMinute]! + this.windowMs : now;
    const channelKey = channel ? `${team} ${channel}` : undefined;
    const last = channelKey ? this.channelLast.get(channelKey) : undefined;
    const channelReady = last ? effective(last, now) + this.perChannelMs : now;
    const at = Math.max(now, workspaceReady, channelReady);
    const wait = at - now;
    if (wait > this.maxWaitMs) {
      this.recent.set(team, window);
      throw new ChatError('rate_limited', `pacing Slack messages in ${team}; retry in ${Math.ceil(wait / 1000)}s`, wait);
    }
    const slot: Slot = { at, answered: false };
    window.push(slot);
    this.recent.set(team, window);
    if (channelKey) this.channelLast.set(channelKey, slot);
    this.prune(now);
    if (wait > 0) {
      await this.sleep(wait);
      // Another call may have met a 429 while this one waited for its slot: it must not go out now.
      try {
        this.checkPause(team, method);
      } catch (error) {
        slot.answered = true;
        throw error;
      }
    }
    return () => {
      slot.at = Math.max(slot.at, this.now());
      slot.answered = true;
    };
  }

  private prune(now: number): void {
    if (this.channelLast.size < 5000) return;
    for (const [key, slot] of this.channelLast) if (effective(slot, now) + this.perChannelMs < now) this.channelLast.delete(key);
    for (const [key, until] of this.paused) if (until < now) this.paused.delete(key);
  }
}

/** A message write: its slot, moved to when Slack answered once it has. */
interface Slot {
  at: number;
  answered: boolean;
}

/** A call can take this long at most (the WebClient's timeout and retries); then it no longer counts as "now". */
const IN_FLIGHT_MS = 60_000;

function effective(slot: Slot, now: number): number {
  return slot.answered ? slot.at : Math.max(slot.at, Math.min(now, slot.at + IN_FLIGHT_MS));
}
