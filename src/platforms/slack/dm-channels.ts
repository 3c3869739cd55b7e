// Each Slack person's DM channel with Clause5 ('D…'), in PlatformState.slackDmChannels. Clause5 posts DMs
// to the user id (no conversations.open per prompt), so the channel id is known once Slack has named
// it: in the answer to a chat.postMessage to the user id, or in an event from that DM (message.im,
// app_home_opened). It is what lets an interrupted send be looked up in the DM's history
// (SlackPlatform.findSent) — a rare recovery path, which without the row opens the DM with
// conversations.open instead. So the rows are written behind: a named channel is known in memory at
// once (get answers it) and its row waits, at most `delayMs` or until `maxRows` are waiting, to be
// written with the others in one statement. A crash loses at most the waiting rows. Known ids stay in
// memory too, so a fan-out writes each person's row once, not once per message.
import { type Logger, silentLogger } from '../../core/ports';
import type { SlackDmChannelRow, SlackDmChannelState } from '../state';

const MAX_REMEMBERED = 50_000;

export interface DmChannelBatching {
  /** A batch this big is written at once (default 100). */
  maxRows?: number;
  /** How long a named channel waits for others before the batch is written (default 250 ms). */
  delayMs?: number;
  /** Waits `ms` (tests resolve it by hand; never a real sleep there). */
  sleep?: (ms: number) => Promise<void>;
  log?: Logger;
}

interface Waiting extends SlackDmChannelRow {
  /** Already failed to be written once: a second failure drops it. */
  failedOnce: boolean;
}

export class SlackDmChannels {
  private readonly known = new Map<string, string>();
  /** Rows not written yet, by `${team} ${user}`; a newer channel replaces a waiting one. */
  private readonly waiting = new Map<string, Waiting>();
  private readonly maxRows: number;
  private readonly delayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly log: Logger;
  private timerSet = false;
  /** The batches' writes, one after the other. */
  private writing: Promise<void> = Promise.resolve();
  /** After stop, each named channel is written at once (sends finishing during shutdown). */
  private stopped = false;

  constructor(
    private readonly state: SlackDmChannelState,
    batching: DmChannelBatching = {},
  ) {
    this.maxRows = batching.maxRows ?? 100;
    this.delayMs = batching.delayMs ?? 250;
    this.sleep = batching.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.log = batching.log ?? silentLogger;
  }

  /** The DM channel of a user of a workspace, if Slack has named it to us. */
  async get(teamId: string, userId: string): Promise<string | undefined> {
    const key = `${teamId} ${userId}`;
    const known = this.known.get(key);
    if (known) return known;
    const channelId = await this.state.get(teamId, userId);
    if (channelId) this.keep(key, channelId);
    return channelId;
  }

  /**
   * Remembers a user's DM channel (only when new or changed): known at once, its row written with
   * the next batch. Never waits for that write (a failed one is logged) — except after stop, when
   * the row is written before this resolves.
   */
  async remember(teamId: string, userId: string, channelId: string): Promise<void> {
    if (!/^D[A-Z0-9]+$/.test(channelId)) return;
    const key = `${teamId} ${userId}`;
    if (this.known.get(key) === channelId) return;
    this.keep(key, channelId);
    this.waiting.set(key, { teamId, userId, channelId, failedOnce: false });
    if (this.stopped) return this.flush();
    if (this.waiting.size >= this.maxRows) void this.write('full batches');
    // Also then: what a full batch leaves (named while a write was under way) waits the delay at most.
    this.flushLater();
  }

  /** Writes every waiting row (maxRows a statement); resolves when they and earlier batches are written or given up. */
  flush(): Promise<void> {
    return this.write('all');
  }

  /** Resolves when the writes started so far are done (those a full batch or the delay started included). */
  idle(): Promise<void> {
    return this.writing;
  }

  /** Writes what waits (a batch that fails is tried once more); from now on each named channel is written at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.flush();
    if (this.waiting.size > 0) await this.flush();
  }

  private write(what: 'all' | 'full batches'): Promise<void> {
    this.writing = this.writing.then(() => this.writeWaiting(what === 'all' ? 1 : this.maxRows));
    return this.writing;
  }

  private flushLater(): void {
    if (this.timerSet) return;
    this.timerSet = true;
    void this.sleep(this.delayMs).then(() => {
      this.timerSet = false;
      return this.flush();
    });
  }

  private async writeWaiting(atLeast: number): Promise<void> {
    while (this.waiting.size >= atLeast) {
      const batch = [...this.waiting].slice(0, this.maxRows);
      for (const [key] of batch) this.waiting.delete(key);
      try {
        await this.state.putMany(batch.map(([, { teamId, userId, channelId }]) => ({ teamId, userId, channelId })));
      } catch (error) {
        this.failed(batch, error);
        return;
      }
    }
  }

  /**
   * A failed batch is tried once more with the next one (a dropped connection, a lock held too long
   * pass); failing again, its rows are dropped rather than retried for ever, and forgotten in memory
   * too, so that the person's next message names the channel again and writes it.
   */
  private failed(batch: Array<[string, Waiting]>, error: unknown): void {
    let dropped = 0;
    for (const [key, row] of batch) {
      if (this.waiting.has(key)) continue; // a newer channel for this user waits already
      if (row.failedOnce) {
        if (this.known.get(key) === row.channelId) this.known.delete(key);
        dropped++;
      } else this.waiting.set(key, { ...row, failedOnce: true });
    }
    const err = error instanceof Error ? error.message : String(error);
    this.log.warn({ rows: batch.length, dropped, err }, 'could not record Slack DM channels');
    if (this.waiting.size > 0 && !this.stopped) this.flushLater();
  }

  private keep(key: string, channelId: string): void {
    if (this.known.size >= MAX_REMEMBERED) this.known.clear();
    this.known.set(key, channelId);
  }
}
