// A Bolt receiver on Clause5's own HTTP server, so Slack shares the one port with /healthz and Teams.
// Transport only: the server has already read the body (refusing > 256 KB with 413); this checks the
// signature and timestamp with Bolt's own verifier (plus a bound on future timestamps, which Bolt
// does not check), answers Slack's url_verification and ssl_check, and hands everything else to
// Bolt with an ack that writes the HTTP response. Work after the ack carries on in the background
// and is tracked, so stop() and tests can wait for it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import {
  HTTPModuleFunctions,
  HTTPResponseAck,
  verifySlackRequest,
  type App,
  type BufferedIncomingMessage,
  type Receiver,
  type ReceiverEvent,
} from '@slack/bolt';
import type { Logger } from '../../core/ports';
import type { HttpServer } from '../../http/server';
import { boltLogger } from './api';
import { envelopeProblem } from './envelope';

export const EVENTS_PATH = '/slack/events';
const MAX_SKEW_SECONDS = 5 * 60;
/** Slack waits 3 s for an ack; this leaves room for the network. */
export const ACK_BUDGET_MS = 2_000;

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  log: Logger;
  /** Wall clock for the timestamp check (real time: Slack signs with real time). */
  now?: () => number;
}

export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly now: () => number;

  constructor(private readonly options: SlackHttpReceiverOptions) {
    this.now = options.now ?? Date.now;
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    await this.idle();
  }

  mount(server: HttpServer): void {
    server.route({ method: 'POST', path: EVENTS_PATH, handler: (req, res, body) => this.handle(req, res, body) });
  }

  /** Resolves when every request's work (including work after its ack) has finished. */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  /** Keeps track of background work started outside a request (e.g. after an OAuth install). */
  track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    void work.finally(() => this.inflight.delete(work)).catch(() => {});
    return work;
  }

  private async handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const { log } = this.options;
    const text = raw.toString('utf8');
    const contentType = String(req.headers['content-type'] ?? '')
      .split(';', 1)[0]!
      .trim();
    if (contentType === 'application/x-www-form-urlencoded' && parseQuery(text).ssl_check === '1') {
      HTTPModuleFunctions.buildSSLCheckResponse(res);
      return;
    }
    const refused = this.verify(req, text);
    if (refused) {
      log.warn({ reason: refused, path: EVENTS_PATH }, 'refused a Slack request');
      HTTPModuleFunctions.buildNoBodyResponse(res, 401);
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = parseBody(text, contentType);
    } catch {
      log.warn({ path: EVENTS_PATH }, 'malformed Slack request body');
      HTTPModuleFunctions.buildNoBodyResponse(res, 400);
      return;
    }
    const problem = envelopeProblem(body);
    if (problem) {
      log.warn({ path: EVENTS_PATH, problem }, 'malformed Slack request body');
      HTTPModuleFunctions.buildNoBodyResponse(res, 400);
      return;
    }
    if (body.type === 'url_verification') {
      HTTPModuleFunctions.buildUrlVerificationResponse(res, body);
      return;
    }
    if (!this.app) {
      HTTPModuleFunctions.buildNoBodyResponse(res, 503);
      return;
    }
    const buffered = Object.assign(req, { rawBody: raw }) as BufferedIncomingMessage;
    const ack = new HTTPResponseAck({
      logger: boltLogger(log),
      processBeforeResponse: false,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: res,
    });
    // Slack gives up on a request after 3 s. When nothing has acknowledged it within the budget
    // (say another process holds the database's write lock and the dedupe write is waiting), answer
    // an empty 200 now and let the work finish when it can; an ack that comes later is a no-op.
    const boltAck = ack.bind();
    let lateAck = false;
    const guard = setTimeout(() => {
      if (res.headersSent) return;
      lateAck = true;
      ack.ack();
      log.warn({ path: EVENTS_PATH, budgetMs: ACK_BUDGET_MS }, 'Slack request not acknowledged in time by its handler; acknowledged empty, the work goes on');
      HTTPModuleFunctions.buildNoBodyResponse(res, 200);
    }, ACK_BUDGET_MS);
    void responded(res).then(() => clearTimeout(guard));
    const event: ReceiverEvent = {
      body,
      ack: async (response) => {
        if (!lateAck) await boltAck(response);
      },
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
    };
    const work = this.track(
      this.app.processEvent(event).then(
        () => {
          // No listener acknowledged it (an event or payload type Clause5 does not handle): say so
          // now with a 200, rather than leaving the request open until Bolt's 3 s timer answers 404
          // and Slack retries something that will never be handled.
          if (!res.headersSent) {
            ack.ack();
            HTTPModuleFunctions.buildNoBodyResponse(res, 200);
          }
        },
        (error: unknown) => {
          log.error({ err: error instanceof Error ? error.message : String(error) }, 'Slack request failed');
          if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
        },
      ),
    );
    // Return once the response is out; the rest of the work goes on (tracked) after the ack.
    await Promise.race([work, responded(res)]);
  }

  /** A reason to refuse the request, or undefined when the signature and timestamp are good. */
  private verify(req: IncomingMessage, body: string): string | undefined {
    const signature = req.headers['x-slack-signature'];
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    if (typeof signature !== 'string' || !Number.isFinite(timestamp)) return 'missing signature headers';
    const nowMs = this.now();
    if (timestamp > nowMs / 1000 + MAX_SKEW_SECONDS) return 'timestamp in the future';
    try {
      verifySlackRequest({
        signingSecret: this.options.signingSecret,
        body,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
        nowMilliseconds: nowMs,
      });
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message.replace(/^Failed to verify authenticity: /, '') : 'verification failed';
    }
  }
}

function parseBody(text: string, contentType: string): Record<string, unknown> {
  if (contentType === 'application/x-www-form-urlencoded') {
    const form = parseQuery(text);
    if (typeof form.payload === 'string') return JSON.parse(form.payload) as Record<string, unknown>;
    return form as Record<string, unknown>;
  }
  const parsed = JSON.parse(text) as unknown;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
  return parsed as Record<string, unknown>;
}

function responded(res: ServerResponse): Promise<void> {
  if (res.writableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    res.once('finish', resolve);
    res.once('close', resolve);
  });
}
