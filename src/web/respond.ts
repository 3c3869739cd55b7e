// How the web page answers: strict security headers on every response, no caching of pages with
// personal data, and the session cookie.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const SESSION_COOKIE = 'clause5_session';

/** No scripts, no inline styles, no framing, forms post only back to us. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // Sign-in links carry their token in the URL: never pass it on as a referrer.
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export function sendPage(res: ServerResponse, status: number, html: string, extra: Record<string, string | string[]> = {}): void {
  const body = `<!doctype html>${html}`;
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

export function sendFile(res: ServerResponse, content: string | Buffer, type: string, filename?: string): void {
  const body = typeof content === 'string' ? Buffer.from(content) : content;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': type,
    'content-length': body.length,
    ...(filename ? { 'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"` } : {}),
  });
  res.end(body);
}

export function redirect(res: ServerResponse, location: string, extra: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { ...SECURITY_HEADERS, location, 'content-length': 0, ...extra });
  res.end();
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || undefined;
  }
  return undefined;
}

export interface CookieOptions {
  secure: boolean;
  maxAgeSeconds: number;
}

export function sessionCookie(value: string, options: CookieOptions): string {
  const parts = [`${SESSION_COOKIE}=${value}`, 'Path=/web', 'HttpOnly', 'SameSite=Lax', `Max-Age=${options.maxAgeSeconds}`];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

export function query(req: IncomingMessage): URLSearchParams {
  const url = req.url ?? '/';
  const at = url.indexOf('?');
  return new URLSearchParams(at >= 0 ? url.slice(at + 1) : '');
}

/** Form fields of an application/x-www-form-urlencoded body. */
export function formBody(body: Buffer): URLSearchParams {
  return new URLSearchParams(body.toString('utf8'));
}
