// POST /api/messages on the shared HTTP server. Order matters: who may call (gate.ts: the Bot
// Connector's token and the tenant, or callers on this machine when unauthenticated) is decided
// first, then the serviceUrl allow-list (a forged one is refused before anything calls it), then
// the SDK runs the turn and writes the answer. Nothing is written or sent for a refused request.
// Work queued by the turn for "after the response" starts only once the answer is on its way.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudAdapter, Request, WebResponse } from '@microsoft/agents-hosting';
import type { Logger } from '../../core/ports';
import { send } from '../../http/server';
import { hostOf } from './connector';
import type { InboundGate, Refusal } from './gate';
import type { AfterResponse } from './invoke';
import type { ServiceUrlPolicy } from './service-url';
import type { TurnContext } from '@microsoft/agents-hosting';

export type TurnLogic = (context: TurnContext, after: AfterResponse) => Promise<void>;

export class AfterWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  start(work: () => Promise<void>): void {
    const job = work()
      .catch((error: unknown) => this.log.warn({ err: safeError(error) }, 'Teams: follow-up work after a response failed'))
      .finally(() => this.running.delete(job));
    this.running.add(job);
  }

  /** Resolves when everything started so far (and anything it started) has finished. */
  async drain(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}

export function messagesRoute(adapter: CloudAdapter, gate: InboundGate, policy: ServiceUrlPolicy, logic: TurnLogic, afterWork: AfterWork, log: Logger) {
  const refuse = (res: ServerResponse, refusal: Refusal) => {
    log.warn({ status: refusal.status, reason: refusal.reason }, 'Teams: request refused');
    send(res, refusal.status, { error: ERRORS[refusal.status] });
  };
  return async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> => {
    const caller = gate.caller(req);
    if (caller) return refuse(res, caller);
    let activity: unknown;
    try {
      activity = JSON.parse(body.toString('utf8'));
    } catch {
      send(res, 400, { error: 'the body is not JSON' });
      return;
    }
    if (!activity || typeof activity !== 'object' || Array.isArray(activity)) {
      send(res, 400, { error: 'the body is not a Bot Framework activity' });
      return;
    }
    const admission = await gate.admit(req, activity as Record<string, unknown>);
    if (!admission.ok) return refuse(res, admission);
    const request: Request = {
      body: activity as Record<string, unknown>,
      headers: req.headers as Request['headers'],
      method: req.method ?? 'POST',
      user: admission.user,
    };
    const response = new NodeWebResponse(res);
    if (gate.unauthenticated) {
      // No app id: the SDK's middleware marks the request anonymous (and refuses a token it cannot check).
      let authorized = false;
      await adapter.authorizeRequest(request, response, () => {
        authorized = true;
      });
      if (!authorized) {
        log.warn({ status: res.statusCode }, 'Teams: request refused by token validation');
        response.finish();
        return;
      }
    }
    const serviceUrl = (activity as { serviceUrl?: unknown }).serviceUrl;
    if (typeof serviceUrl !== 'string' || !policy.isAllowed(serviceUrl)) {
      log.warn({ host: hostOf(typeof serviceUrl === 'string' ? serviceUrl : undefined) }, 'Teams: activity refused, its serviceUrl is not on the allow-list');
      send(res, 400, { error: 'serviceUrl not allowed' });
      return;
    }
    const queued: Array<() => Promise<void>> = [];
    let turnStarted = false;
    try {
      await adapter.process(request, response, (context) => {
        turnStarted = true;
        return logic(context, (work) => queued.push(work));
      });
    } catch (error) {
      // The SDK validates the activity before the turn; a malformed one is the sender's fault.
      if (turnStarted || !isActivityShapeError(error)) throw error;
      log.warn({ err: safeError(error) }, 'Teams: malformed activity refused');
      send(res, 400, { error: 'the body is not a valid Bot Framework activity' });
    } finally {
      response.finish();
      for (const work of queued) afterWork.start(work);
    }
  };
}

const ERRORS: Record<Refusal['status'], string> = {
  401: 'unauthorized',
  403: 'forbidden',
  503: 'cannot check the token now, try again later',
};

/** The SDK's refusals of an activity's shape: its zod schema, or the activity package's own errors (-1100xx). */
function isActivityShapeError(error: unknown): boolean {
  const e = error as { name?: unknown; code?: unknown } | undefined;
  return e?.name === 'ZodError' || (typeof e?.code === 'number' && e.code <= -110000 && e.code > -110100);
}

/** The SDK's response surface over Node's ServerResponse. */
class NodeWebResponse implements WebResponse {
  private body: unknown;

  constructor(private readonly res: ServerResponse) {}

  get headersSent(): boolean {
    return this.res.headersSent;
  }

  get writableEnded(): boolean {
    return this.res.writableEnded;
  }

  status(code: number): this {
    if (!this.res.headersSent) this.res.statusCode = code;
    return this;
  }

  setHeader(name: string, value: string): this {
    if (!this.res.headersSent) this.res.setHeader(name, value);
    return this;
  }

  send(body?: unknown): this {
    this.body = body;
    return this;
  }

  end(): this {
    this.finish();
    return this;
  }

  finish(): void {
    if (this.res.writableEnded) return;
    if (this.body === undefined) {
      this.res.end();
      return;
    }
    const text = typeof this.body === 'string' || Buffer.isBuffer(this.body) ? this.body : JSON.stringify(this.body);
    if (!this.res.headersSent && !this.res.hasHeader('content-type')) this.res.setHeader('content-type', 'application/json');
    this.res.end(text);
  }
}

/** What may be logged about an error: never the request body or headers the SDK attaches to it. */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error).slice(0, 200) };
  const e = error as Error & { status?: number; code?: string };
  return {
    name: e.name,
    message: e.message.split('\n', 1)[0]!.replace(/\{.*$/s, '').slice(0, 200),
    ...(e.status ? { status: e.status } : {}),
    ...(e.code ? { code: e.code } : {}),
  };
}
