// A rate-limit storm at the network edge: an HTTP proxy in front of the fake Slack that answers
// 429 + Retry-After according to a policy (by time, workspace and method) and forwards everything
// else. It records every call with when it arrived and, for 429s, when the answer left and the
// Retry-After it named — so a test can check that nobody called again before that.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeSlack, FakeWorkspace } from '../../support/fake-slack';

export interface StormCall {
  team: string | undefined;
  method: string;
  /** performance.now() when the request arrived. */
  at: number;
  /** performance.now() when the 429 left (for refused calls). */
  answeredAt?: number;
  retryAfterMs?: number;
  outcome: 'ratelimited' | 'forwarded';
}

/** Retry-After seconds to answer with, or undefined to forward. `elapsed` is ms since the first message call. */
export type StormPolicy = (call: { team: string | undefined; method: string; elapsed: number }) => number | undefined;

export class StormProxy {
  readonly calls: StormCall[] = [];
  private readonly server: Server;
  private readonly teams = new Map<string, string>();
  private first: number | undefined;
  url = '';

  constructor(
    private readonly fake: FakeSlack,
    workspaces: FakeWorkspace[],
    private readonly policy: StormPolicy,
  ) {
    for (const ws of workspaces) this.teams.set(ws.botToken, ws.teamId);
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, headers, body }) => {
        res.writeHead(status, headers);
        res.end(body);
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Milliseconds since the first chat.postMessage arrived (0 before). */
  elapsed(now = performance.now()): number {
    return this.first === undefined ? 0 : now - this.first;
  }

  get started(): number | undefined {
    return this.first;
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = (req.url ?? '/').split('?', 1)[0]!.replace(/^\/api\//, '');
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    const team = this.teams.get(token);
    if (method === 'chat.postMessage') this.first ??= at;
    const retryAfter = this.policy({ team, method, elapsed: this.elapsed(at) });
    if (retryAfter !== undefined) {
      const call: StormCall = { team, method, at, outcome: 'ratelimited', retryAfterMs: retryAfter * 1000, answeredAt: performance.now() };
      this.calls.push(call);
      return {
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': String(retryAfter) },
        body: JSON.stringify({ ok: false, error: 'ratelimited' }),
      };
    }
    this.calls.push({ team, method, at, outcome: 'forwarded' });
    const forwarded = await fetch(`${this.fake.origin}${req.url ?? '/'}`, {
      method: req.method,
      headers: {
        'content-type': String(req.headers['content-type'] ?? 'application/x-www-form-urlencoded'),
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      },
      body: req.method === 'GET' ? undefined : body,
    });
    return { status: forwarded.status, headers: { 'content-type': forwarded.headers.get('content-type') ?? 'application/json' }, body: await forwarded.text() };
  }
}

/**
 * Calls of a team to a method that arrived after a 429 had been answered (plus `slackMs` for a call
 * already on its way) and before that 429's Retry-After was over, each with the 429 it ignored.
 * `slackMs` is 400: on a loaded 2-core machine a call the server sent before the 429 reached it can
 * arrive here a few hundred milliseconds later; a sender that ignored the 1–2 s Retry-After would
 * still be caught, and the stormed workspace's try count is checked separately.
 */
export function earlyRetries(calls: StormCall[], slackMs = 400): Array<{ call: StormCall; after: StormCall }> {
  const early: Array<{ call: StormCall; after: StormCall }> = [];
  for (const refused of calls.filter((c) => c.outcome === 'ratelimited')) {
    const from = refused.answeredAt! + slackMs;
    const to = refused.answeredAt! + refused.retryAfterMs!;
    for (const c of calls)
      if (c !== refused && c.team === refused.team && c.method === refused.method && c.at > from && c.at < to) early.push({ call: c, after: refused });
  }
  return early;
}
