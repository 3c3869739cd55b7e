// Who may post to /api/messages, decided before the Agents SDK or Clause5 sees the activity, so a
// refused request writes nothing and sends nothing.
// - With the Azure Bot registration: the Bot Connector's token (channel-token.ts), then the tenant.
// - Without it (local mode, or TEAMS_ALLOW_UNAUTHENTICATED outside production): callers on this
//   machine only, judged by the socket's address (not by a header anyone can set), and not
//   forwarded by a proxy; then the tenant when TEAMS_ALLOWED_TENANTS lists some.
import type { IncomingMessage } from 'node:http';
import type { JwtPayload } from 'jsonwebtoken';
import { ChannelTokenValidator } from './channel-token';
import type { InboundRules } from './settings';

const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

export interface Refusal {
  status: 401 | 403 | 503;
  /** For the log: never a token or anything the caller wrote. */
  reason: string;
}

export type Admission = { ok: true; user: JwtPayload | undefined } | ({ ok: false } & Refusal);

export class InboundGate {
  private readonly tokens: ChannelTokenValidator | undefined;

  constructor(private readonly rules: InboundRules) {
    this.tokens = rules.kind === 'signed' ? new ChannelTokenValidator(rules) : undefined;
  }

  /** True when the SDK's own (anonymous) authorization should run: no app id. */
  get unauthenticated(): boolean {
    return this.rules.kind === 'loopback';
  }

  /** Checked first, before the body is read as an activity. */
  caller(req: IncomingMessage): Refusal | undefined {
    if (this.rules.kind !== 'loopback') return undefined;
    if (!isLoopback(req.socket.remoteAddress)) return { status: 403, reason: 'the unauthenticated Teams endpoint answers callers on this machine only' };
    // A reverse proxy on this machine connects from loopback on behalf of anyone: refuse what it forwards.
    if (PROXY_HEADERS.some((h) => req.headers[h] !== undefined)) return { status: 403, reason: 'the unauthenticated Teams endpoint refuses proxied requests' };
    return undefined;
  }

  async admit(req: IncomingMessage, activity: Record<string, unknown>): Promise<Admission> {
    let user: JwtPayload | undefined;
    if (this.tokens) {
      const token = await this.tokens.check(req.headers.authorization, activity.serviceUrl);
      if (!token.ok) return { ok: false, status: token.status, reason: token.reason };
      user = token.claims as JwtPayload;
    }
    const tenant = tenantRefusal(activity, this.rules.tenants);
    if (tenant) return { ok: false, status: 403, reason: tenant };
    return { ok: true, user };
  }
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 addresses. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Why the activity's tenant is refused, or undefined when it is allowed (`allowed` undefined: any). */
export function tenantRefusal(activity: Record<string, unknown>, allowed: ReadonlySet<string> | undefined): string | undefined {
  if (!allowed) return undefined;
  const conversation = field(activity.conversation, 'tenantId');
  const channelData = field(field(activity.channelData, 'tenant'), 'id');
  const named = [conversation, channelData].filter((t): t is string => typeof t === 'string' && t.trim() !== '').map((t) => t.trim().toLowerCase());
  if (named.length === 0) return 'the activity names no tenant';
  if (named.some((t) => t !== named[0])) return 'the activity names two different tenants';
  if (!allowed.has(named[0]!)) return 'the activity is from a tenant this bot does not serve';
  return undefined;
}

function field(value: unknown, key: string): unknown {
  return value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}
