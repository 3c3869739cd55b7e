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
  /** Longest wait the pacer sits out itself before refusing with rate_limited (default 2000 ms). */
  maxWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const MINUTE = 60_000;

export class Pacer {
  private readonly perChannelMs: number;
  private readonly workspacePerMinute: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** `${team} ${method}` → paused until (epoch ms). */
  private readonly paused = new Map<string, number>();
  /** `${team} ${channel}` → earliest instant of the next message. */
  private readonly channelNext = new Map<string, number>();
  /** team → instants of recent message writes (ascending). */
  private readonly recent = new Map<string, number[]>();

  constructor(options: PacerOptions = {}) {
    this.perChannelMs = options.perChannelMs ?? 1000;
    this.workspacePerMinute = options.workspacePerMinute ?? 100;
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
   * rate_limited when the wait would be longer than maxWaitMs.
   */
  async acquire(team: string, method: string, channel?: string): Promise<void> {
    this.checkPause(team, method);
    const now = this.now();
    const window = (this.recent.get(team) ?? []).filter((t) => t > now - MINUTE);
    const workspaceReady = window.length >= this.workspacePerMinute ? window[window.length - this.workspacePerMinute]! + MINUTE : now;
    const channelKey = channel ? `${team} ${channel}` : undefined;
    const channelReady = channelKey ? (this.channelNext.get(channelKey) ?? now) : now;
    const at = Math.max(now, workspaceReady, channelReady);
    const wait = at - now;
    if (wait > this.maxWaitMs) {
      this.recent.set(team, window);
      throw new ChatError('rate_limited', `pacing Slack messages in ${team}; retry in ${Math.ceil(wait / 1000)}s`, wait);
    }
    window.push(at);
    window.sort((a, b) => a - b);
    this.recent.set(team, window);
    if (channelKey) this.channelNext.set(channelKey, at + this.perChannelMs);
    this.prune(now);
    if (wait > 0) await this.sleep(wait);
  }

  private prune(now: number): void {
    if (this.channelNext.size < 5000) return;
    for (const [key, at] of this.channelNext) if (at < now) this.channelNext.delete(key);
    for (const [key, until] of this.paused) if (until < now) this.paused.delete(key);
  }
}
