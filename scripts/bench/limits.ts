// The platforms' rate limits as the benchmark fakes enforce them: rolling windows that refuse a
// call beyond their limit with a Retry-After, and remember when each accepted call arrived.
//  - Slack: about one message a second per channel, and a workspace-wide cap on message writes.
//  - Teams: per conversation 7 in 1 s, 8 in 2 s, 60 in 30 s; per tenant a requests-per-second cap.
// A small tolerance (default 25 ms) absorbs loopback and timer jitter: a sender that keeps to the
// limit by its own clock is not refused because its request arrived a few ms early.

export interface WindowSpec {
  limit: number;
  ms: number;
}

export class RollingWindow {
  private readonly times: number[] = [];

  constructor(
    readonly spec: WindowSpec,
    private readonly toleranceMs = 25,
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
  /** Arrival times (epoch ms) of accepted message writes. */
  acceptedAt: number[];
}

export function slackLimiter(limits: SlackLimits, now: () => number = Date.now) {
  const channels = new Map<string, RollingWindow>();
  const workspaces = new Map<string, RollingWindow>();
  const stats: LimitStats = { accepted: 0, refused: 0, acceptedAt: [] };
  const tolerance = limits.toleranceMs ?? 25;
  const limiter = (method: string, team: string | undefined, args: Record<string, unknown>): number | undefined => {
    if (!SLACK_WORKSPACE_WRITES.has(method)) return undefined;
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
  const tolerance = limits.toleranceMs ?? 25;
  const tenant = limits.perTenant.map((w) => new RollingWindow(w, tolerance));
  const conversations = new Map<string, RollingWindow[]>();
  const stats: LimitStats = { accepted: 0, refused: 0, acceptedAt: [] };
  const limiter = (op: string, conversationId: string | undefined): number | undefined => {
    const windows = [...tenant];
    if (conversationId && (op === 'send' || op === 'reply' || op === 'update')) {
      if (!conversations.has(conversationId)) {
        conversations.set(conversationId, (limits.perConversation ?? TEAMS_CONVERSATION_LIMITS).map((w) => new RollingWindow(w, tolerance)));
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
    }
    return refused;
  };
  return { limiter, stats };
}
