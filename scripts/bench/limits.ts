// The platforms' rate limits as the benchmark fakes enforce them: rolling windows that refuse a
// call beyond their limit with a Retry-After, and remember when each accepted call arrived.
//  - Slack: about one message a second per channel, and a workspace-wide cap on message writes.
//  - Teams: per conversation 7 in 1 s, 8 in 2 s, 60 in 30 s; per tenant a requests-per-second cap.
// No tolerance by default: a call that arrives inside a full window is refused, as Slack and Teams
// refuse it, however few milliseconds early (a sender must leave its own margin). Each 429's
// Retry-After is remembered, and calls that arrive before it has run out are counted as `early`:
// a sender that does not honour Retry-After shows there.

export interface WindowSpec {
  limit: number;
  ms: number;
}

export class RollingWindow {
  private readonly times: number[] = [];

  constructor(
    readonly spec: WindowSpec,
    private readonly toleranceMs = 0,
  ) {}

  /** Ms until a call would be accepted (0 = now). */
  waitAt(now: number): number {
    const span = this.spec.ms - this.toleranceMs;
    while (this.times.length && this.times[0]! <= now - span) this.times.shift();
    if (this.times.length < this.spec.limit) return 0;
    return this.times[this.times.length - this.spec.limit]! + span - now;
  }

  take(now: number): void {
    this.times.push(now);
  }
}

/** A set of windows that must all allow a call; returns the Retry-After in seconds, or undefined and takes the slot. */
export function admit(windows: RollingWindow[], now: number): number | undefined {
  const wait = Math.max(0, ...windows.map((w) => w.waitAt(now)));
  if (wait > 0) return Math.max(1, Math.ceil(wait / 1000));
  for (const w of windows) w.take(now);
  return undefined;
}

export interface SlackLimits {
  /** Minimum gap between messages in one channel (default 1000 ms). */
  perChannelMs?: number;
  workspace: WindowSpec;
  toleranceMs?: number;
}

const SLACK_CHANNEL_WRITES = new Set(['chat.postMessage', 'chat.postEphemeral']);
const SLACK_WORKSPACE_WRITES = new Set(['chat.postMessage', 'chat.postEphemeral', 'chat.update']);

export interface LimitStats {
  accepted: number;
  refused: number;
  /** Calls that arrived while a Retry-After this limiter had answered (same workspace/tenant) was still running. */
  early: number;
  /** Arrival times (epoch ms) of accepted message writes. */
  acceptedAt: number[];
}

export function slackLimiter(limits: SlackLimits, now: () => number = Date.now) {
  const channels = new Map<string, RollingWindow>();
  const workspaces = new Map<string, RollingWindow>();
  const stats: LimitStats = { accepted: 0, refused: 0, early: 0, acceptedAt: [] };
  const tolerance = limits.toleranceMs ?? 0;
  /** `${workspace} ${method}` → until when the last 429 told the sender to wait. */
  const retryUntil = new Map<string, number>();
  const limiter = (method: string, team: string | undefined, args: Record<string, unknown>): number | undefined => {
    if (!SLACK_WORKSPACE_WRITES.has(method)) return undefined;
    const pauseKey = `${team ?? '-'} ${method}`;
    if (now() < (retryUntil.get(pauseKey) ?? 0)) stats.early++;
    const windows: RollingWindow[] = [];
    const ws = team ?? '-';
    if (!workspaces.has(ws)) workspaces.set(ws, new RollingWindow(limits.workspace, tolerance));
    windows.push(workspaces.get(ws)!);
    if (SLACK_CHANNEL_WRITES.has(method)) {
      const key = `${ws} ${String(args.channel ?? '')}`;
      if (!channels.has(key)) channels.set(key, new RollingWindow({ limit: 1, ms: limits.perChannelMs ?? 1000 }, tolerance));
      windows.push(channels.get(key)!);
    }
    const t = now();
    const refused = admit(windows, t);
    if (refused === undefined) {
      stats.accepted++;
      stats.acceptedAt.push(t);
    } else {
      stats.refused++;
      retryUntil.set(pauseKey, Math.max(retryUntil.get(pauseKey) ?? 0, t + refused * 1000));
    }
    return refused;
  };
  return { limiter, stats };
}

export interface TeamsLimits {
  perConversation?: WindowSpec[];
  perTenant: WindowSpec[];
  toleranceMs?: number;
}

export const TEAMS_CONVERSATION_LIMITS: WindowSpec[] = [
  { limit: 7, ms: 1_000 },
  { limit: 8, ms: 2_000 },
  { limit: 60, ms: 30_000 },
];

/** The fake connector serves one tenant, so the tenant windows apply to every call. */
export function teamsLimiter(limits: TeamsLimits, now: () => number = Date.now) {
  const tolerance = limits.toleranceMs ?? 0;
  const tenant = limits.perTenant.map((w) => new RollingWindow(w, tolerance));
  const conversations = new Map<string, RollingWindow[]>();
  const stats: LimitStats = { accepted: 0, refused: 0, early: 0, acceptedAt: [] };
  /** The tenant's Retry-After (a 429 pauses the tenant in the pacer too). */
  let retryUntil = 0;
  const limiter = (op: string, conversationId: string | undefined): number | undefined => {
    if (now() < retryUntil) stats.early++;
    const windows = [...tenant];
    if (conversationId && (op === 'send' || op === 'reply' || op === 'update')) {
      if (!conversations.has(conversationId)) {
        conversations.set(
          conversationId,
          (limits.perConversation ?? TEAMS_CONVERSATION_LIMITS).map((w) => new RollingWindow(w, tolerance)),
        );
      }
      windows.push(...conversations.get(conversationId)!);
    }
    const t = now();
    const refused = admit(windows, t);
    if (refused === undefined) {
      stats.accepted++;
      if (op === 'send' || op === 'reply') stats.acceptedAt.push(t);
    } else {
      stats.refused++;
      retryUntil = Math.max(retryUntil, t + refused * 1000);
    }
    return refused;
  };
  return { limiter, stats };
}
