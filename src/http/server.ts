// The one HTTP server of a Clause5 process: /healthz plus whatever routes the platforms mount
// (/slack/events, /api/messages, …). It reads bodies itself so that an oversized request is
// refused with 413 before any handler (or signature check) runs, and sets timeouts so that slow
// clients cannot hold connections open.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/ports';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<void> | void;

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  /** Largest accepted body in bytes (default 256 KB). */
  bodyLimit?: number;
  handler: RouteHandler;
}

export interface HttpServerOptions {
  log: Logger;
  /** Answers /healthz: true once the database is open and migrated. */
  healthy: () => boolean;
}

export const DEFAULT_BODY_LIMIT = 256 * 1024;

export class HttpServer {
  private readonly routes = new Map<string, Route>();
  readonly server: Server;

  constructor(private readonly options: HttpServerOptions) {
    // Timeouts are enforced when Node checks its connections; its default of every 30 s would let a
    // slow-header client hold a socket for up to 40 s instead of the 10 s below.
    this.server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => void this.dispatch(req, res));
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 30_000;
    this.server.keepAliveTimeout = 5_000;
    this.route({
      method: 'GET',
      path: '/healthz',
      handler: (_req, res) => {
        const ok = this.options.healthy();
        send(res, ok ? 200 : 503, { status: ok ? 'ok' : 'starting' });
      },
    });
  }

  route(route: Route): void {
    this.routes.set(`${route.method} ${route.path}`, route);
  }

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?', 1)[0]!;
    const route = this.routes.get(`${req.method} ${path}`);
    if (!route) {
      const pathKnown = [...this.routes.values()].some((r) => r.path === path);
      send(res, pathKnown ? 405 : 404, { error: pathKnown ? 'method not allowed' : 'not found' });
      req.resume();
      return;
    }
    try {
      const body = route.method === 'POST' ? await readBody(req, route.bodyLimit ?? DEFAULT_BODY_LIMIT) : Buffer.alloc(0);
      await route.handler(req, res, body);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        // Not 'connection: close': closing while the client is still sending makes the kernel reset
        // the connection, and the client never sees the 413. The rest is discarded (readBody).
        send(res, 413, { error: 'request body too large' });
        return;
      }
      this.options.log.error({ err: error, path }, 'request failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
      else res.end();
    }
  }
}

class BodyTooLarge extends Error {}

/** What is read (and thrown away) of a refused body before the connection is cut. */
export const DISCARD_LIMIT = 16 * 1024 * 1024;

/** Throws the rest of a refused body away unread; a client that keeps sending past the limit is cut off. */
function discardRest(req: IncomingMessage): void {
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT) req.socket.destroy();
  });
  req.resume();
}

/** Reads a request body, failing fast (before reading it all) when it exceeds `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    discardRest(req);
    return Promise.reject(new BodyTooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        chunks.length = 0;
        discardRest(req);
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, status: number, body: unknown, close = false): void {
  if (res.headersSent) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
    'content-length': Buffer.byteLength(text),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(text);
}
