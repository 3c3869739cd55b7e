// A fake Bot Connector (the Teams service a bot calls back) as a real local HTTP server. It
// records every call, decodes conversation ids (the SDK sends them unencoded: 'a:conv1'), answers
// 429 (or any status) on demand, and refuses what Teams refuses: cards above schema 1.5,
// Action.Execute without a verb, inputs without an id, messages over 28 KB, updates of unknown
// messages, conversations it never saw (404), calls without a bearer token (401; a test of the
// unauthenticated development mode opts out explicitly), and, by default, more than Teams' rate
// limits allow (7 a second per conversation, 50 a second per tenant: 429 with Retry-After).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateCard } from './teams-cards';

export interface ConnectorCall {
  method: string;
  path: string;
  /** 'createConversation' | 'send' | 'reply' | 'update' | 'getMember' */
  op: string;
  conversationId?: string;
  activityId?: string;
  body: any;
  authorization?: string;
  status: number;
}

export interface StoredActivity {
  id: string;
  conversationId: string;
  activity: any;
  /** Earlier versions, oldest first, when the message was updated. */
  history: any[];
}

export interface Member {
  id: string;
  name: string;
  aadObjectId: string;
}

const MAX_ACTIVITY_BYTES = 28 * 1024;

export interface FakeConnectorOptions {
  /** Accept calls without an Authorization header: only for a bot running without credentials. */
  allowAnonymous?: boolean;
  /** Teams' rate limits (default on); false answers every call, however fast. */
  rateLimits?: boolean;
}

/**
 * Teams' limits as a limiter: 7 calls a second into one conversation and 50 a second per tenant
 * (sliding windows on `now`); a call over either gets the Retry-After until the window frees up.
 */
export function teamsRateLimits(now: () => number = Date.now): (op: string, conversationId: string | undefined, tenantId?: string) => number | undefined {
  const seen = new Map<string, number[]>();
  const over = (key: string, limit: number, t: number): number | undefined => {
    const times = (seen.get(key) ?? []).filter((x) => x > t - 1_000);
    seen.set(key, times);
    return times.length >= limit ? times[0]! + 1_000 - t : undefined;
  };
  return (_op, conversationId, tenantId = 'tenant') => {
    const t = now();
    const wait = Math.max(over(`t:${tenantId}`, 50, t) ?? 0, conversationId ? (over(`c:${conversationId}`, 7, t) ?? 0) : 0);
    if (wait > 0) return Math.max(1, Math.ceil(wait / 1_000));
    seen.get(`t:${tenantId}`)!.push(t);
    if (conversationId) seen.get(`c:${conversationId}`)!.push(t);
    return undefined;
  };
}

export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  readonly activities = new Map<string, StoredActivity>();
  /** Conversation id → members (for GET …/members/{id} and POST /v3/conversations). */
  readonly members = new Map<string, Member[]>();
  private readonly server: Server;
  private failures: Array<{ status: number; retryAfter?: number; match?: (op: string) => boolean; code?: string }> = [];
  private seq = 0;
  private checkAuthorization: ((header: string | undefined) => boolean) | undefined;
  /** Conversations Teams knows: seen in an inbound activity, created, seeded or added by a test. */
  private readonly conversations = new Set<string>();
  private readonly allowAnonymous: boolean;
  url = '';
  /** The clock of the default rate limits; a harness points it at the clock its pacer reads. */
  now: () => number = Date.now;
  /**
   * Teams' rate limits, when a test or benchmark sets them: called for each call that passed the
   * checks above; a number is the Retry-After (seconds) of a 429 answer instead.
   */
  limiter: ((op: string, conversationId: string | undefined, tenantId?: string) => number | undefined) | undefined;

  constructor(options: FakeConnectorOptions = {}) {
    this.allowAnonymous = options.allowAnonymous ?? false;
    this.limiter = options.rateLimits === false ? undefined : teamsRateLimits(() => this.now());
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(host = '127.0.0.1'): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, host, resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://${host}:${port}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** The next `count` calls (optionally of one op) fail with `status` (default 429, Retry-After 1 s). */
  failNext(count = 1, status = 429, options: { retryAfter?: number; op?: string; code?: string } = {}): void {
    for (let i = 0; i < count; i++) {
      this.failures.push({
        status,
        ...(options.retryAfter !== undefined ? { retryAfter: options.retryAfter } : status === 429 ? { retryAfter: 1 } : {}),
        ...(options.op ? { match: (op: string) => op === options.op } : {}),
        ...(options.code ? { code: options.code } : {}),
      });
    }
  }

  /** From now on every call must carry an Authorization header that passes `check` (else 401). */
  requireAuthorization(check: ((header: string | undefined) => boolean) | undefined): void {
    this.checkAuthorization = check;
  }

  /** A conversation Teams knows (the bot may post into it). */
  addConversation(conversationId: string): void {
    this.conversations.add(conversationId.split(';', 1)[0]!);
  }

  /** Learns the conversations an activity sent to the bot names: its own, its team and channel. */
  learn(activity: any): void {
    for (const id of [activity?.conversation?.id, activity?.channelData?.team?.id, activity?.channelData?.channel?.id]) {
      if (typeof id === 'string' && id) this.addConversation(id);
    }
  }

  addMember(conversationId: string, member: Member): void {
    this.addConversation(conversationId);
    this.members.set(conversationId, [...(this.members.get(conversationId) ?? []), member]);
  }

  /** A message that already exists in Teams (e.g. one a test user will tap). */
  seedActivity(conversationId: string, activity: any = { type: 'message' }): string {
    const id = `seed-${++this.seq}`;
    this.addConversation(conversationId);
    this.activities.set(id, { id, conversationId, activity, history: [] });
    return id;
  }

  /** Messages posted into a conversation (sends and replies that succeeded), oldest first. */
  messagesIn(conversationId: string): StoredActivity[] {
    return [...this.activities.values()].filter((a) => a.conversationId === conversationId && !a.id.startsWith('seed-'));
  }

  callsOf(op: string): ConnectorCall[] {
    return this.calls.filter((c) => c.op === op && c.status < 300);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
    });
    const url = new URL(req.url ?? '/', 'http://fake');
    const segments = url.pathname
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
    const method = req.method ?? 'GET';
    let body: any;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      return this.answer(res, { method, path: url.pathname, op: 'invalid', body: raw.toString('utf8'), status: 400 }, 400, error('BadSyntax', 'invalid JSON'));
    }
    const call: ConnectorCall = { method, path: url.pathname, op: opOf(method, segments), body, status: 200, authorization: req.headers.authorization };
    if (segments[2]) call.conversationId = segments[2];
    if (segments[4]) call.activityId = segments[4];

    const bearer = /^Bearer \S+$/.test(req.headers.authorization ?? '');
    if ((!bearer && !this.allowAnonymous) || (this.checkAuthorization && !this.checkAuthorization(req.headers.authorization))) {
      return this.answer(res, call, 401, error('Unauthorized', 'missing or wrong bearer token'));
    }
    const conversation = call.conversationId?.split(';', 1)[0];
    if (conversation && !this.conversations.has(conversation)) {
      return this.answer(res, call, 404, error('ConversationNotFound', `no conversation ${conversation}`));
    }
    const failure = this.failures.findIndex((f) => !f.match || f.match(call.op));
    if (failure >= 0) {
      const f = this.failures.splice(failure, 1)[0]!;
      const headers: Record<string, string> = f.retryAfter !== undefined ? { 'retry-after': String(f.retryAfter) } : {};
      return this.answer(res, call, f.status, error(f.code ?? (f.status === 429 ? 'TooManyRequests' : 'Failure'), 'on demand'), headers);
    }
    const retryAfter = this.limiter?.(call.op, conversation, call.body?.conversation?.tenantId ?? call.body?.channelData?.tenant?.id);
    if (retryAfter !== undefined) {
      return this.answer(res, call, 429, error('TooManyRequests', 'rate limited'), { 'retry-after': String(retryAfter) });
    }
    switch (call.op) {
      case 'createConversation':
        return this.createConversation(res, call);
      case 'send':
      case 'reply':
        return this.post(res, call, raw.length);
      case 'update':
        return this.update(res, call, raw.length);
      case 'getMember':
        return this.getMember(res, call, segments[4]!);
      default:
        return this.answer(res, call, 404, error('NotFound', `no route ${method} ${url.pathname}`));
    }
  }

  private createConversation(res: ServerResponse, call: ConnectorCall): void {
    const member = call.body?.members?.[0]?.id;
    if (!member || call.body?.isGroup) return this.answer(res, call, 400, error('BadArgument', 'a 1:1 conversation needs one member'));
    if (!call.body?.bot?.id) return this.answer(res, call, 400, error('BadArgument', 'ConversationParameters.bot is required'));
    if (!call.body?.tenantId && !call.body?.channelData?.tenant?.id) return this.answer(res, call, 400, error('BadArgument', 'the tenant is required'));
    const known = [...this.members.values()].some((list) => list.some((m) => m.id === member || m.aadObjectId === member));
    if (!known) return this.answer(res, call, 403, error('Forbidden', 'the bot shares no team with this user'));
    const id = `a:chat-${member}`;
    this.addConversation(id);
    this.answer(res, call, 201, { id });
  }

  private post(res: ServerResponse, call: ConnectorCall, bytes: number): void {
    const problem = checkActivity(call.body, bytes);
    if (problem) return this.answer(res, call, problem.status, error('BadArgument', problem.message));
    const id = `act-${++this.seq}`;
    this.activities.set(id, { id, conversationId: call.conversationId!.split(';', 1)[0]!, activity: call.body, history: [] });
    this.answer(res, call, 201, { id });
  }

  private update(res: ServerResponse, call: ConnectorCall, bytes: number): void {
    const stored = this.activities.get(call.activityId!);
    if (!stored || stored.conversationId !== call.conversationId) {
      return this.answer(res, call, 404, error('ActivityNotFoundInConversation', 'no such message'));
    }
    const problem = checkActivity(call.body, bytes);
    if (problem) return this.answer(res, call, problem.status, error('BadArgument', problem.message));
    stored.history.push(stored.activity);
    stored.activity = call.body;
    this.answer(res, call, 200, { id: stored.id });
  }

  private getMember(res: ServerResponse, call: ConnectorCall, userId: string): void {
    const conversation = call.conversationId!.split(';', 1)[0]!;
    const member = (this.members.get(conversation) ?? []).find((m) => m.id === userId || m.aadObjectId === userId);
    if (!member) return this.answer(res, call, 404, error('MemberNotFoundInConversation', 'not a member'));
    this.answer(res, call, 200, member);
  }

  private answer(res: ServerResponse, call: ConnectorCall, status: number, body: unknown, headers: Record<string, string> = {}): void {
    call.status = status;
    this.calls.push(call);
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }
}

function opOf(method: string, s: string[]): string {
  if (s[0] !== 'v3' || s[1] !== 'conversations') return 'unknown';
  if (method === 'POST' && s.length === 2) return 'createConversation';
  if (method === 'POST' && s.length === 4 && s[3] === 'activities') return 'send';
  if (method === 'POST' && s.length === 5 && s[3] === 'activities') return 'reply';
  if (method === 'PUT' && s.length === 5 && s[3] === 'activities') return 'update';
  if (method === 'GET' && s.length === 5 && s[3] === 'members') return 'getMember';
  return 'unknown';
}

function error(code: string, message: string): unknown {
  return { error: { code, message } };
}

function checkActivity(activity: any, bytes: number): { status: number; message: string } | undefined {
  // Teams does not count base64-encoded images against the limit.
  const images = JSON.stringify(activity ?? null).match(/data:image\/[a-z]+;base64,[A-Za-z0-9+/=]+/g) ?? [];
  const counted = bytes - images.reduce((n, url) => n + url.length, 0);
  if (counted > MAX_ACTIVITY_BYTES) return { status: 413, message: `message too large (${counted} bytes)` };
  if (!activity || typeof activity !== 'object' || !activity.type) return { status: 400, message: 'not an activity' };
  for (const attachment of activity.attachments ?? []) {
    if (attachment?.contentType !== 'application/vnd.microsoft.card.adaptive') continue;
    const problems = validateCard(attachment.content);
    if (problems.length) return { status: 400, message: `card refused: ${problems.join('; ')}` };
  }
  return undefined;
}
